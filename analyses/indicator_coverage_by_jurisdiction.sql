-- Which indicators does each jurisdiction of a province report, and for which years?
-- One row per jurisdiction and year: how many catalog indicators have a value, and which.
--
-- dbt vars narrow it the way a researcher asks (null lifts a filter):
--   province_name  default 甘肃省   the province whose jurisdictions are listed
--   dbt compile --vars '{province_name: 宁夏回族自治区}'
{% set province_name = var("province_name", "甘肃省") -%}
with values_reported as (

    select jurisdiction_id, jurisdiction_name, report_year, metric_id
    from {{ ref('metrics_by_jurisdiction_year') }}
    where true
    {{- and_text_is('province_name', province_name) }}

)

select
    jurisdiction_id,
    jurisdiction_name,
    report_year,
    count(*) as indicators_reported,
    list(metric_id order by metric_id) as metric_ids
from values_reported
group by jurisdiction_id, jurisdiction_name, report_year
order by jurisdiction_name, report_year, jurisdiction_id
