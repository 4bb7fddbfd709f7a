-- Copies of one report (a web page and its PDF, a simplified and a traditional copy, GB18030 and
-- UTF-8 files) are different documents in raw, kept as they arrived, and one report in the marts.
-- The content key folds away what copies differ in (script, width, spaces, punctuation, line
-- breaks: hanzi/fingerprint.py); per key one canonical document is chosen: simplified before
-- traditional, then the one with page fields (发布日期 …), then the longest text, then the first landed.
with documents as (

    select * from {{ ref('int_documents_attributed') }}

),

staged as (

    select document_id, page_metadata from {{ ref('stg_documents') }}

),

keyed as (

    select * from {{ ref('int_document_content_keys') }}

),

ranked as (

    select
        documents.document_id,
        keyed.content_key,
        count(*) over (partition by keyed.content_key) as n_copies,
        first_value(documents.document_id) over copies as canonical_document_id
    from documents
    inner join keyed on documents.document_id = keyed.document_id
    inner join staged on documents.document_id = staged.document_id
    window copies as (
        partition by keyed.content_key
        order by
            documents.script = 'simplified' desc,
            cardinality(staged.page_metadata) desc,
            documents.text_length desc,
            documents.loaded_at,
            documents.document_id
        rows between unbounded preceding and unbounded following
    )

)

select
    document_id,
    content_key,
    n_copies,
    case when document_id <> canonical_document_id then canonical_document_id end as duplicate_of
from ranked
