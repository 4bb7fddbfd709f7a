-- Incremental by document, like the extraction it unnests: a refresh places only the mentions
-- of documents it has not placed yet, and drops those no longer extracted. `fazhi refresh`
-- rebuilds it in full when the code or the seeds change.
{{ config(
    materialized='incremental',
    unique_key='document_id',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
    pre_hook="{{ collect_new_documents(ref('int_document_extractions')) }}",
    post_hook="delete from {{ this }} where document_id not in (select document_id from {{ ref('int_document_extractions') }})"
) }}

with extractions as (

    select * from {{ ref('int_document_extractions') }}
    {% if is_incremental() %}
    where {{ document_is_new() }}
    {% endif %}

),

paragraphs as (

    select * from {{ ref('stg_paragraphs') }}
    {% if is_incremental() %}
    -- the new documents' paragraphs only: the mentions placed below are theirs
    where {{ document_is_new() }}
    {% endif %}

),

per_paragraph as (

    -- the two lists have one element per paragraph: unnested side by side they pair up
    select
        unnest(paragraph_ids) as paragraph_id,
        unnest(paragraph_mentions) as mentions
    from extractions

),

per_mention as (

    select
        paragraph_id,
        unnest(mentions) as mention
    from per_paragraph

),

placed as (

    select
        paragraphs.document_id,
        paragraphs.paragraph_id,
        paragraphs.char_start + per_mention.mention.start as char_start,
        paragraphs.char_start + per_mention.mention."end" as char_end,
        -- the surface in the script the document arrived in (conversion keeps offsets)
        substr(
            paragraphs.paragraph_text,
            per_mention.mention.start + 1,
            per_mention.mention."end" - per_mention.mention.start
        ) as surface,
        per_mention.mention.value as value,
        per_mention.mention.unit as unit,
        per_mention.mention.qualifier as qualifier,
        per_mention.mention.kind as kind,
        per_mention.mention.subject as subject,
        per_mention.mention.period as period,
        nullif(per_mention.mention.scope, '') as scope,
        per_mention.mention.chinese_numeral as chinese_numeral,
        per_mention.mention.subject_index as subject_index
    from per_mention
    inner join paragraphs on per_mention.paragraph_id = paragraphs.paragraph_id

)

select
    document_id || ':' || char_start || '-' || char_end || ':' || subject_index as mention_id,
    *
from placed
