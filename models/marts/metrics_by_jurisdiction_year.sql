-- One value per jurisdiction, year and indicator, in the indicator's unit, chosen by a
-- documented rule: whole jurisdiction before a narrower scope, full year before a partial
-- period, a value converted exactly to the indicator's unit before one only of the same unit
-- family, exact before approximate, then the first statement in the earliest-loaded report. Every
-- supporting mention stays linked, and disagreement is shown, never averaged away.
-- The comparisons the analyses ask for are computed here, once per build: the spread of the
-- stated values, the rank within the province and level, and the previous reported year's value.
with observations as (

    select
        mention_id,
        metric_id,
        jurisdiction_id,
        jurisdiction_name,
        report_year,
        value,
        unit,
        metric_value,
        metric_unit,
        qualifier,
        period,
        scope,
        surface,
        document_id,
        paragraph_id,
        char_start
    from {{ ref('fct_metric_observations') }}
    where jurisdiction_id is not null and report_year is not null

),

jurisdictions as (

    select jurisdiction_id, jurisdiction_level, province_name from {{ ref('dim_jurisdiction') }}

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
        min(value) as smallest_stated_value,
        max(value) as largest_stated_value,
        -- sorted after aggregating (an ordered aggregate sorts group by group, far slower)
        list_sort(list(struct_pack(preference_rank, mention_id, surface, value))) as supporting_mentions
    from ranked
    group by jurisdiction_id, report_year, metric_id

),

supported as (

    select
        *,
        -- counted from the list: a distinct aggregate would group all the mentions a second time
        len(list_distinct(list_transform(supporting_mentions, lambda mention: mention.value))) as n_distinct_values
    from summarised

),

chosen as (

    select * from ranked where preference_rank = 1

),

compared as (

    -- the window functions over the keys and the value alone (carrying every column through
    -- their sorts costs more than joining the result back)
    select
        chosen.jurisdiction_id,
        chosen.report_year,
        chosen.metric_id,
        jurisdictions.province_name,
        jurisdictions.jurisdiction_level,
        -- 1 = the largest value among the jurisdictions of the same province and level
        -- reporting the indicator that year (a null value ranks last)
        rank() over (
            partition by jurisdictions.province_name, jurisdictions.jurisdiction_level,
                chosen.metric_id, chosen.report_year
            order by chosen.metric_value desc nulls last
        ) as rank_in_province,
        count(*) over (
            partition by jurisdictions.province_name, jurisdictions.jurisdiction_level,
                chosen.metric_id, chosen.report_year
        ) as jurisdictions_reporting_in_province,
        lag(chosen.report_year) over (
            partition by chosen.jurisdiction_id, chosen.metric_id order by chosen.report_year
        ) as previous_report_year,
        lag(chosen.metric_value) over (
            partition by chosen.jurisdiction_id, chosen.metric_id order by chosen.report_year
        ) as previous_value
    from chosen
    left join jurisdictions on chosen.jurisdiction_id = jurisdictions.jurisdiction_id

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
    supported.n_supporting_mentions,
    supported.n_distinct_values,
    supported.n_distinct_values > 1 as has_disagreement,
    list_transform(supported.supporting_mentions, lambda mention: mention.mention_id) as mention_ids,
    compared.province_name,
    compared.jurisdiction_level,
    chosen.paragraph_id as chosen_paragraph_id,
    supported.smallest_stated_value,
    supported.largest_stated_value,
    case when supported.largest_stated_value > 0
        then (supported.largest_stated_value - supported.smallest_stated_value) / supported.largest_stated_value
    end as relative_spread,
    list_transform(supported.supporting_mentions, lambda mention: mention.surface) as supporting_surfaces,
    compared.rank_in_province,
    compared.jurisdictions_reporting_in_province,
    compared.previous_report_year,
    compared.previous_value
from chosen
inner join supported
    on chosen.jurisdiction_id = supported.jurisdiction_id
    and chosen.report_year = supported.report_year
    and chosen.metric_id = supported.metric_id
inner join compared
    on chosen.jurisdiction_id = compared.jurisdiction_id
    and chosen.report_year = compared.report_year
    and chosen.metric_id = compared.metric_id
-- stored by province and jurisdiction: a question about one province reads its rows only
order by compared.province_name, chosen.jurisdiction_id, chosen.report_year, chosen.metric_id
