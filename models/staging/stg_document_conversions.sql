-- What OpenCC changed in each document: one row per document, with only the paragraphs whose
-- simplified text differs from the original (most reports have none). stg_paragraphs, a view,
-- reads the original text from raw.paragraphs and the conversion from here, so the text is
-- stored once, not three times (at 100,000 reports the old table of both texts was 1.8 GB of a
-- 7 GB file that every publish copies).
-- Incremental by document: OpenCC is the slow part of a build, so a refresh converts only the
-- documents it has not converted yet (a document's paragraphs land together, in one transaction),
-- and drops those no longer in raw (a changed file replaced them). `fazhi refresh` rebuilds it in
-- full when the code or the seeds change.
{{ config(
    materialized='incremental',
    unique_key='document_id',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
    pre_hook="{{ collect_new_documents(source('raw', 'paragraphs')) }}",
    post_hook="delete from {{ this }} where document_id not in (select document_id from {{ source('raw', 'documents') }})"
) }}

with paragraphs as (

    select * from {{ source('raw', 'paragraphs') }}
    {% if is_incremental() %}
    where {{ document_is_new() }}
    {% endif %}

),

simplified as (

    select
        document_id,
        paragraph_index,
        text as paragraph_text,
        -- same length as the original, so offsets found in it point into the original; text with
        -- no character OpenCC could change skips Python (may_need_simplification, a macro of the
        -- dbt plugin: one regex scan in DuckDB)
        case
            when may_need_simplification(text) then to_simplified(text)
            else text
        end as paragraph_text_simplified
    from paragraphs

),

changed as (

    select
        document_id,
        paragraph_index,
        paragraph_text_simplified,
        paragraph_text <> paragraph_text_simplified as is_changed,
        case
            when is_changed then changed_characters(paragraph_text, paragraph_text_simplified)
        end as changed_characters
    from simplified

)

select
    document_id,
    cast(count(*) filter (where is_changed) as integer) as converted_paragraphs,
    -- null when OpenCC changed nothing in the document
    map_from_entries(
        list(
            (
                paragraph_index,
                {
                    'paragraph_text_simplified': paragraph_text_simplified,
                    'changed_characters': changed_characters
                }
            )
            order by paragraph_index
        ) filter (where is_changed)
    ) as conversions
from changed
group by document_id
