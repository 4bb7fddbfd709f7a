-- Incremental by document: a refresh adds the mentions of the documents it has not seen and
-- drops those of documents no longer extracted (gone, or now a copy of a better one). Every
-- column is a function of the document and the seeds; `fazhi refresh` rebuilds it in full when
-- the code or the seeds change.
{{ config(
    materialized='incremental',
    unique_key='document_id',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
    pre_hook="{{ collect_new_documents(ref('int_quantity_mentions')) }}",
    post_hook="delete from {{ this }} where document_id not in (select document_id from {{ ref('int_document_extractions') }})"
) }}

with mentions as (

    select * from {{ ref('int_quantity_mentions') }}
    {% if is_incremental() %}
    where {{ document_is_new() }}
    {% endif %}

),

mention_metrics as (

    select * from {{ ref('int_quantity_mention_metrics') }}

),

documents as (

    select document_id, file_name from {{ ref('int_documents_attributed') }}

),

catalog_ranges as (

    select metric_id, valid_min, valid_max from {{ ref('metric_catalog') }}

),

kind_ranges as (

    select kind, unit, valid_min, valid_max from {{ ref('dq_kind_ranges') }}

),

reviewed_exceptions as (

    select document_id, surface, nullif(mention_id, '') as mention_id from {{ ref('dq_reviewed_exceptions') }}

),

joined as (

    select
        mentions.*,
        documents.file_name,
        mention_metrics.metric_id,
        -- the indicator's catalog range when the mention is one; else its kind's (unit first, then *)
        case when mention_metrics.metric_id is not null then catalog_ranges.valid_min
            else coalesce(unit_range.valid_min, any_unit_range.valid_min) end as dq_valid_min,
        case when mention_metrics.metric_id is not null then catalog_ranges.valid_max
            else coalesce(unit_range.valid_max, any_unit_range.valid_max) end as dq_valid_max
    from mentions
    inner join documents on mentions.document_id = documents.document_id
    left join mention_metrics on mentions.mention_id = mention_metrics.mention_id
    left join catalog_ranges on mention_metrics.metric_id = catalog_ranges.metric_id
    left join kind_ranges as unit_range
        on mentions.kind = unit_range.kind and mentions.unit = unit_range.unit
    left join kind_ranges as any_unit_range
        on mentions.kind = any_unit_range.kind and any_unit_range.unit = '*'

),

flagged as (

    select
        joined.*,
        -- a value outside its range is kept as the report states it, and flagged
        coalesce(joined.value < joined.dq_valid_min or joined.value > joined.dq_valid_max, false)
            as is_out_of_range,
        exists (
            select 1 from reviewed_exceptions as ex
            where ex.mention_id = joined.mention_id
                or (ex.mention_id is null and ex.document_id = joined.document_id and ex.surface = joined.surface)
        ) as is_reviewed
    from joined

)

select
    mention_id,
    document_id,
    file_name,
    paragraph_id,
    char_start,
    char_end,
    surface,
    value,
    unit,
    qualifier,
    kind,
    subject,
    period,
    scope,
    metric_id,
    chinese_numeral,
    subject_index,
    dq_valid_min,
    dq_valid_max,
    case
        when not is_out_of_range then 'ok'
        when is_reviewed then 'reviewed_exception'
        else 'out_of_range'
    end as dq_status
from flagged
