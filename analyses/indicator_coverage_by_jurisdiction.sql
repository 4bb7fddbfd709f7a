-- Which indicators does each jurisdiction report, and for which years?
-- One row per jurisdiction and year: how many catalog indicators have a value, and which.
with values_reported as (

    select * from {{ ref('metrics_by_jurisdiction_year') }}

)

select
    jurisdiction_id,
    jurisdiction_name,
    report_year,
    count(*) as indicators_reported,
    list(metric_id order by metric_id) as metric_ids
from values_reported
group by jurisdiction_id, jurisdiction_name, report_year
order by jurisdiction_name, report_year
