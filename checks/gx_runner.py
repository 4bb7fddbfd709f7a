"""Validate the marts with Great Expectations (pandas path) and build Data Docs."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from checks import GX_VERSION_TESTED
from checks.suite import ExpectationSpec

SITE_NAME = "fazhi"
SUITE_PREFIX = "fazhi_marts"


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


def _context(docs_dir: Path) -> Any:
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    docs_dir.mkdir(parents=True, exist_ok=True)
    context.add_data_docs_site(
        site_name=SITE_NAME,
        site_config={
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        },
    )
    return context


def validate(
    frames: dict[str, pd.DataFrame], specs: list[ExpectationSpec], docs_dir: Path, run_name: str
) -> ValidationReport:
    """One GX suite and checkpoint per mart (each validates its own DataFrame); Data Docs after each."""
    import great_expectations as gx
    import great_expectations.expectations as gxe

    if gx.__version__ != GX_VERSION_TESTED:
        # the suite relies on this version's expectation classes and result format
        raise RuntimeError(
            f"great_expectations {gx.__version__} is installed; the checks are pinned to {GX_VERSION_TESTED} "
            "(requirements.lock, checks/__init__.py)"
        )
    context = _context(docs_dir)
    source = context.data_sources.add_pandas("marts")
    report = ValidationReport(gx_version=gx.__version__)
    by_id = {(s.table, s.expectation_id): s for s in specs}
    for table in sorted({s.table for s in specs}):
        suite = gx.ExpectationSuite(name=f"{SUITE_PREFIX}.{table}")
        for spec in (s for s in specs if s.table == table):
            expectation_class = getattr(gxe, spec.gx_type)
            suite.add_expectation(
                expectation_class(
                    **spec.kwargs, meta={"id": spec.expectation_id, "description": spec.description}
                )
            )
        suite = context.suites.add(suite)
        batch = source.add_dataframe_asset(table).add_batch_definition_whole_dataframe("whole")
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(name=f"{SUITE_PREFIX}.{table}", data=batch, suite=suite)
        )
        checkpoint = context.checkpoints.add(
            gx.Checkpoint(
                name=f"{SUITE_PREFIX}.{table}",
                validation_definitions=[definition],
                actions=[gx.checkpoint.UpdateDataDocsAction(name="data_docs", site_names=[SITE_NAME])],
                result_format={"result_format": "SUMMARY", "partial_unexpected_count": 20},
            )
        )
        result = checkpoint.run(batch_parameters={"dataframe": frames[table]}, run_id=_run_id(run_name))
        for validation in result.run_results.values():
            for item in validation.results:
                report.outcomes.append(_outcome(table, item.to_json_dict(), by_id))
    report.docs_index = docs_dir / "index.html"
    return report


def _run_id(run_name: str) -> Any:
    from great_expectations.core.run_identifier import RunIdentifier

    return RunIdentifier(run_name=run_name)


def _outcome(
    table: str, item: dict[str, Any], by_id: dict[tuple[str, str], ExpectationSpec]
) -> ExpectationOutcome:
    config = item.get("expectation_config") or {}
    meta = config.get("meta") or {}
    ident = meta.get("id", "")
    spec = by_id.get((table, ident))
    result = item.get("result") or {}
    exception = item.get("exception_info") or {}
    raised = bool(exception.get("raised_exception"))
    return ExpectationOutcome(
        table=table,
        expectation_id=ident,
        expectation_type=config.get("type", ""),
        description=spec.description if spec else meta.get("description", ""),
        kwargs=_json({k: v for k, v in (config.get("kwargs") or {}).items() if k != "batch_id"}) or "{}",
        # an expectation that raised did not pass, whatever GX says
        success=bool(item.get("success")) and not raised,
        element_count=result.get("element_count"),
        unexpected_count=result.get("unexpected_count"),
        unexpected_percent=_number(result.get("unexpected_percent")),
        partial_unexpected_list=_json(result.get("partial_unexpected_list")),
        observed_value=_json(result.get("observed_value")),
        exception_message=exception.get("exception_message") if raised else None,
    )
