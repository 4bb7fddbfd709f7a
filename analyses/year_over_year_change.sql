-- Year-over-year change of every indicator a jurisdiction of a province reports in consecutive
-- years. The previous year's value is found when the warehouse is built
-- (metrics_by_jurisdiction_year.previous_report_year, previous_value).
--
-- dbt vars narrow it the way a researcher asks (null lifts a filter):
--   province_name  default 甘肃省   the province whose jurisdictions are listed
--   metric_id      default null     one indicator (dim_metric.metric_id)
--   dbt compile --vars '{province_name: 宁夏回族自治区, metric_id: admin_litigation_cases}'
{% set province_name = var("province_name", "甘肃省") -%}
{% set metric_id = var("metric_id", none) -%}
with consecutive_years as (

    select
        jurisdiction_name,
        metric_id,
        previous_report_year,
        report_year,
        previous_value,
        value,
        unit
    from {{ ref('metrics_by_jurisdiction_year') }}
    where previous_report_year = report_year - 1
    {{- and_text_is('province_name', province_name) }}
    {{- and_text_is('metric_id', metric_id) }}

)

select
    jurisdiction_name,
    metric_id,
    previous_report_year as previous_year,
    report_year,
    previous_value,
    value,
    unit,
    value - previous_value as absolute_change,
    case when previous_value <> 0 then round(100 * (value - previous_value) / previous_value, 1) end
        as percent_change
from consecutive_years
order by jurisdiction_name, metric_id, report_year
