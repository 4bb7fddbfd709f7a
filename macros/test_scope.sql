-- What the data tests of an incremental `dbt build` read.
--
-- The models built incrementally by document (unique_key document_id: stg_document_conversions,
-- the per-document intermediate steps, fct_quantity_mentions, fct_metric_observations) only ever
-- insert or delete a document's rows whole, and so does stg_paragraphs, a view over raw and
-- stg_document_conversions (meta rows_change_by_whole_document). So in an incremental build
-- their tests read the documents landed since the last `dbt build` that built and tested
-- everything: every other row was tested when it was built and has not changed since. A full refresh, a selective build,
-- `dbt test`, and the tests of every other model read whole tables, and the checks gate
-- validates the whole marts before each publish. At 100,000 reports the whole-table tests of
-- these models cost ~20 CPU-seconds a refresh, for a hundred new reports.
--
-- audit.dbt_builds has a row per `dbt build`: when it started, the newest document it found
-- landed, and whether everything it selected (the whole project) passed.

{% macro record_build_start() %}
    {%- if execute and flags.WHICH == 'build' -%}
        create schema if not exists audit;
        create table if not exists audit.dbt_builds (
            invocation_id varchar primary key,
            started_at timestamptz not null,
            full_refresh boolean not null,
            whole_project boolean not null,
            raw_loaded_through timestamptz,
            succeeded boolean not null
        );
        create or replace table audit.dbt_build_scope as
        select document_id
        from {{ source('raw', 'documents') }}
        where loaded_at > coalesce(
            (select max(raw_loaded_through) from audit.dbt_builds where succeeded and whole_project),
            '-infinity'::timestamptz
        );
        insert into audit.dbt_builds
        select
            '{{ invocation_id }}',
            now(),
            {{ 'true' if flags.FULL_REFRESH else 'false' }},
            {{ 'true' if fazhi_builds_whole_project() else 'false' }},
            (select max(loaded_at) from {{ source('raw', 'documents') }}),
            false;
    {%- endif -%}
{% endmacro %}


{% macro record_build_end(results) %}
    {%- if execute and flags.WHICH == 'build' -%}
        {%- set failures = [] -%}
        {%- for result in results if result.status not in ('success', 'pass', 'warn', 'no-op') -%}
            {%- do failures.append(result.node.unique_id) -%}
        {%- endfor -%}
        {%- if not failures -%}
            update audit.dbt_builds set succeeded = true where invocation_id = '{{ invocation_id }}'
        {%- endif -%}
    {%- endif -%}
{% endmacro %}


{% macro fazhi_builds_whole_project() %}
    {#- no selection, or the refresh's selector (selectors.yml: documents_changed leaves out only the
        seeds and unit tests, which the code alone decides and an earlier build of it passed) -#}
    {%- do return(
        not invocation_args_dict.get('select')
        and not invocation_args_dict.get('exclude')
        and invocation_args_dict.get('selector') in (none, 'documents_changed')
    ) -%}
{% endmacro %}


{% macro fazhi_tests_new_documents_only() %}
    {#- true for a data test, in an incremental whole-project build, of a model built incrementally by
        document, or of a view over such models whose rows change by whole document (meta
        rows_change_by_whole_document: stg_paragraphs) -#}
    {%- if not execute or flags.WHICH != 'build' or flags.FULL_REFRESH or not fazhi_builds_whole_project() -%}
        {%- do return(false) -%}
    {%- endif -%}
    {%- set tested = graph.nodes.get(model.attached_node) if model.attached_node else none -%}
    {%- do return(
        tested is not none
        and tested.resource_type == 'model'
        and (
            (tested.config.materialized == 'incremental' and tested.config.unique_key == 'document_id')
            or tested.config.meta.get('rows_change_by_whole_document', false)
        )
    ) -%}
{% endmacro %}


{% macro get_where_subquery(relation) -%}
    {#- dbt's own (a test's `where` config) plus the scope above -#}
    {%- set conditions = [] -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- do conditions.append('(' ~ where ~ ')') -%}
    {%- endif -%}
    {%- if fazhi_tests_new_documents_only() -%}
        {%- do conditions.append('document_id in (select document_id from audit.dbt_build_scope)') -%}
    {%- endif -%}
    {%- if conditions -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ conditions | join(' and ') }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}
