-- Rank the jurisdictions of a province at one level (its cities, by default) on every indicator
-- and year (1 = the largest value; for rates such as 败诉率 read the rank with the indicator's
-- meaning).
-- The ranks are computed when the warehouse is built (metrics_by_jurisdiction_year.rank_in_province).
--
-- dbt vars narrow it the way a researcher asks (null lifts a filter):
--   province_name       default 甘肃省       the province
--   jurisdiction_level  default prefecture   the level compared: prefecture (the cities), county, …
--                                            (dim_jurisdiction.jurisdiction_level)
--   report_year         default null         one report year
--   metric_id           default null         one indicator (dim_metric.metric_id)
--   dbt compile --vars '{province_name: 宁夏回族自治区, jurisdiction_level: county, report_year: 2023}'
{% set province_name = var("province_name", "甘肃省") -%}
{% set jurisdiction_level = var("jurisdiction_level", "prefecture") -%}
{% set report_year = var("report_year", none) -%}
{% set metric_id = var("metric_id", none) -%}
{{ require_number(report_year, "report_year must be a year such as 2023") }}
with values_reported as (

    select
        province_name,
        jurisdiction_level,
        metric_id,
        report_year,
        jurisdiction_name,
        value,
        unit,
        rank_in_province,
        jurisdictions_reporting_in_province
    from {{ ref('metrics_by_jurisdiction_year') }}
    where true
    {{- and_text_is('province_name', province_name) }}
    {{- and_text_is('jurisdiction_level', jurisdiction_level) }}
    {{- and_year('report_year', '=', report_year) }}
    {{- and_text_is('metric_id', metric_id) }}

)

select
    province_name,
    jurisdiction_level,
    metric_id,
    report_year,
    jurisdiction_name,
    value,
    unit,
    rank_in_province,
    jurisdictions_reporting_in_province as jurisdictions_reporting
from values_reported
order by province_name, jurisdiction_level, metric_id, report_year, rank_in_province, jurisdiction_name
