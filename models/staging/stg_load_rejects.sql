with source as (

    select * from {{ source('raw', 'rejects') }}

),

renamed as (

    select
        load_id,
        source_path,
        file_name,
        byte_size,
        content_hash,
        reason,
        reason_code,
        rejected_at
    from source

)

select * from renamed
