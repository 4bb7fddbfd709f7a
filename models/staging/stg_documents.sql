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
        load_id,
        loaded_at
    from source

)

select * from renamed
