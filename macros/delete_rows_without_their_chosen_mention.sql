{#-
    The post-hook of metrics_by_jurisdiction_year on a refresh. The refresh has replaced the row of
    every key it computed again; a stored row whose chosen mention is no longer an observation of
    its key is that of a key left with no mention at all (its documents superseded or removed), and
    goes. A full build has no such row: nothing to do.
-#}
{% macro delete_rows_without_their_chosen_mention(relation, observations) %}
    {%- if is_incremental() -%}
        delete from {{ relation }} as stored
        where not exists (
            select 1
            from {{ observations }} as observations
            where observations.mention_id = stored.chosen_mention_id
                and observations.jurisdiction_id = stored.jurisdiction_id
                and observations.report_year = stored.report_year
                and observations.metric_id = stored.metric_id
        )
    {%- endif -%}
{% endmacro %}
