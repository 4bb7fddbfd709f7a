with documents as (

    select * from {{ ref('int_documents_attributed') }}

),

extractions as (

    select document_id, extraction_error from {{ ref('int_document_extractions') }}

),

copies as (

    select document_id, content_key, duplicate_of from {{ ref('int_document_copies') }}

)

select
    document_id,
    file_name,
    source_path,
    title,
    jurisdiction_id,
    jurisdiction_name,
    jurisdiction_level,
    admin_code,
    parent_chain,
    report_year,
    publish_date,
    issuer,
    script,
    media_type,
    detected_encoding,
    byte_size,
    text_length,
    load_id,
    loaded_at,
    attribution_error,
    extractions.extraction_error,
    copies.content_key,
    copies.duplicate_of
from documents
left join extractions using (document_id)
left join copies using (document_id)
