-- The documents an incremental model by document (unique_key document_id) builds on a refresh:
-- those of its upstream model that it does not hold yet. A pre-hook collects their ids into a
-- temporary table, and the model reads only their rows (`document_is_new()`): DuckDB knows that
-- table holds a few ids and pushes them into the scan of the upstream rows, where
-- `document_id not in (select document_id from this)` read and joined every row first (~1 s a
-- model at 100,000 reports, for 100 new ones).

{% macro new_documents_table() -%}
    {{ this.identifier }}__new_documents
{%- endmacro %}


{% macro collect_new_documents(upstream) %}
    {%- if is_incremental() -%}
        create or replace temporary table {{ new_documents_table() }} as
        select distinct document_id
        from {{ upstream }}
        where document_id not in (select distinct document_id from {{ this }})
    {%- endif -%}
{% endmacro %}


{% macro document_is_new() -%}
    document_id in (select document_id from {{ new_documents_table() }})
{%- endmacro %}
