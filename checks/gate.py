"""The checks stage of a refresh: read the marts read-only, validate, store the results in `audit`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from checks.gx_runner import ValidationReport, validate
from checks.marts import read_marts
from checks.store import store_report
from checks.suite import Reference, build_specs


@dataclass
class GateResult:
    report: ValidationReport
    flagged: pd.DataFrame
    reference: Reference

    @property
    def passed(self) -> bool:
        return self.report.success

    def summary(self) -> str:
        r = self.report
        text = (
            f"{r.evaluated} checks, {r.passed} passed, {r.failed} failed; {len(self.flagged)} values flagged"
        )
        if r.evaluated == 0:
            text += "; the suite evaluated no expectation"
        return text

    def failure_lines(self, limit: int = 8) -> list[str]:
        lines = []
        for o in self.report.failures()[:limit]:
            detail = o.exception_message or (
                f"{o.unexpected_count} of {o.element_count} unexpected, e.g. {o.partial_unexpected_list}"
                if o.unexpected_count is not None
                else f"observed {o.observed_value}"
            )
            lines.append(f"{o.table}.{o.expectation_id} ({o.description}): {detail}")
        return lines

    def flagged_lines(self, limit: int = 20) -> list[str]:
        rows = self.flagged.head(limit).itertuples(index=False)
        return [
            f"{r.dq_status}: {r.file_name} {r.surface} ({r.kind}, {r.metric_id or 'no indicator'}, "
            f"range {r.dq_valid_min}–{r.dq_valid_max})"
            for r in rows
        ]


def run_gate(
    build_db: Path,
    docs_dir: Path,
    run_id: str,
    before_store: Callable[[], None] | None = None,
) -> GateResult:
    data = read_marts(build_db)  # the read-only connection is closed again before GX runs
    specs = build_specs(data.reference)
    report = validate(data.frames, specs, docs_dir, run_name=run_id)
    if before_store:
        before_store()
    with duckdb.connect(str(build_db)) as con:
        store_report(con, run_id, report, data.flagged, data.reference.max_out_of_range_share)
    return GateResult(report, data.flagged, data.reference)
