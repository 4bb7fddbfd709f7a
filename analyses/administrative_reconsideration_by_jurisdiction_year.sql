-- 行政复议: cases received, accepted and handled, by jurisdiction and year, with the
-- paragraph each value comes from (a researcher checks the source before citing it).
--
-- dbt vars narrow it the way a researcher asks (null lifts a filter):
--   province_name          default 甘肃省       the province whose jurisdictions are listed
--   first_year, last_year  default 2020, 2024   the report years
--   dbt compile --vars '{province_name: 宁夏回族自治区, first_year: null, last_year: null}'
{% set province_name = var("province_name", "甘肃省") -%}
{% set first_year = var("first_year", 2020) -%}
{% set last_year = var("last_year", 2024) -%}
{% for year in [first_year, last_year] -%}
    {{ require_number(year, "first_year and last_year must be years such as 2020") }}
{%- endfor %}
with values_reported as (

    select
        jurisdiction_name,
        report_year,
        metric_id,
        value,
        unit,
        qualifier,
        has_disagreement,
        chosen_paragraph_id
    from {{ ref('metrics_by_jurisdiction_year') }}
    where metric_id like 'admin_reconsideration_%'
    {{- and_text_is('province_name', province_name) }}
    {{- and_year('report_year', '>=', first_year) }}
    {{- and_year('report_year', '<=', last_year) }}

),

metrics as (

    select metric_id, name_zh from {{ ref('dim_metric') }}

)

select
    values_reported.jurisdiction_name,
    values_reported.report_year,
    metrics.name_zh as indicator,
    values_reported.value,
    values_reported.unit,
    values_reported.qualifier,
    values_reported.has_disagreement,
    values_reported.chosen_paragraph_id as source_paragraph_id
from values_reported
inner join metrics on values_reported.metric_id = metrics.metric_id
order by values_reported.jurisdiction_name, values_reported.report_year, metrics.name_zh
