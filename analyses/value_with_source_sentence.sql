-- Every indicator value with the paragraph it was read from, so a researcher can check the
-- sentence before citing the number.
with observations as (

    select * from {{ ref('fct_metric_observations') }}

),

paragraphs as (

    select paragraph_id, paragraph_text from {{ ref('stg_paragraphs') }}

)

select
    observations.jurisdiction_name,
    observations.report_year,
    observations.metric_id,
    observations.value,
    observations.unit,
    observations.surface,
    observations.file_name,
    observations.char_start,
    observations.char_end,
    paragraphs.paragraph_text as source_paragraph
from observations
inner join paragraphs on observations.paragraph_id = paragraphs.paragraph_id
order by observations.jurisdiction_name, observations.report_year, observations.metric_id
