-- 行政复议: cases received, accepted and handled, by jurisdiction and year, with the
-- sentence each value comes from (a researcher checks the source before citing it).
with values_reported as (

    select * from {{ ref('metrics_by_jurisdiction_year') }}
    where metric_id like 'admin_reconsideration_%'

),

metrics as (

    select metric_id, name_zh from {{ ref('dim_metric') }}

),

mentions as (

    select mention_id, paragraph_id from {{ ref('fct_quantity_mentions') }}

)

select
    values_reported.jurisdiction_name,
    values_reported.report_year,
    metrics.name_zh as indicator,
    values_reported.value,
    values_reported.unit,
    values_reported.qualifier,
    values_reported.has_disagreement,
    mentions.paragraph_id as source_paragraph_id
from values_reported
inner join metrics on values_reported.metric_id = metrics.metric_id
left join mentions on values_reported.chosen_mention_id = mentions.mention_id
order by values_reported.jurisdiction_name, values_reported.report_year, metrics.name_zh
