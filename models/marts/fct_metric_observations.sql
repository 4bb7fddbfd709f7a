with mentions as (

    select * from {{ ref('fct_quantity_mentions') }}
    where metric_id is not null

),

documents as (

    select * from {{ ref('dim_documents') }}

),

metrics as (

    select metric_id, unit as metric_unit from {{ ref('dim_metric') }}

)

select
    mentions.mention_id,
    mentions.metric_id,
    documents.jurisdiction_id,
    documents.jurisdiction_name,
    documents.report_year,
    mentions.value,
    mentions.unit,
    metrics.metric_unit,
    mentions.qualifier,
    mentions.period,
    mentions.scope,
    mentions.subject,
    mentions.surface,
    mentions.document_id,
    mentions.file_name,
    mentions.paragraph_id,
    mentions.char_start,
    mentions.char_end
from mentions
inner join documents on mentions.document_id = documents.document_id
inner join metrics on mentions.metric_id = metrics.metric_id
