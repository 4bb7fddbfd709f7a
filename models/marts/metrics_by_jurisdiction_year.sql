-- One value per jurisdiction, year and indicator, in the indicator's unit, chosen by a
-- documented rule: whole jurisdiction before a narrower scope, full year before a partial
-- period, a value converted exactly to the indicator's unit before one only of the same unit
-- family, exact before approximate, then the first statement in the earliest-loaded report. Every
-- supporting mention stays linked, and disagreement is shown, never averaged away.
with observations as (

    select * from {{ ref('fct_metric_observations') }}
    where jurisdiction_id is not null and report_year is not null

),

ranked as (

    select
        *,
        row_number() over (
            partition by jurisdiction_id, report_year, metric_id
            order by
                scope is null desc,
                period = 'year' desc,
                metric_value is not null desc,
                qualifier = 'exact' desc,
                document_id,
                char_start,
                -- one phrase, two subjects (分别): the first subject first, whatever the row order
                mention_id
        ) as preference_rank
    from observations

),

summarised as (

    select
        jurisdiction_id,
        report_year,
        metric_id,
        count(*) as n_supporting_mentions,
        count(distinct value) as n_distinct_values,
        list(mention_id order by preference_rank) as mention_ids
    from ranked
    group by jurisdiction_id, report_year, metric_id

),

chosen as (

    select * from ranked where preference_rank = 1

)

select
    chosen.jurisdiction_id,
    chosen.jurisdiction_name,
    chosen.report_year,
    chosen.metric_id,
    chosen.metric_value as value,
    chosen.metric_unit as unit,
    chosen.value as stated_value,
    chosen.unit as stated_unit,
    chosen.qualifier,
    chosen.period,
    chosen.scope,
    chosen.mention_id as chosen_mention_id,
    chosen.surface as chosen_surface,
    chosen.document_id as chosen_document_id,
    summarised.n_supporting_mentions,
    summarised.n_distinct_values,
    summarised.n_distinct_values > 1 as has_disagreement,
    summarised.mention_ids
from chosen
inner join summarised
    on chosen.jurisdiction_id = summarised.jurisdiction_id
    and chosen.report_year = summarised.report_year
    and chosen.metric_id = summarised.metric_id
