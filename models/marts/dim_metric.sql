with catalog as (

    select * from {{ ref('metric_catalog') }}

)

select
    metric_id,
    category,
    name_zh,
    name_en,
    kind,
    unit,
    valid_min,
    valid_max,
    aliases_zh,
    example,
    notes,
    description_zh,
    description_en
from catalog
