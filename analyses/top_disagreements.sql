-- Where does a report (or several reports) state different values for the same indicator,
-- jurisdiction and year? The widest relative spread first.
with values_reported as (

    select * from {{ ref('metrics_by_jurisdiction_year') }}
    where has_disagreement

),

observations as (

    select * from {{ ref('fct_metric_observations') }}

),

spread as (

    select
        observations.jurisdiction_id,
        observations.report_year,
        observations.metric_id,
        min(observations.value) as smallest_value,
        max(observations.value) as largest_value,
        list(observations.surface order by observations.char_start) as surfaces
    from observations
    inner join values_reported
        on observations.jurisdiction_id = values_reported.jurisdiction_id
        and observations.report_year = values_reported.report_year
        and observations.metric_id = values_reported.metric_id
    group by observations.jurisdiction_id, observations.report_year, observations.metric_id

)

select
    values_reported.jurisdiction_name,
    values_reported.report_year,
    values_reported.metric_id,
    values_reported.value as chosen_value,
    spread.smallest_value,
    spread.largest_value,
    case when spread.largest_value > 0
        then round((spread.largest_value - spread.smallest_value) / spread.largest_value, 3)
    end as relative_spread,
    values_reported.n_supporting_mentions,
    spread.surfaces
from values_reported
inner join spread
    on values_reported.jurisdiction_id = spread.jurisdiction_id
    and values_reported.report_year = spread.report_year
    and values_reported.metric_id = spread.metric_id
order by relative_spread desc nulls last
