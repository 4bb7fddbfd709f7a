-- A view: the original text is raw.paragraphs' own, and the simplified text of the few
-- paragraphs OpenCC changed comes from stg_document_conversions (a table: OpenCC is Python).
-- Only documents converted so far are shown, as when this was a table of its own; a document's
-- rows change only when the document lands or is replaced, so its tests in an incremental build
-- read the new documents only (macros/test_scope.sql).
{{ config(materialized='view', meta={'rows_change_by_whole_document': true}) }}

with paragraphs as (

    select * from {{ source('raw', 'paragraphs') }}

),

document_conversions as (

    select * from {{ ref('stg_document_conversions') }}

),

paragraphs_with_conversion as (

    select
        paragraphs.paragraph_id,
        paragraphs.document_id,
        paragraphs.paragraph_index,
        paragraphs.char_start,
        paragraphs.char_end,
        paragraphs.text as paragraph_text,
        document_conversions.conversions[paragraphs.paragraph_index] as conversion
    from paragraphs
    inner join document_conversions
        on paragraphs.document_id = document_conversions.document_id

)

select
    paragraph_id,
    document_id,
    paragraph_index,
    char_start,
    char_end,
    paragraph_text,
    -- same length as the original, so offsets found in it point into the original
    coalesce(conversion.paragraph_text_simplified, paragraph_text) as paragraph_text_simplified,
    length(paragraph_text) as paragraph_length,
    conversion is not null as has_traditional_characters,
    -- characters OpenCC changed: the evidence for a traditional-script document
    coalesce(conversion.changed_characters, 0) as changed_characters
from paragraphs_with_conversion
