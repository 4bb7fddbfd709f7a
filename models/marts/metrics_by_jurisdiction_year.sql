-- One value per jurisdiction, year and indicator, in the indicator's unit, chosen by a
-- documented rule: whole jurisdiction before a narrower scope, full year before a partial
-- period, a value converted exactly to the indicator's unit before one only of the same unit
-- family, exact before approximate, then the first statement in the earliest-loaded report. Every
-- supporting mention stays linked, and disagreement is shown, never averaged away.
-- The comparisons the analyses ask for are computed here, once per build: the spread of the
-- stated values, the rank within the province and level, and the previous reported year's value.
--
-- Incremental. A row depends on the mentions of its key (jurisdiction, year, indicator: the
-- choice, the lists, the spread), on the keys of its group (province, level, indicator, year:
-- rank_in_province, jurisdictions_reporting_in_province) and on the keys of its history
-- (jurisdiction, indicator: previous_report_year, previous_value). A refresh finds the changed
-- keys: a mention added, or gone (its document superseded or removed), comparing the stored
-- mention_ids with fct_metric_observations; or a province or level in dim_jurisdiction that is not
-- the stored one. It computes the changed keys again from their mentions, restates every other row
-- of their groups and histories from its stored row, ranks and looks back over those complete
-- groups and histories, and replaces the stored rows of the keys whose row came out different
-- (delete+insert: a restated row equal to its stored one is left in place; most are, as a new
-- key changes the count of its group but rarely a neighbour's previous value); the post-hook
-- deletes the rows of keys left with no mention. A mention's row in
-- fct_metric_observations never changes under its mention_id (it comes with its document, whose id
-- is the hash of its bytes); new code or seeds rebuild both tables in full.
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key=['jurisdiction_id', 'report_year', 'metric_id'],
    on_schema_change='fail',
    post_hook="{{ delete_rows_without_their_chosen_mention(this, ref('fct_metric_observations')) }}"
) }}

