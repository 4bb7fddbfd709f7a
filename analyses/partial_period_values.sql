-- Values whose source sentence covers part of the year (1-11月, 前三季度, 截至目前) rather
-- than the full report year: a report written in December often states them.
--
-- dbt vars narrow it the way a researcher asks (null lifts a filter):
--   province_name  default 甘肃省   the province whose jurisdictions' values are listed
--   report_year    default null     one report year
--   metric_id      default null     one indicator (dim_metric.metric_id)
--   dbt compile --vars '{province_name: 宁夏回族自治区, report_year: 2023}'
{% set province_name = var("province_name", "甘肃省") -%}
{% set report_year = var("report_year", none) -%}
{% set metric_id = var("metric_id", none) -%}
{{ require_number(report_year, "report_year must be a year such as 2023") }}
with
{%- if province_name is not none %}

jurisdictions as (

    select jurisdiction_id
    from {{ ref('dim_jurisdiction') }}
    where true
    {{- and_text_is('province_name', province_name) }}

),
{%- endif %}

observations as (

    select
        jurisdiction_id,
        jurisdiction_name,
        report_year,
        metric_id,
        value,
        unit,
        period,
        surface,
        file_name,
        char_start
    from {{ ref('fct_metric_observations') }}
    where period <> 'year'
    {{- and_year('report_year', '=', report_year) }}
    {{- and_text_is('metric_id', metric_id) }}
    {%- if province_name is not none %}
        and jurisdiction_id in (select jurisdiction_id from jurisdictions)
    {%- endif %}

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
order by jurisdiction_name, report_year, metric_id, file_name, char_start
