-- Every indicator value of a jurisdiction with the paragraph it was read from, so a researcher
-- can check the sentence before citing the number.
--
-- dbt vars narrow it the way a researcher asks (null lifts a filter):
--   province_name      default 甘肃省   the province (names of counties repeat across provinces)
--   jurisdiction_name  default 武威市   the jurisdiction; null = every jurisdiction of the province
--   report_year        default null     one report year
--   metric_id          default null     one indicator (dim_metric.metric_id)
--   dbt compile --vars '{province_name: 宁夏回族自治区, jurisdiction_name: 平罗县, report_year: 2023}'
{% set province_name = var("province_name", "甘肃省") -%}
{% set jurisdiction_name = var("jurisdiction_name", "武威市") -%}
{% set report_year = var("report_year", none) -%}
{% set metric_id = var("metric_id", none) -%}
{% set narrowed = [province_name, jurisdiction_name, report_year, metric_id] | reject("none") | list -%}
{{ require_number(report_year, "report_year must be a year such as 2023") }}
with
{%- if province_name is not none or jurisdiction_name is not none %}

jurisdictions as (

    select jurisdiction_id
    from {{ ref('dim_jurisdiction') }}
    where true
    {{- and_text_is('province_name', province_name) }}
    {{- and_text_is('jurisdiction_name', jurisdiction_name) }}

),
{%- endif %}

observations as (

    select
        jurisdiction_name,
        report_year,
        metric_id,
        value,
        unit,
        surface,
        file_name,
        char_start,
        char_end,
        document_id,
        paragraph_id
    from {{ ref('fct_metric_observations') }}
    where true
    {%- if province_name is not none or jurisdiction_name is not none %}
        and jurisdiction_id in (select jurisdiction_id from jurisdictions)
    {%- endif %}
    {{- and_year('report_year', '=', report_year) }}
    {{- and_text_is('metric_id', metric_id) }}

),

paragraphs as (

    select paragraph_id, paragraph_text
    from {{ ref('stg_paragraphs') }}
    {%- if narrowed %}
    -- only the paragraphs of the reports asked about: a few reports' text is read, not the
    -- whole warehouse's
    where document_id in (select document_id from observations)
    {%- endif %}

)

select
    observations.jurisdiction_name,
    observations.report_year,
    observations.metric_id,
    observations.value,
    observations.unit,
    observations.surface,
    observations.file_name,
    observations.char_start,
    observations.char_end,
    paragraphs.paragraph_text as source_paragraph
from observations
inner join paragraphs on observations.paragraph_id = paragraphs.paragraph_id
order by
    observations.jurisdiction_name, observations.report_year, observations.metric_id,
    observations.file_name, observations.char_start
