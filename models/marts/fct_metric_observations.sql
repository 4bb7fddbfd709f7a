-- Incremental by document, like fct_quantity_mentions it filters.
{{ config(
    materialized='incremental',
    unique_key='document_id',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
    pre_hook="{{ collect_new_documents(ref('fct_quantity_mentions')) }}",
    post_hook="delete from {{ this }} where document_id not in (select document_id from {{ ref('int_document_extractions') }})"
) }}

with mentions as (

    select * from {{ ref('fct_quantity_mentions') }}
    where metric_id is not null
    {% if is_incremental() %}
        and {{ document_is_new() }}
    {% endif %}

),

documents as (

    select * from {{ ref('dim_documents') }}

),

metrics as (

    select metric_id, unit as metric_unit from {{ ref('dim_metric') }}

),

mention_metrics as (

    -- the value in the indicator's unit, where the conversion is exact
    select mention_id, metric_value, unit_factor from {{ ref('int_quantity_mention_metrics') }}

)

select
    mentions.mention_id,
    mentions.metric_id,
    documents.jurisdiction_id,
    documents.jurisdiction_name,
    documents.report_year,
    mentions.value,
    mentions.unit,
    metrics.metric_unit,
    mention_metrics.metric_value,
    mention_metrics.unit_factor,
    mentions.qualifier,
    mentions.period,
    mentions.scope,
    mentions.subject,
    mentions.surface,
    mentions.document_id,
    mentions.file_name,
    mentions.paragraph_id,
    mentions.char_start,
    mentions.char_end,
    mentions.dq_status
from mentions
inner join documents on mentions.document_id = documents.document_id
inner join metrics on mentions.metric_id = metrics.metric_id
left join mention_metrics on mentions.mention_id = mention_metrics.mention_id
-- stored by jurisdiction (admin codes start with the province's code), so a question about one
-- jurisdiction or province reads only its blocks; an incremental run appends its rows sorted
order by documents.jurisdiction_id, documents.report_year, mentions.metric_id
