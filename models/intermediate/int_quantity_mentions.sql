with paragraphs as (

    select * from {{ ref('stg_paragraphs') }}

),

extracted as (

    select
        document_id,
        paragraph_id,
        char_start as paragraph_start,
        paragraph_text,
        paragraph_text_simplified,
        unnest(extract_quantities(paragraph_text_simplified)) as mention
    from paragraphs

),

placed as (

    select
        document_id,
        paragraph_id,
        paragraph_start + mention.start as char_start,
        paragraph_start + mention."end" as char_end,
        -- the surface in the script the document arrived in (conversion keeps offsets)
        substr(paragraph_text, mention.start + 1, mention."end" - mention.start) as surface,
        mention.value as value,
        mention.unit as unit,
        mention.qualifier as qualifier,
        mention.kind as kind,
        mention.subject as subject,
        mention.period as period,
        nullif(mention.scope, '') as scope,
        mention.chinese_numeral as chinese_numeral,
        mention.subject_index as subject_index,
        -- the sentence up to the quantity: what the metric mapping reads
        regexp_extract(
            left(paragraph_text_simplified, mention."end"), '[^。;;!?!?]*$'
        ) as clause_simplified
    from extracted

)

select
    document_id || ':' || char_start || '-' || char_end || ':' || subject_index as mention_id,
    *
from placed
