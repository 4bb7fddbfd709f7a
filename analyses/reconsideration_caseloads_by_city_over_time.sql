-- How did 行政复议 caseloads change across a province's cities from one year to another?
-- One row per prefecture-level city, indicator and year, with the change from the city's
-- previous reported year. Set the province and the years with dbt vars:
--   dbt compile --vars '{province_name: 甘肃省, first_year: 2020, last_year: 2024}'
with values_reported as (

    select * from {{ ref('metrics_by_jurisdiction_year') }}
    where metric_id in (
        'admin_reconsideration_applications_received',
        'admin_reconsideration_cases_accepted',
        'admin_reconsideration_cases_handled'
    )

),

cities as (

    select jurisdiction_id, jurisdiction_name, province_name
    from {{ ref('dim_jurisdiction') }}
    where jurisdiction_level = 'prefecture'
        and province_name = '{{ var("province_name", "甘肃省") }}'

),

in_window as (

    select
        cities.province_name,
        cities.jurisdiction_name as city,
        values_reported.metric_id,
        values_reported.report_year,
        values_reported.value,
        values_reported.qualifier,
        values_reported.chosen_mention_id
    from values_reported
    inner join cities on values_reported.jurisdiction_id = cities.jurisdiction_id
    where values_reported.report_year
        between {{ var("first_year", 2020) }} and {{ var("last_year", 2024) }}

)

select
    *,
    value - lag(value) over (partition by city, metric_id order by report_year) as change_from_previous_year
from in_window
order by city, metric_id, report_year
