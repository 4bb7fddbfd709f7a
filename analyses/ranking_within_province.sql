-- Rank the jurisdictions of each province and level on every indicator and year
-- (1 = the largest value; for rates such as 败诉率 read the rank with the indicator's meaning).
with values_reported as (

    select * from {{ ref('metrics_by_jurisdiction_year') }}

),

jurisdictions as (

    select jurisdiction_id, jurisdiction_level, province_name
    from {{ ref('dim_jurisdiction') }}

)

select
    jurisdictions.province_name,
    jurisdictions.jurisdiction_level,
    values_reported.metric_id,
    values_reported.report_year,
    values_reported.jurisdiction_name,
    values_reported.value,
    values_reported.unit,
    rank() over (
        partition by jurisdictions.province_name, jurisdictions.jurisdiction_level,
            values_reported.metric_id, values_reported.report_year
        order by values_reported.value desc
    ) as rank_in_province,
    count(*) over (
        partition by jurisdictions.province_name, jurisdictions.jurisdiction_level,
            values_reported.metric_id, values_reported.report_year
    ) as jurisdictions_reporting
from values_reported
inner join jurisdictions on values_reported.jurisdiction_id = jurisdictions.jurisdiction_id
order by 1, 2, 3, 4, rank_in_province
