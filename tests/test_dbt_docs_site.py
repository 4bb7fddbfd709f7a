"""The dbt docs site is generated again only when what it shows changed: the dbt project, dbt's
version, or the warehouse's tables, columns and comments; never because documents were added."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from fazhi import refresh
from fazhi.dbt_build import DbtResult
from fazhi.fingerprint import docs_fingerprint
from fazhi.paths import WarehousePaths, warehouse_paths


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A dbt project of one model (FAZHI_PROJECT_DIR)."""
    folder = tmp_path / "project"
    (folder / "models").mkdir(parents=True)
    (folder / "dbt_project.yml").write_text("name: tiny\n", encoding="utf-8")
    (folder / "models" / "m.sql").write_text("select 1 as x\n", encoding="utf-8")
    monkeypatch.setenv("FAZHI_PROJECT_DIR", str(folder))
    return folder


@pytest.fixture()
def paths(tmp_path: Path) -> WarehousePaths:
    paths = warehouse_paths(tmp_path / "warehouse" / "fazhi.duckdb")
    paths.build.parent.mkdir(parents=True)
    with duckdb.connect(str(paths.build)) as con:
        con.execute(
            "create schema marts; create table marts.m (x integer); comment on column marts.m.x is 'one'"
        )
    return paths


@pytest.fixture()
def dbt_calls(paths: WarehousePaths, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """`dbt docs generate` stands in: it writes the site's files where dbt would."""
    calls: list[list[str]] = []

    def fake_dbt(command: list[str], build_db: Path, on_started=None) -> DbtResult:
        calls.append(command)
        target = build_db.parent / "dbt" / "target"
        target.mkdir(parents=True, exist_ok=True)
        for name in refresh.DBT_DOCS_FILES:
            (target / name).write_text(f"{name} #{len(calls)}", encoding="utf-8")
        return DbtResult(ok=True, output="")

    monkeypatch.setattr(refresh, "run_dbt", fake_dbt)
    monkeypatch.setenv(refresh.DBT_DOCS_ENV, "on")
    return calls


def fingerprint(paths: WarehousePaths) -> str:
    with duckdb.connect(str(paths.build), read_only=True) as con:
        return docs_fingerprint(con)


def test_the_site_is_generated_once_and_then_left_while_nothing_it_shows_changes(
    project: Path, paths: WarehousePaths, dbt_calls: list[list[str]]
):
    assert refresh._dbt_docs(paths, fingerprint(paths)) == "generated"
    assert (paths.dbt_docs / "index.html").read_text(encoding="utf-8") == "static_index.html #1"
    with duckdb.connect(str(paths.build)) as con:  # new documents: rows, not what the site shows
        con.execute("insert into marts.m select range from range(1000)")
    assert refresh._dbt_docs(paths, fingerprint(paths)) == "unchanged"
    assert len(dbt_calls) == 1


@pytest.mark.parametrize("change", ["model", "comment", "column", "missing file"])
def test_the_site_is_generated_again_when_what_it_shows_changed(
    project: Path, paths: WarehousePaths, dbt_calls: list[list[str]], change: str
):
    assert refresh._dbt_docs(paths, fingerprint(paths)) == "generated"
    if change == "model":
        (project / "models" / "m.sql").write_text("select 2 as x\n", encoding="utf-8")
    elif change == "missing file":
        (paths.dbt_docs / "catalog.json").unlink()
    else:
        statement = {
            "comment": "comment on column marts.m.x is 'two'",
            "column": "alter table marts.m add column y varchar",
        }[change]
        with duckdb.connect(str(paths.build)) as con:
            con.execute(statement)
    assert refresh._dbt_docs(paths, fingerprint(paths)) == "generated"
    assert dbt_calls == [["docs", "generate", "--static", "--no-compile"]] * 2
    assert (paths.dbt_docs / "catalog.json").read_text(encoding="utf-8") == "catalog.json #2"
    assert refresh._dbt_docs(paths, fingerprint(paths)) == "unchanged"


def test_a_site_whose_generation_failed_is_generated_again(
    project: Path, paths: WarehousePaths, dbt_calls: list[list[str]], monkeypatch: pytest.MonkeyPatch
):
    assert refresh._dbt_docs(paths, fingerprint(paths)) == "generated"
    (project / "models" / "m.sql").write_text("select 2 as x\n", encoding="utf-8")

    def full_disk(source: Path, target: Path) -> None:
        raise OSError("disk full")

    with monkeypatch.context() as patched:
        patched.setattr(shutil, "copyfile", full_disk)
        assert refresh._dbt_docs(paths, fingerprint(paths)) == "OSError: disk full"
    # the old files are still there, but no longer known to show the project: generated again
    assert (paths.dbt_docs / "index.html").exists()
    assert refresh._dbt_docs(paths, fingerprint(paths)) == "generated"
    assert len(dbt_calls) == 3


def test_docs_off_skips_the_site(paths: WarehousePaths, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(refresh.DBT_DOCS_ENV, "off")
    assert refresh._dbt_docs(paths, None) == "skipped (FAZHI_DBT_DOCS=off)"
    assert not paths.dbt_docs.exists()
