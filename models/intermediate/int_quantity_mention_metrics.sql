-- Which catalog indicator a mention is a value of (at most one): decided per document by the
-- Python mapper (indicators/, vocabulary in seeds/metric_*.csv), one row per mapped mention.
with mappings as (

    select * from {{ ref('int_document_metric_mappings') }}

),

matches as (

    select unnest(matches) as match
    from mappings

)

select
    match.mention_id as mention_id,
    match.metric_id as metric_id,
    match.metric_value as metric_value,
    match.metric_unit as metric_unit,
    match.unit_factor as unit_factor,
    match.matched_alias as matched_alias,
    match.evidence as evidence,
    match.distance_to_value as distance_to_value
from matches
