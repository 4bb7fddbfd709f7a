with gazetteer as (

    select * from {{ ref('jurisdictions') }}

),

documents as (

    select * from {{ ref('int_documents_attributed') }}

),

listed as (

    select
        jurisdiction_id,
        name as jurisdiction_name,
        level as jurisdiction_level,
        jurisdiction_id as admin_code,
        nullif(parent_id, '') as parent_jurisdiction_id,
        true as in_gazetteer
    from gazetteer

),

found_in_reports as (

    select
        jurisdiction_id,
        any_value(jurisdiction_name) as jurisdiction_name,
        any_value(jurisdiction_level) as jurisdiction_level,
        any_value(admin_code) as admin_code,
        any_value(parent_jurisdiction_id) as parent_jurisdiction_id,
        false as in_gazetteer
    from documents
    where jurisdiction_id is not null
        and jurisdiction_id not in (select jurisdiction_id from listed)
    group by jurisdiction_id

)

select * from listed
union all
select * from found_in_reports
