-- Incremental by document: OpenCC is the slow part of a build, so a refresh converts only the
-- paragraphs of documents it has not converted yet (a document's paragraphs land together, in
-- one transaction), and drops those of documents no longer in raw (a changed file replaced
-- them). `fazhi refresh` rebuilds it in full when the code or the seeds change.
{{ config(
    materialized='incremental',
    unique_key='document_id',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
    post_hook="delete from {{ this }} where document_id not in (select document_id from {{ source('raw', 'documents') }})"
) }}

with source as (

    select * from {{ source('raw', 'paragraphs') }}
    {% if is_incremental() %}
    where document_id not in (select distinct document_id from {{ this }})
    {% endif %}

),

simplified as (

    select
        paragraph_id,
        document_id,
        paragraph_index,
        char_start,
        char_end,
        text as paragraph_text,
        -- same length as the original, so offsets found in it point into the original; text
        -- with no character OpenCC could change skips Python (may_need_simplification, a macro
        -- of the dbt plugin: one regex scan in DuckDB)
        case
            when may_need_simplification(text) then to_simplified(text)
            else text
        end as paragraph_text_simplified
    from source

)

select
    *,
    length(paragraph_text) as paragraph_length,
    paragraph_text <> paragraph_text_simplified as has_traditional_characters,
    -- characters OpenCC changed: the evidence for a traditional-script document
    case
        when paragraph_text = paragraph_text_simplified then 0
        else changed_characters(paragraph_text, paragraph_text_simplified)
    end as changed_characters
from simplified
