{{ config(materialized='table') }}

with source as (

    select * from {{ source('raw', 'paragraphs') }}

),

simplified as (

    select
        paragraph_id,
        document_id,
        paragraph_index,
        char_start,
        char_end,
        text as paragraph_text,
        -- same length as the original, so offsets found in it point into the original
        to_simplified(text) as paragraph_text_simplified
    from source

)

select
    *,
    length(paragraph_text) as paragraph_length,
    paragraph_text <> paragraph_text_simplified as has_traditional_characters,
    -- characters OpenCC changed: the evidence for a traditional-script document
    changed_characters(paragraph_text, paragraph_text_simplified) as changed_characters
from simplified
