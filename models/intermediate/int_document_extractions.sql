-- Incremental by document: extraction is a Python UDF, so a refresh extracts only the canonical
-- documents it has not extracted yet, and drops those that left staging or became a copy of a
-- better one. `fazhi refresh` rebuilds it in full when the code or the seeds change.
{{ config(
    materialized='incremental',
    unique_key='document_id',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
    pre_hook="{{ collect_new_documents(ref('stg_paragraphs')) }}",
    post_hook="delete from {{ this }} where document_id not in (select document_id from {{ ref('int_document_copies') }} where duplicate_of is null)"
) }}

-- The extractor reads a document's paragraphs in order (a table states its unit once, above
-- its rows), so it runs once per document and returns the mentions of each paragraph.
with paragraphs as (

    select * from {{ ref('stg_paragraphs') }}

),

documents as (

    select
        document_id,
        {{ ordered_list(['paragraph_index'], 'paragraph_id') }} as paragraph_ids,
        {{ ordered_list(['paragraph_index'], 'paragraph_text_simplified') }} as paragraph_texts
    from paragraphs
    -- each report once: another copy of a report already landed (int_document_copies) is not
    -- extracted, so its quantities are counted once, from the canonical copy
    where document_id not in (
        select document_id from {{ ref('int_document_copies') }} where duplicate_of is not null
    )
    {% if is_incremental() %}
        and {{ document_is_new() }}
    {% endif %}
    group by document_id

),

extracted as (

    select
        document_id,
        paragraph_ids,
        extract_document_quantities(paragraph_texts) as extraction
    from documents

)

select
    document_id,
    paragraph_ids,
    extraction.mentions as paragraph_mentions,
    extraction.error as extraction_error
from extracted
