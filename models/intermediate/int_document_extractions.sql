-- The extractor reads a document's paragraphs in order (a table states its unit once, above
-- its rows), so it runs once per document and returns the mentions of each paragraph.
with paragraphs as (

    select * from {{ ref('stg_paragraphs') }}

),

documents as (

    select
        document_id,
        list(paragraph_id order by paragraph_index) as paragraph_ids,
        list(paragraph_text_simplified order by paragraph_index) as paragraph_texts
    from paragraphs
    -- each report once: another copy of a report already landed (int_document_copies) is not
    -- extracted, so its quantities are counted once, from the canonical copy
    where document_id not in (
        select document_id from {{ ref('int_document_copies') }} where duplicate_of is not null
    )
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
