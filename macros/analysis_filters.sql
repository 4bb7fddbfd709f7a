-- The optional filters of analyses/: each dbt var narrows the question, and a var left null
-- lifts its filter. dbt compiles an analysis to SQL text (no bound parameters), so a text value
-- is written as a quoted literal here, once, and a year as an integer.

{% macro and_text_is(column, value) -%}
    {%- if value is not none %}
        and {{ column }} = '{{ value | replace("'", "''") }}'
    {%- endif %}
{%- endmacro %}


{% macro and_year(column, comparison, year) -%}
    {%- if year is not none %}
        and {{ column }} {{ comparison }} {{ year | int }}
    {%- endif %}
{%- endmacro %}


{% macro require_number(value, message) -%}
    {%- if value is not none and value is not number -%}
        {{ exceptions.raise_compiler_error(message ~ ", not " ~ value) }}
    {%- endif -%}
{%- endmacro %}
