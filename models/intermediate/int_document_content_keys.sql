-- The content key of every document (hanzi/fingerprint.py, a Python UDF): incremental by
-- document, so a refresh keys only the documents it has not seen.
{{ config(
    materialized='incremental',
    unique_key='document_id',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
    pre_hook="{{ collect_new_documents(ref('stg_paragraphs')) }}",
    post_hook="delete from {{ this }} where document_id not in (select document_id from {{ ref('stg_paragraphs') }})"
) }}

with paragraphs as (

    select * from {{ ref('stg_paragraphs') }}
    {% if is_incremental() %}
    where {{ document_is_new() }}
    {% endif %}

)

select
    document_id,
    -- paragraphs joined without a separator: line breaks are layout, not content
    simplified_content_key(
        array_to_string({{ ordered_list(['paragraph_index'], 'paragraph_text_simplified') }}, '')
    ) as content_key
from paragraphs
group by document_id
