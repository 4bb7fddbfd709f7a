-- How did 行政复议 caseloads change across a province's cities from one year to another?
-- One row per prefecture-level city, indicator and year, with the change from the city's
-- previous reported year within the years asked.
--
-- dbt vars narrow it the way a researcher asks (null lifts a filter):
--   province_name          default 甘肃省       the province whose cities are compared
--   first_year, last_year  default 2020, 2024   the report years
--   dbt compile --vars '{province_name: 甘肃省, first_year: 2020, last_year: 2024}'
{% set province_name = var("province_name", "甘肃省") -%}
{% set first_year = var("first_year", 2020) -%}
{% set last_year = var("last_year", 2024) -%}
{% for year in [first_year, last_year] -%}
    {{ require_number(year, "first_year and last_year must be years such as 2020") }}
{%- endfor %}
with in_window as (

    select
        jurisdiction_id,
        province_name,
        jurisdiction_name as city,
        metric_id,
        report_year,
        value,
        qualifier,
        chosen_mention_id
    from {{ ref('metrics_by_jurisdiction_year') }}
    where metric_id in (
            'admin_reconsideration_applications_received',
            'admin_reconsideration_cases_accepted',
            'admin_reconsideration_cases_handled'
        )
        and jurisdiction_level = 'prefecture'
    {{- and_text_is('province_name', province_name) }}
    {{- and_year('report_year', '>=', first_year) }}
    {{- and_year('report_year', '<=', last_year) }}

)

select
    province_name,
    city,
    metric_id,
    report_year,
    value,
    qualifier,
    chosen_mention_id,
    value - lag(value) over (partition by jurisdiction_id, metric_id order by report_year)
        as change_from_previous_year
from in_window
order by province_name, city, metric_id, report_year
