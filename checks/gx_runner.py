"""Validate the marts with Great Expectations (SQL path, on DuckDB) and build Data Docs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

# imported here, not lazily: the refresh loads this module in the background while dbt runs
import great_expectations as gx
import great_expectations.expectations as gxe
from great_expectations.core.run_identifier import RunIdentifier
from great_expectations.data_context.types.base import ProgressBarsConfig
from great_expectations.data_context.types.resource_identifiers import ExpectationSuiteIdentifier
from great_expectations.expectations.row_conditions import AndCondition, Column

from checks import GX_VERSION_TESTED
from checks.duckdb_source import duckdb_source
from checks.results import ValidationReport, outcome
from checks.suite import Clause, ExpectationSpec

SITE_NAME = "fazhi"
SUITE_PREFIX = "fazhi_marts"
PARTIAL_UNEXPECTED_COUNT = 20  # unexpected values listed per failed expectation


def _context(docs_dir: Path) -> Any:
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
    build_db: Path,
    queries: dict[str, str],
    specs: list[ExpectationSpec],
    docs_dir: Path,
    run_name: str,
    prepare: tuple[str, ...] = (),
) -> ValidationReport:
    """One GX suite per mart, each validating its query (`queries[table]`) of the read-only
    `build_db`: every metric is computed by DuckDB over the whole table. Data Docs after the run.

    The first run lists no unexpected values: listing them costs one more scan of the mart per
    expectation, and a passing suite has none to list (but a tolerated share, `mostly`). Only
    when something failed does the suite run again, listing the first PARTIAL_UNEXPECTED_COUNT of
    each: its results and Data Docs are then those of that second run.

    `prepare`: statements run on GX's connection first (the temp tables the queries read).
    """
    if gx.__version__ != GX_VERSION_TESTED:
        # the suite relies on this version's expectation classes, result format and SQL engine
        raise RuntimeError(
            f"great_expectations {gx.__version__} is installed; the checks are pinned to {GX_VERSION_TESTED} "
            "(requirements.lock, checks/__init__.py)"
        )
    for listed in (0, PARTIAL_UNEXPECTED_COUNT):
        context = _context(docs_dir)  # its own: the Data Docs index lists the run kept, alone
        run_results = _run(context, build_db, queries, specs, run_name, prepare, listed)
        report = _report(run_results, specs)
        if report.success or listed:
            break
    _build_docs(context, run_results)
    report.docs_index = docs_dir / "index.html"
    return report


def _run(
    context: Any,
    build_db: Path,
    queries: dict[str, str],
    specs: list[ExpectationSpec],
    run_name: str,
    prepare: tuple[str, ...],
    listed: int,
) -> dict[Any, Any]:
    """One checkpoint over every mart's suite; `listed`: unexpected values listed per expectation."""
    with duckdb_source(context, "marts", build_db, prepare) as source:
        definitions = []
        for table in sorted({s.table for s in specs}):
            suite = context.suites.add(_suite(table, [s for s in specs if s.table == table]))
            asset = source.add_query_asset(table, query=queries[table])
            definitions.append(
                context.validation_definitions.add(
                    gx.ValidationDefinition(
                        name=f"{SUITE_PREFIX}.{table}",
                        data=asset.add_batch_definition_whole_table("whole"),
                        suite=suite,
                    )
                )
            )
        checkpoint = context.checkpoints.add(
            gx.Checkpoint(
                name=SUITE_PREFIX,
                validation_definitions=definitions,
                result_format={"result_format": "SUMMARY", "partial_unexpected_count": listed},
            )
        )
        return checkpoint.run(run_id=RunIdentifier(run_name=run_name)).run_results


def _report(run_results: dict[Any, Any], specs: list[ExpectationSpec]) -> ValidationReport:
    report = ValidationReport(gx_version=gx.__version__)
    by_id = {(s.table, s.expectation_id): s for s in specs}
    by_suite = {v.suite_name: v for v in run_results.values()}
    for table in sorted({s.table for s in specs}):
        for item in by_suite[f"{SUITE_PREFIX}.{table}"].results:
            report.outcomes.append(outcome(table, item.to_json_dict(), by_id))
    return report


def _build_docs(context: Any, run_results: dict[Any, Any]) -> None:
    """The pages of this run's results and suites, and the index, rendered once: what GX's
    UpdateDataDocsAction does per validation (rebuilding the index each time)."""
    identifiers = [
        *run_results,
        *(ExpectationSuiteIdentifier(name=v.suite_name) for v in run_results.values()),
    ]
    context.build_data_docs(site_names=[SITE_NAME], resource_identifiers=identifiers, build_index=True)


def _suite(table: str, specs: list[ExpectationSpec]) -> Any:
    suite = gx.ExpectationSuite(name=f"{SUITE_PREFIX}.{table}")
    for spec in specs:
        expectation_class = getattr(gxe, spec.gx_type)
        condition = {"row_condition": _condition(spec.row_condition)} if spec.row_condition else {}
        suite.add_expectation(
            expectation_class(
                **spec.kwargs, **condition, meta={"id": spec.expectation_id, "description": spec.description}
            )
        )
    return suite


def _condition(clauses: tuple[Clause, ...]) -> Any:
    """GX's structured row condition: the engine turns it into SQL with bound parameters."""
    parts = []
    for clause in clauses:
        column = Column(clause.column)
        if clause.op == "==":
            parts.append(column == clause.value)
        elif clause.op == "in":
            parts.append(column.is_in(clause.value))
        else:
            parts.append(column.is_not_in(clause.value))
    return parts[0] if len(parts) == 1 else AndCondition(conditions=parts)
