with documents as (

    select * from {{ ref('int_documents_attributed') }}

),

extractions as (

    select document_id, extraction_error from {{ ref('int_document_extractions') }}

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
    extractions.extraction_error
from documents
left join extractions using (document_id)
