-- Which catalog indicator a mention is a value of: the indicator whose name or alias stands
-- in the mention's subject or, failing that, closest before it in its sentence.
with mentions as (

    select * from {{ ref('int_quantity_mentions') }}

),

aliases as (

    select * from {{ ref('int_metric_aliases') }}

),

candidates as (

    select
        mentions.mention_id,
        aliases.metric_id,
        aliases.alias as matched_alias,
        aliases.alias_length,
        regexp_matches(mentions.subject, aliases.alias_pattern) as alias_in_subject,
        -- characters between the end of the alias's last match and the end of the clause
        length(mentions.clause_simplified) - length(
            regexp_extract(mentions.clause_simplified, '^.*' || aliases.alias_pattern)
        ) as distance_to_value
    from mentions
    inner join aliases
        on mentions.kind = aliases.kind
        and (mentions.kind <> 'rate' or mentions.unit = '%')
        and regexp_matches(mentions.subject || chr(10) || mentions.clause_simplified, aliases.alias_pattern)
    -- a narrower scope (州本级, 一个部门) is not the whole jurisdiction's indicator
    where mentions.scope is null

),

ranked as (

    select
        *,
        row_number() over (
            partition by mention_id
            order by alias_in_subject desc, distance_to_value asc, alias_length desc, metric_id
        ) as candidate_rank
    from candidates

)

select
    mention_id,
    metric_id,
    matched_alias,
    alias_in_subject,
    distance_to_value
from ranked
where candidate_rank = 1
