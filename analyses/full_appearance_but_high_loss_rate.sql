-- Which jurisdictions report a 100% 行政机关负责人出庭应诉率 and a high 行政诉讼败诉率 in the
-- same year? (Full attendance by heads of agencies is meant to go with better outcomes.)
-- Asked of the whole country: the answer is a short list.
--
-- dbt vars:
--   loss_rate_threshold  default 10   the 败诉率 (in %) from which a loss rate counts as high
--   dbt compile --vars '{loss_rate_threshold: 20}'
{% set loss_rate_threshold = var("loss_rate_threshold", 10) -%}
{{ require_number(loss_rate_threshold, "loss_rate_threshold must be a number (percent)") }}
with appearance as (

    select jurisdiction_id, jurisdiction_name, report_year, value as head_appearance_rate
    from {{ ref('metrics_by_jurisdiction_year') }}
    where metric_id = 'head_appearance_rate' and value >= 100

),

loss as (

    select jurisdiction_id, report_year, value as litigation_loss_rate, chosen_mention_id
    from {{ ref('metrics_by_jurisdiction_year') }}
    where metric_id = 'admin_litigation_loss_rate' and value >= {{ loss_rate_threshold }}

)

select
    appearance.jurisdiction_name,
    appearance.report_year,
    appearance.head_appearance_rate,
    loss.litigation_loss_rate,
    loss.chosen_mention_id as loss_rate_mention_id
from appearance
inner join loss
    on appearance.jurisdiction_id = loss.jurisdiction_id
    and appearance.report_year = loss.report_year
order by loss.litigation_loss_rate desc, appearance.jurisdiction_name, appearance.report_year
