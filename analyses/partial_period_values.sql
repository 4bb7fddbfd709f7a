-- Values whose source sentence covers part of the year (1-11月, 前三季度, 截至目前) rather
-- than the full report year: a report written in December often states them.
with observations as (

    select * from {{ ref('fct_metric_observations') }}

)

select
    jurisdiction_name,
    report_year,
    metric_id,
    value,
    unit,
    period,
    surface,
    file_name,
    char_start
from observations
where period <> 'year'
order by jurisdiction_name, report_year, metric_id
