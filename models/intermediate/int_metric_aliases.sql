with catalog as (

    select * from {{ ref('metric_catalog') }}

),

names_and_aliases as (

    select metric_id, kind, unit, name_zh as alias, 'name' as alias_source
    from catalog
    union all
    select metric_id, kind, unit, trim(unnest(string_split(aliases_zh, '|'))) as alias, 'alias' as alias_source
    from catalog

)

select
    metric_id,
    kind,
    unit,
    alias,
    alias_source,
    -- "审查…政策措施文件": an ellipsis in an alias stands for a few characters of anything
    array_to_string(
        list_transform(string_split(alias, '…'), lambda part: regexp_escape(part)), '.{0,30}'
    ) as alias_pattern,
    length(replace(alias, '…', '')) as alias_length
from names_and_aliases
where alias <> ''
