-- Year-over-year change of every indicator a jurisdiction reports in consecutive years.
with values_reported as (

    select * from {{ ref('metrics_by_jurisdiction_year') }}

),

with_previous as (

    select
        jurisdiction_id,
        jurisdiction_name,
        metric_id,
        report_year,
        value,
        unit,
        lag(report_year) over (partition by jurisdiction_id, metric_id order by report_year) as previous_year,
        lag(value) over (partition by jurisdiction_id, metric_id order by report_year) as previous_value
    from values_reported

)

select
    jurisdiction_name,
    metric_id,
    previous_year,
    report_year,
    previous_value,
    value,
    unit,
    value - previous_value as absolute_change,
    case when previous_value <> 0 then round(100 * (value - previous_value) / previous_value, 1) end
        as percent_change
from with_previous
where previous_year = report_year - 1
order by jurisdiction_name, metric_id, report_year
