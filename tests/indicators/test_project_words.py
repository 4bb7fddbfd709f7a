"""The project's own seeds on invented sentences: the words decide as the catalog notes say."""

from __future__ import annotations


def test_12348_satisfaction_is_not_the_12345_hotline(project_vocabulary, mapped):
    paragraph = "12348公共法律服务热线接听热线咨询电话2500通,群众满意率为99%。"
    assert mapped(project_vocabulary, paragraph)["99%"] is None


def test_12345_satisfaction_in_a_hotline_section(project_vocabulary, mapped):
    result = mapped(project_vocabulary, "回访群众满意率为95%。", heading="(四)12345政务服务便民热线")
    assert result["95%"] == "hotline_12345_satisfaction_rate"


def test_closure_rate_follows_the_nearest_topic(project_vocabulary, mapped):
    paragraph = "12345热线运行平稳。全年办理政府信息公开申请18件,办结率100%。"
    assert mapped(project_vocabulary, paragraph)["100%"] == "info_disclosure_request_completion_rate"


def test_share_handled_is_not_the_mediation_success_rate(project_vocabulary, mapped):
    paragraph = "调处矛盾纠纷400件,调处率100%,调处成功率96%。"
    result = mapped(project_vocabulary, paragraph)
    assert result["100%"] is None and result["96%"] == "dispute_resolution_rate"


def test_forwarded_tickets_are_not_received_tickets(project_vocabulary, mapped):
    paragraph = "12345热线共转办各类工单9000件,办结8000件。"
    result = mapped(project_vocabulary, paragraph)
    assert result["9000件"] is None and result["8000件"] == "hotline_12345_tickets_closed"


def test_reconsideration_received_accepted_handled(project_vocabulary, mapped):
    paragraph = "全年新收行政复议申请500件,受理行政复议案件400件,受理率为80%,审结380件。"
    assert mapped(project_vocabulary, paragraph) == {
        "500件": "admin_reconsideration_applications_received",
        "400件": "admin_reconsideration_cases_accepted",
        "80%": "admin_reconsideration_acceptance_rate",
        "380件": "admin_reconsideration_cases_handled",
    }


def test_planned_values_are_not_mapped(project_vocabulary, mapped):
    assert mapped(project_vocabulary, "拟选任公职律师20人。")["20人"] is None
    assert mapped(project_vocabulary, "选任公职律师20人。")["20人"] == "public_lawyers"
