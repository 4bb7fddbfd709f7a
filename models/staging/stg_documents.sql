with source as (

    select * from {{ source('raw', 'documents') }}

),

renamed as (

    select
        document_id,
        file_name,
        source_path,
        media_type,
        encoding as detected_encoding,
        byte_size,
        text as document_text,
        -- the page's fields (标题, 发布机构, 发布日期 …) from web pages; empty for other formats
        coalesce(metadata, map()::map(varchar, varchar)) as page_metadata,
        load_id,
        loaded_at
    from source

)

select * from renamed
