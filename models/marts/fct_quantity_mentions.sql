with mentions as (

    select * from {{ ref('int_quantity_mentions') }}

),

mention_metrics as (

    select * from {{ ref('int_quantity_mention_metrics') }}

),

documents as (

    select document_id, file_name from {{ ref('int_documents_attributed') }}

)

select
    mentions.mention_id,
    mentions.document_id,
    documents.file_name,
    mentions.paragraph_id,
    mentions.char_start,
    mentions.char_end,
    mentions.surface,
    mentions.value,
    mentions.unit,
    mentions.qualifier,
    mentions.kind,
    mentions.subject,
    mentions.period,
    mentions.scope,
    mention_metrics.metric_id,
    mentions.chinese_numeral,
    mentions.subject_index
from mentions
inner join documents on mentions.document_id = documents.document_id
left join mention_metrics on mentions.mention_id = mention_metrics.mention_id