-- read twice on a refresh (to find the changes, then the changed keys' mentions): each read scans
-- the table rather than holding it all in memory
with observations as not materialized (

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

{% if is_incremental() %}

stored_mentions as (

    select jurisdiction_id, report_year, metric_id, unnest(mention_ids) as mention_id
    from {{ this }}

),

changed_mentions as (

    -- mentions added since the table was built, and mentions gone, each with its key
    select
        observations.jurisdiction_id as added_to_jurisdiction_id,
        observations.report_year as added_to_report_year,
        observations.metric_id as added_to_metric_id,
        stored_mentions.jurisdiction_id as gone_from_jurisdiction_id,
        stored_mentions.report_year as gone_from_report_year,
        stored_mentions.metric_id as gone_from_metric_id
    from observations
    full outer join stored_mentions
        on observations.mention_id = stored_mentions.mention_id
        and observations.jurisdiction_id = stored_mentions.jurisdiction_id
        and observations.report_year = stored_mentions.report_year
        and observations.metric_id = stored_mentions.metric_id
    where observations.mention_id is null or stored_mentions.mention_id is null

),

moved_jurisdictions as (

    -- jurisdictions whose province or level in dim_jurisdiction is not the stored one
    select distinct stored.jurisdiction_id
    from {{ this }} as stored
    left join jurisdictions on stored.jurisdiction_id = jurisdictions.jurisdiction_id
    where stored.province_name is distinct from jurisdictions.province_name
        or stored.jurisdiction_level is distinct from jurisdictions.jurisdiction_level

),

changed_keys as (

    select
        added_to_jurisdiction_id as jurisdiction_id,
        added_to_report_year as report_year,
        added_to_metric_id as metric_id
    from changed_mentions
    where added_to_jurisdiction_id is not null
    union
    select gone_from_jurisdiction_id, gone_from_report_year, gone_from_metric_id
    from changed_mentions
    where gone_from_jurisdiction_id is not null
    union
    select jurisdiction_id, report_year, metric_id
    from {{ this }}
    where jurisdiction_id in (select jurisdiction_id from moved_jurisdictions)

),

changed_groups as (

    -- the groups a changed key was in (as stored) or is in now
    select stored.province_name, stored.jurisdiction_level, stored.metric_id, stored.report_year
    from {{ this }} as stored
    semi join changed_keys
        on stored.jurisdiction_id = changed_keys.jurisdiction_id
        and stored.report_year = changed_keys.report_year
        and stored.metric_id = changed_keys.metric_id
    union
    select
        jurisdictions.province_name,
        jurisdictions.jurisdiction_level,
        changed_keys.metric_id,
        changed_keys.report_year
    from changed_keys
    left join jurisdictions on changed_keys.jurisdiction_id = jurisdictions.jurisdiction_id

),

changed_histories as (

    select distinct jurisdiction_id, metric_id from changed_keys

),

rows_to_restate as (

    -- the stored rows of unchanged keys in a changed group or history: their own columns stay;
    -- the flags say whether their rank or their previous value has to be computed again
    select
        stored.* exclude (
            province_name,
            jurisdiction_level,
            rank_in_province,
            jurisdictions_reporting_in_province,
            previous_report_year,
            previous_value
        ),
        changed_groups.metric_id is not null as in_changed_group,
        changed_histories.metric_id is not null as in_changed_history,
        false as is_changed_key,
        stored.province_name as stored_province_name,
        stored.jurisdiction_level as stored_jurisdiction_level,
        stored.rank_in_province as stored_rank_in_province,
        stored.jurisdictions_reporting_in_province as stored_jurisdictions_reporting_in_province,
        stored.previous_report_year as stored_previous_report_year,
        stored.previous_value as stored_previous_value
    from {{ this }} as stored
    left join changed_groups
        on stored.province_name is not distinct from changed_groups.province_name
        and stored.jurisdiction_level is not distinct from changed_groups.jurisdiction_level
        and stored.metric_id = changed_groups.metric_id
        and stored.report_year = changed_groups.report_year
    left join changed_histories
        on stored.jurisdiction_id = changed_histories.jurisdiction_id
        and stored.metric_id = changed_histories.metric_id
    anti join changed_keys
        on stored.jurisdiction_id = changed_keys.jurisdiction_id
        and stored.report_year = changed_keys.report_year
        and stored.metric_id = changed_keys.metric_id
    where changed_groups.metric_id is not null or changed_histories.metric_id is not null

),

{% endif %}

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
    {% if is_incremental() %}
    semi join changed_keys
        on observations.jurisdiction_id = changed_keys.jurisdiction_id
        and observations.report_year = changed_keys.report_year
        and observations.metric_id = changed_keys.metric_id
    {% endif %}

),

summarised as (

    -- one pass over the ranked mentions, nothing joined back: the chosen mention's columns, the
    -- counts, and the supporting mentions (a plain list aggregate sorted afterwards: an ordered
    -- aggregate buffers its groups and cannot spill)
    select
        jurisdiction_id,
        report_year,
        metric_id,
        any_value(struct_pack(
            jurisdiction_name,
            metric_value,
            metric_unit,
            value,
            unit,
            qualifier,
            period,
            scope,
            mention_id,
            surface,
            document_id,
            paragraph_id
        )) filter (where preference_rank = 1) as chosen_mention,
        count(*) as n_supporting_mentions,
        min(value) as smallest_stated_value,
        max(value) as largest_stated_value,
        list_sort(list(struct_pack(preference_rank, mention_id, surface, value))) as supporting_mentions
    from ranked
    group by jurisdiction_id, report_year, metric_id

),

chosen as (

    select
        jurisdiction_id,
        chosen_mention.jurisdiction_name,
        report_year,
        metric_id,
        chosen_mention.metric_value as value,
        chosen_mention.metric_unit as unit,
        chosen_mention.value as stated_value,
        chosen_mention.unit as stated_unit,
        chosen_mention.qualifier,
        chosen_mention.period,
        chosen_mention.scope,
        chosen_mention.mention_id as chosen_mention_id,
        chosen_mention.surface as chosen_surface,
        chosen_mention.document_id as chosen_document_id,
        n_supporting_mentions,
        -- counted from the list: a distinct aggregate would group all the mentions a second time
        len(list_distinct(list_transform(supporting_mentions, lambda mention: mention.value))) as n_distinct_values,
        n_distinct_values > 1 as has_disagreement,
        list_transform(supporting_mentions, lambda mention: mention.mention_id) as mention_ids,
        chosen_mention.paragraph_id as chosen_paragraph_id,
        smallest_stated_value,
        largest_stated_value,
        case when largest_stated_value > 0
            then (largest_stated_value - smallest_stated_value) / largest_stated_value
        end as relative_spread,
        list_transform(supporting_mentions, lambda mention: mention.surface) as supporting_surfaces
    from summarised

),

key_rows as (

    {% if is_incremental() %}
    -- the changed keys, computed again, and the stored rows to restate with them
    select *, true as is_changed_key, true as in_changed_group, true as in_changed_history from chosen
    union all by name
    select * from rows_to_restate
    {% else %}
    select * from chosen
    {% endif %}

),

compared as (

    -- the windows run on the key rows themselves: one chain of operators, each of which can
    -- spill, rather than wide rows joined back
    select
        key_rows.*,
        jurisdictions.province_name,
        jurisdictions.jurisdiction_level,
        -- 1 = the largest value among the jurisdictions of the same province and level
        -- reporting the indicator that year (a null value ranks last)
        rank() over (
            partition by jurisdictions.province_name, jurisdictions.jurisdiction_level,
                key_rows.metric_id, key_rows.report_year
            order by key_rows.value desc nulls last
        ) as rank_in_province,
        count(*) over (
            partition by jurisdictions.province_name, jurisdictions.jurisdiction_level,
                key_rows.metric_id, key_rows.report_year
        ) as jurisdictions_reporting_in_province,
        lag(key_rows.report_year) over (
            partition by key_rows.jurisdiction_id, key_rows.metric_id order by key_rows.report_year
        ) as previous_report_year,
        lag(key_rows.value) over (
            partition by key_rows.jurisdiction_id, key_rows.metric_id order by key_rows.report_year
        ) as previous_value
    from key_rows
    left join jurisdictions on key_rows.jurisdiction_id = jurisdictions.jurisdiction_id

),

completed as (

    {% if is_incremental() %}
    -- a rank or previous value computed from a group or history that did not change (and so is
    -- only partly here) is the stored one
    select
        * replace (
            case when in_changed_group then rank_in_province else stored_rank_in_province end
                as rank_in_province,
            case when in_changed_group
                then jurisdictions_reporting_in_province else stored_jurisdictions_reporting_in_province
            end as jurisdictions_reporting_in_province,
            case when in_changed_history then previous_report_year else stored_previous_report_year end
                as previous_report_year,
            case when in_changed_history then previous_value else stored_previous_value end
                as previous_value
        )
    from compared
    {% else %}
    select * from compared
    {% endif %}

),

written as (

    {% if is_incremental() %}
    -- the changed keys, and the restated rows that differ from their stored row in a column the
    -- restatement computes again
    select * from completed
    where is_changed_key
        or province_name is distinct from stored_province_name
        or jurisdiction_level is distinct from stored_jurisdiction_level
        or rank_in_province is distinct from stored_rank_in_province
        or jurisdictions_reporting_in_province is distinct from stored_jurisdictions_reporting_in_province
        or previous_report_year is distinct from stored_previous_report_year
        or previous_value is distinct from stored_previous_value
    {% else %}
    select * from completed
    {% endif %}

)

select
    jurisdiction_id,
    jurisdiction_name,
    report_year,
    metric_id,
    value,
    unit,
    stated_value,
    stated_unit,
    qualifier,
    period,
    scope,
    chosen_mention_id,
    chosen_surface,
    chosen_document_id,
    n_supporting_mentions,
    n_distinct_values,
    has_disagreement,
    mention_ids,
    province_name,
    jurisdiction_level,
    chosen_paragraph_id,
    smallest_stated_value,
    largest_stated_value,
    relative_spread,
    supporting_surfaces,
    rank_in_province,
    jurisdictions_reporting_in_province,
    previous_report_year,
    previous_value
from written
-- stored by province and jurisdiction: a question about one province reads its rows only (a
-- refresh appends its rows, in this order, after the others)
order by province_name, jurisdiction_id, report_year, metric_id
