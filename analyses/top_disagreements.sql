-- Where does a report (or several reports) state different values for the same indicator,
-- jurisdiction and year? The widest relative spread first. The spread is computed when the
-- warehouse is built (metrics_by_jurisdiction_year.smallest_stated_value, largest_stated_value,
-- relative_spread).
--
-- dbt vars narrow it the way a researcher asks (null lifts a filter):
--   top_n        default 100    how many disagreements, widest first
--   report_year  default null   one report year
--   metric_id    default null   one indicator (dim_metric.metric_id)
--   dbt compile --vars '{top_n: 20, metric_id: admin_litigation_loss_rate}'
{% set top_n = var("top_n", 100) -%}
{% set report_year = var("report_year", none) -%}
{% set metric_id = var("metric_id", none) -%}
{% for given in [top_n, report_year] -%}
    {{ require_number(given, "top_n and report_year must be numbers") }}
{%- endfor %}
with disagreements as (

    select
        jurisdiction_id,
        jurisdiction_name,
        report_year,
        metric_id,
        value,
        smallest_stated_value,
        largest_stated_value,
        relative_spread,
        n_supporting_mentions,
        supporting_surfaces
    from {{ ref('metrics_by_jurisdiction_year') }}
    where has_disagreement
    {{- and_year('report_year', '=', report_year) }}
    {{- and_text_is('metric_id', metric_id) }}

)

select
    jurisdiction_name,
    report_year,
    metric_id,
    value as chosen_value,
    smallest_stated_value as smallest_value,
    largest_stated_value as largest_value,
    round(relative_spread, 3) as relative_spread,
    n_supporting_mentions,
    supporting_surfaces as surfaces
from disagreements
order by disagreements.relative_spread desc nulls last, jurisdiction_id, report_year, metric_id
{%- if top_n is not none %}
limit {{ top_n | int }}
{%- endif %}
