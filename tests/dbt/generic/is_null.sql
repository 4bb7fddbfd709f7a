{#- Every value of the column is null (used for error columns: a row here names a failure). -#}
{% test is_null(model, column_name) %}

select {{ column_name }}
from {{ model }}
where {{ column_name }} is not null

{% endtest %}
