"""What a validation found, as plain data: one outcome per expectation, read from GX's results."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from checks.suite import ExpectationSpec


@dataclass(frozen=True, slots=True)
class ExpectationOutcome:
    table: str
    expectation_id: str
    expectation_type: str
    description: str
    kwargs: str  # json
    success: bool
    element_count: int | None
    unexpected_count: int | None
    unexpected_percent: float | None
    partial_unexpected_list: str | None  # json
    observed_value: str | None  # json
    exception_message: str | None


@dataclass
class ValidationReport:
    gx_version: str
    outcomes: list[ExpectationOutcome] = field(default_factory=list)
    docs_index: Path | None = None

    @property
    def evaluated(self) -> int:
        return len(self.outcomes)

    @property
    def passed(self) -> int:
        return sum(o.success for o in self.outcomes)

    @property
    def failed(self) -> int:
        return self.evaluated - self.passed

    @property
    def success(self) -> bool:
        # a suite that evaluates nothing proves nothing: it is a failure
        return self.evaluated > 0 and self.failed == 0

    def failures(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success]


def _json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, default=str)


def _number(value: Any) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def outcome(
    table: str, item: dict[str, Any], by_id: dict[tuple[str, str], ExpectationSpec]
) -> ExpectationOutcome:
    config = item.get("expectation_config") or {}
    meta = config.get("meta") or {}
    ident = meta.get("id", "")
    spec = by_id.get((table, ident))
    result = item.get("result") or {}
    message = _exception_message(item.get("exception_info") or {})
    raised = message is not None
    return ExpectationOutcome(
        table=table,
        expectation_id=ident,
        expectation_type=config.get("type", ""),
        description=spec.description if spec else meta.get("description", ""),
        kwargs=_json({k: v for k, v in (config.get("kwargs") or {}).items() if k != "batch_id"}) or "{}",
        # an expectation that raised did not pass, whatever GX says
        success=bool(item.get("success")) and not raised,
        element_count=result.get("element_count"),
        unexpected_count=_unexpected_count(result),
        unexpected_percent=_number(result.get("unexpected_percent")),
        partial_unexpected_list=_json(result.get("partial_unexpected_list")),
        observed_value=_json(result.get("observed_value")),
        exception_message=message,
    )


def with_key_rows(
    found: ExpectationOutcome, rows: int, non_null: int, duplicated_rows: int, sample: list[Any]
) -> ExpectationOutcome:
    """A key's uniqueness expectation (distinct values = non-null rows) told as GX's row-by-row one
    tells it: rows, rows whose key is not unique, and the first of their keys."""
    return replace(
        found,
        element_count=rows,
        unexpected_count=duplicated_rows,
        unexpected_percent=100.0 * duplicated_rows / non_null if non_null else 0.0,
        partial_unexpected_list=_json(sample),
    )


def _unexpected_count(result: dict[str, Any]) -> int | None:
    # GX's SQL path leaves it out when no row is in the domain (a row condition nothing meets);
    # none of no rows is unexpected, as its pandas path said
    count = result.get("unexpected_count")
    return 0 if count is None and result.get("element_count") == 0 else count


def _exception_message(info: dict[str, Any]) -> str | None:
    """The error of an expectation that raised, or None. GX reports one of two shapes: the
    expectation's own {raised_exception, exception_message}, or, when a metric query failed,
    {metric id: {exception_message, ...}} (the SQL path)."""
    if "raised_exception" in info:
        return (info.get("exception_message") or "raised") if info["raised_exception"] else None
    messages = [
        str(value.get("exception_message") or "a metric failed")
        for value in info.values()
        if isinstance(value, dict) and (value.get("exception_message") or value.get("exception_traceback"))
    ]
    return "; ".join(dict.fromkeys(messages)) or None
