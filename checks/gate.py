"""The checks stage of a refresh: validate the marts read-only in DuckDB, store the results in `audit`.

The two are apart: a refresh validates the build while it is being copied for publishing, so
nothing may write it then; once the copy is written, it stores the same results in the build
and in the copy (`GateResult.store`, identical rows in both).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from checks.gx_runner import PARTIAL_UNEXPECTED_COUNT, validate
from checks.marts import MART_QUERIES, PREPARE_SQL, duplicated_keys, read_facts
from checks.results import ValidationReport, with_key_rows
from checks.store import store_report
from checks.suite import UNIQUE_KEYS, Reference, build_specs


@dataclass
class GateResult:
    run_id: str
    report: ValidationReport
    flagged: pd.DataFrame  # the first flagged values (all are in audit.dq_flagged_values)
    reference: Reference
    flagged_count: int  # every mention whose dq_status is not ok
    validated_at: datetime

    @property
    def passed(self) -> bool:
        return self.report.success

    def summary(self) -> str:
        r = self.report
        text = (
            f"{r.evaluated} checks, {r.passed} passed, {r.failed} failed; {self.flagged_count} values flagged"
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

    def store(self, con: duckdb.DuckDBPyConnection) -> None:
        """The results in `con`'s audit schema; the same rows each time (the flagged values are
        read from `con`'s marts: a database the gate validated, or a copy of it)."""
        max_share = self.reference.max_out_of_range_share
        store_report(con, self.run_id, self.report, self.flagged_count, max_share, self.validated_at)

    def flagged_lines(self, limit: int = 20) -> list[str]:
        rows = self.flagged.head(limit).itertuples(index=False)
        return [
            f"{r.dq_status}: {r.file_name} {r.surface} ({r.kind}, {r.metric_id or 'no indicator'}, "
            f"range {r.dq_valid_min}–{r.dq_valid_max})"
            for r in rows
        ]


def validate_gate(build_db: Path, docs_dir: Path, run_id: str) -> GateResult:
    """Validate the marts of `build_db` on read-only connections (each closed before the next
    opens): the file is not written. Data Docs go to `docs_dir`; nothing is stored."""
    facts = read_facts(build_db)
    specs = build_specs(facts.reference)
    report = validate(build_db, MART_QUERIES, specs, docs_dir, run_name=run_id, prepare=PREPARE_SQL)
    _tell_key_rows(build_db, report, facts.reference)
    now = datetime.now(UTC)
    return GateResult(run_id, report, facts.flagged_sample, facts.reference, facts.flagged_count, now)


def _tell_key_rows(build_db: Path, report: ValidationReport, reference: Reference) -> None:
    """Rows and duplicated keys for each key's uniqueness expectation; the duplicates are only
    looked up (one group-by) when the expectation failed."""
    keys = {(k.table, k.expectation_id): k for k in UNIQUE_KEYS}
    for index, found in enumerate(report.outcomes):
        key = keys.get((found.table, found.expectation_id))
        counted = reference.key_counts.get(key) if key else None
        if key is None or counted is None or found.exception_message is not None:
            continue
        rows, sample = 0, []
        if not found.success:
            duplicates = duplicated_keys(build_db, key, PARTIAL_UNEXPECTED_COUNT)
            rows, sample = duplicates.rows, duplicates.sample
        report.outcomes[index] = with_key_rows(found, counted.rows, counted.non_null, rows, sample)
