with extractions as (

    select * from {{ ref('int_document_extractions') }}

),

paragraphs as (

    select * from {{ ref('stg_paragraphs') }}

),

per_paragraph as (

    -- the two lists have one element per paragraph: unnested side by side they pair up
    select
        unnest(paragraph_ids) as paragraph_id,
        unnest(paragraph_mentions) as mentions
    from extractions

),

per_mention as (

    select
        paragraph_id,
        unnest(mentions) as mention
    from per_paragraph

),

placed as (

    select
        paragraphs.document_id,
        paragraphs.paragraph_id,
        paragraphs.char_start + per_mention.mention.start as char_start,
        paragraphs.char_start + per_mention.mention."end" as char_end,
        -- the surface in the script the document arrived in (conversion keeps offsets)
        substr(
            paragraphs.paragraph_text,
            per_mention.mention.start + 1,
            per_mention.mention."end" - per_mention.mention.start
        ) as surface,
        per_mention.mention.value as value,
        per_mention.mention.unit as unit,
        per_mention.mention.qualifier as qualifier,
        per_mention.mention.kind as kind,
        per_mention.mention.subject as subject,
        per_mention.mention.period as period,
        nullif(per_mention.mention.scope, '') as scope,
        per_mention.mention.chinese_numeral as chinese_numeral,
        per_mention.mention.subject_index as subject_index
    from per_mention
    inner join paragraphs on per_mention.paragraph_id = paragraphs.paragraph_id

)

select
    document_id || ':' || char_start || '-' || char_end || ':' || subject_index as mention_id,
    *
from placed
