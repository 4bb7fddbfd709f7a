"""may_need_simplification (a SQL macro of the dbt plugin) is false only where t2s changes nothing."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.dbt_plugin import register_macros
from hanzi.convert import conversion_candidates, needs_conversion


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    register_macros(connection)
    return connection


def test_every_candidate_character_is_caught(con: duckdb.DuckDBPyConnection) -> None:
    candidates = list(conversion_candidates())
    con.execute("create table candidates as select unnest(?::varchar[]) as c", [candidates])
    missed = con.execute(
        "select c from candidates where not may_need_simplification('简' || c || '体')"
    ).fetchall()
    assert len(candidates) > 3000
    assert missed == []


def test_the_samples_simplified_text_is_passed_over(con: duckdb.DuckDBPyConnection) -> None:
    texts = ["依法行政工作取得新成效,全年办理行政复议案件79件。", "12345热线受理诉求3.2万件", ""]
    assert con.execute(
        "select list(may_need_simplification(t)) from unnest(?::varchar[]) as u(t)", [texts]
    ).fetchone() == ([False, False, False],)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from("的了是覆乾著于复发國传這个12,，。𠁞a"), max_size=12))
def test_false_means_t2s_leaves_the_text_alone(con: duckdb.DuckDBPyConnection, text: str) -> None:
    (flagged,) = con.execute("select may_need_simplification(?)", [text]).fetchone()
    if needs_conversion(text):
        assert flagged
