-- Does a reported rate agree with the counts it is a ratio of? 化解率 = 化解数 / 调解数,
-- 纠错率 = 纠错数 / 办结数, 受理率 = 受理数 / 收到数, 12345 办结率 = 办结数 / 受理数.
-- A gap of more than `tolerance` percentage points is worth a look at the source sentences.
-- Asked of the whole country: only jurisdictions reporting a rate and both its counts appear.
--
-- dbt vars:
--   tolerance  default 0.5   the gap (percentage points) above which a rate is inconsistent
--   dbt compile --vars '{tolerance: 1}'
{% set tolerance = var("tolerance", 0.5) -%}
{{ require_number(tolerance, "tolerance must be a number (percentage points)") }}
with ratio_definitions as (

    select * from (
        values
            ('dispute_resolution_rate', 'disputes_resolved', 'disputes_mediated'),
            ('admin_reconsideration_correction_rate', 'admin_reconsideration_cases_corrected',
                'admin_reconsideration_cases_handled'),
            ('admin_reconsideration_acceptance_rate', 'admin_reconsideration_cases_accepted',
                'admin_reconsideration_applications_received'),
            ('admin_reconsideration_mediation_rate', 'admin_reconsideration_settled_by_mediation',
                'admin_reconsideration_cases_handled'),
            ('hotline_12345_closure_rate', 'hotline_12345_tickets_closed', 'hotline_12345_tickets_received')
    ) as definitions (rate_metric_id, numerator_metric_id, denominator_metric_id)

),

values_reported as (

    -- only the indicators the definitions name
    select jurisdiction_id, jurisdiction_name, report_year, metric_id, value
    from {{ ref('metrics_by_jurisdiction_year') }}
    where metric_id in (
        select unnest([rate_metric_id, numerator_metric_id, denominator_metric_id]) from ratio_definitions
    )

)

select
    rates.jurisdiction_name,
    rates.report_year,
    ratio_definitions.rate_metric_id,
    rates.value as reported_rate,
    numerators.value as numerator,
    denominators.value as denominator,
    round(100 * numerators.value / denominators.value, 2) as computed_rate,
    round(abs(rates.value - 100 * numerators.value / denominators.value), 2) as gap_in_points,
    abs(rates.value - 100 * numerators.value / denominators.value) > {{ tolerance }} as inconsistent
from ratio_definitions
inner join values_reported as rates
    on rates.metric_id = ratio_definitions.rate_metric_id
inner join values_reported as numerators
    on numerators.metric_id = ratio_definitions.numerator_metric_id
    and numerators.jurisdiction_id = rates.jurisdiction_id
    and numerators.report_year = rates.report_year
inner join values_reported as denominators
    on denominators.metric_id = ratio_definitions.denominator_metric_id
    and denominators.jurisdiction_id = rates.jurisdiction_id
    and denominators.report_year = rates.report_year
where denominators.value > 0
order by gap_in_points desc, rates.jurisdiction_name, rates.report_year, ratio_definitions.rate_metric_id
