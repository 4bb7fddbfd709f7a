with gazetteer as (

    select * from {{ ref('jurisdictions') }}

),

documents as (

    select * from {{ ref('int_documents_attributed') }}

),

provinces as (

    select jurisdiction_id as province_id, name as province_name
    from gazetteer
    where level = 'province'

),

listed as (

    select
        jurisdiction_id,
        name as jurisdiction_name,
        level as jurisdiction_level,
        jurisdiction_id as admin_code,
        nullif(parent_id, '') as parent_jurisdiction_id,
        nullif(parent_chain, '') as parent_chain,
        province_id,
        true as in_gazetteer
    from gazetteer

),

found_in_reports as (

    -- townships, development zones and departments: not in the gazetteer, placed under
    -- the listed jurisdiction the report names as their parent
    select
        documents.jurisdiction_id,
        any_value(documents.jurisdiction_name) as jurisdiction_name,
        any_value(documents.jurisdiction_level) as jurisdiction_level,
        any_value(documents.admin_code) as admin_code,
        any_value(documents.parent_jurisdiction_id) as parent_jurisdiction_id,
        any_value(documents.parent_chain) as parent_chain,
        any_value(parents.province_id) as province_id,
        false as in_gazetteer
    from documents
    left join listed as parents on documents.parent_jurisdiction_id = parents.jurisdiction_id
    where documents.jurisdiction_id is not null
        and documents.jurisdiction_id not in (select jurisdiction_id from listed)
    group by documents.jurisdiction_id

),

all_jurisdictions as (

    select * from listed
    union all
    select * from found_in_reports

)

select
    all_jurisdictions.jurisdiction_id,
    all_jurisdictions.jurisdiction_name,
    all_jurisdictions.jurisdiction_level,
    all_jurisdictions.admin_code,
    all_jurisdictions.parent_jurisdiction_id,
    all_jurisdictions.parent_chain,
    all_jurisdictions.province_id,
    provinces.province_name,
    all_jurisdictions.in_gazetteer
from all_jurisdictions
left join provinces on all_jurisdictions.province_id = provinces.province_id
