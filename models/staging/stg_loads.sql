with source as (

    select * from {{ source('raw', 'loads') }}

),

renamed as (

    select
        load_id,
        started_at,
        finished_at,
        inputs,
        files_seen,
        files_landed,
        files_already_landed,
        files_rejected,
        files_identical_copies
    from source

)

select * from renamed
