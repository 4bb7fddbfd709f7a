{#-
    list(value order by key1, key2 …), as a plain list aggregate sorted afterwards.

    DuckDB's ordered aggregates (string_agg/list with order by) buffer every input row in memory
    and cannot spill: at 100,000 reports, joining each report's paragraphs ran out of memory
    under the build's limit. A plain list aggregate of (keys…, value) structs can spill, and
    list_sort orders it by the keys (then the value: ties get a fixed order).
-#}
{% macro ordered_list(sort_keys, value) -%}
    list_transform(
        list_sort(list(struct_pack(
            {%- for key in sort_keys %}k{{ loop.index }} := {{ key }}, {% endfor -%}
            v := {{ value }}
        ))),
        lambda item: item.v
    )
{%- endmacro %}
