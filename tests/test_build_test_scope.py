"""The data tests of an incremental build read the new documents' rows only (macros/test_scope.sql)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import BuiltWarehouse, query, run_fazhi

SCOPE = "audit.dbt_build_scope"


def _compiled_test(build_db: Path, prefix: str) -> str:
    """The SQL dbt ran for the data test whose name starts with `prefix`."""
    compiled = build_db.parent / "dbt" / "target" / "run" / "fazhi" / "models"
    (match,) = [p for p in compiled.rglob(f"{prefix}*.sql")]
    return match.read_text()


def _resource_types_run(build_db: Path) -> set[str]:
    """The kinds of node (model, seed, test, unit_test ...) the last dbt command ran."""
    results = json.loads((build_db.parent / "dbt" / "target" / "run_results.json").read_text())
    return {result["unique_id"].split(".")[0] for result in results["results"]}


def test_an_incremental_build_tests_the_new_documents_and_a_full_one_everything(
    sample_warehouse: BuiltWarehouse, tmp_path: Path
) -> None:
    root = tmp_path / "site"
    shutil.copytree(sample_warehouse.warehouse.parent, root / "out")
    inbox = root / "inbox"
    shutil.copytree(sample_warehouse.inbox, inbox)
    sample = sorted(inbox.glob("*.txt"))[0]
    new_text = sample.read_text(encoding="utf-8") + "\n又收到行政复议申请12件。\n"
    (inbox / "new.txt").write_text(new_text, encoding="utf-8")
    warehouse = root / "out" / "fazhi.duckdb"
    build_db = warehouse.parent / "build" / warehouse.name

    incremental = run_fazhi("refresh", "--input", str(inbox), "--warehouse", str(warehouse))
    assert incremental.returncode == 0, incremental.stderr
    new_id = query(build_db, "select document_id from raw.documents where file_name = 'new.txt'")
    assert query(build_db, f"select document_id from {SCOPE}") == new_id
    builds = query(
        build_db, "select full_refresh, whole_project, succeeded from audit.dbt_builds order by started_at"
    )
    assert builds == [(True, True, True), (False, True, True)]
    # a model built incrementally by document: its tests read the new document's rows
    assert SCOPE in _compiled_test(build_db, "unique_fct_quantity_mentions_mention_id")
    assert SCOPE in _compiled_test(build_db, "unique_stg_document_conversions_document_id")
    # and so do those of a view whose rows change by whole document (meta in its config)
    assert SCOPE in _compiled_test(build_db, "unique_stg_paragraphs_paragraph_id")
    # the seeds and unit tests depend on the code alone: the full build loaded and passed them
    assert _resource_types_run(build_db) == {"operation", "model", "test", "exposure"}
    # a table rebuilt whole: its tests read it whole
    assert SCOPE not in _compiled_test(build_db, "unique_dim_documents_document_id")
    # and the new document's rows are there to be tested
    new_rows = "select count(*) from marts.fct_quantity_mentions where document_id = ?"
    assert query(build_db, new_rows, list(new_id[0]))[0][0] > 0

    full = run_fazhi("refresh", "--full", "--input", str(inbox), "--warehouse", str(warehouse))
    assert full.returncode == 0, full.stderr
    assert SCOPE not in _compiled_test(build_db, "unique_fct_quantity_mentions_mention_id")
    assert {"seed", "unit_test"} <= _resource_types_run(build_db)
    assert query(build_db, "select count(*), bool_and(succeeded) from audit.dbt_builds") == [(3, True)]
