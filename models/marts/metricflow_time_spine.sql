-- MetricFlow's time spine: one row per day (the semantic layer's metrics are by year; MetricFlow
-- requires a daily spine to resolve any time grain).
select cast(day as date) as date_day
from generate_series(date '2000-01-01', date '2035-12-31', interval 1 day) as spine (day)
