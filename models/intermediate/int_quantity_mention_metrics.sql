-- Which catalog indicator a mention is a value of (at most one): decided per document by the
-- Python mapper (indicators/, vocabulary in seeds/metric_*.csv), one row per mapped mention.
-- Incremental by document, like the mapping it unnests.
{{ config(
    materialized='incremental',
    unique_key='document_id',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
    pre_hook="{{ collect_new_documents(ref('int_document_metric_mappings')) }}",
    post_hook="delete from {{ this }} where document_id not in (select document_id from {{ ref('int_document_metric_mappings') }})"
) }}

with mappings as (

    select * from {{ ref('int_document_metric_mappings') }}
    {% if is_incremental() %}
    where {{ document_is_new() }}
    {% endif %}

),

matches as (

    select document_id, unnest(matches) as match
    from mappings

)

select
    match.mention_id as mention_id,
    document_id,
    match.metric_id as metric_id,
    match.metric_value as metric_value,
    match.metric_unit as metric_unit,
    match.unit_factor as unit_factor,
    match.matched_alias as matched_alias,
    match.evidence as evidence,
    match.distance_to_value as distance_to_value
from matches
