"""The MetricFlow semantic layer: generated from the catalog; `mf query` answers on the sample warehouse."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fazhi.paths import project_dir
from scripts.generate_semantic_layer import CATALOG, TARGET, render
from tests.conftest import BuiltWarehouse

MF = str(Path(sys.executable).parent / "mf")


def catalog_ids() -> list[str]:
    with CATALOG.open(encoding="utf-8-sig", newline="") as handle:
        return [row["metric_id"] for row in csv.DictReader(handle)]


def test_the_semantic_yml_is_in_sync_with_the_catalog():
    assert TARGET.read_text(encoding="utf-8") == render(), (
        "models/marts/_marts__semantic.yml is stale: run .venv/bin/python scripts/generate_semantic_layer.py"
    )


def semantic_manifest(warehouse: BuiltWarehouse) -> Path:
    return warehouse.build_db.parent / "dbt" / "target" / "semantic_manifest.json"


def test_every_catalog_indicator_is_a_metric(sample_warehouse: BuiltWarehouse):
    manifest = json.loads(semantic_manifest(sample_warehouse).read_text(encoding="utf-8"))
    assert sorted(metric["name"] for metric in manifest["metrics"]) == sorted(catalog_ids())
    assert manifest["project_configuration"]["time_spines"]


@pytest.fixture(scope="module")
def mf_project(sample_warehouse: BuiltWarehouse, tmp_path_factory) -> Path:
    """`mf` reads <cwd>/target/semantic_manifest.json: a folder with the project file, the profile
    and the manifest of the sample build, so the test never writes into the checkout's target/."""
    folder = tmp_path_factory.mktemp("mf_project")
    (folder / "dbt_project.yml").symlink_to(project_dir() / "dbt_project.yml")
    (folder / "profiles").symlink_to(project_dir() / "profiles")
    (folder / "target").mkdir()
    shutil.copyfile(semantic_manifest(sample_warehouse), folder / "target" / "semantic_manifest.json")
    return folder


def test_mf_query_by_jurisdiction_level_province_and_year(mf_project, sample_warehouse, tmp_path):
    out = tmp_path / "answer.csv"
    env = dict(os.environ, FAZHI_BUILD_DB=str(sample_warehouse.build_db),
               DBT_PROFILES_DIR=str(mf_project / "profiles"), DO_NOT_TRACK="1",
               DBT_SEND_ANONYMOUS_USAGE_STATS="false")  # fmt: skip
    group_by = "jurisdiction__jurisdiction_name,jurisdiction__jurisdiction_level,jurisdiction__province_name"
    result = subprocess.run(
        [MF, "query", "--metrics", "admin_litigation_cases,head_appearance_rate",
         "--group-by", f"{group_by},metric_time__year", "--csv", str(out)],
        cwd=mf_project, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0 and out.exists(), result.stdout + result.stderr
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    pingluo = [row for row in rows if row["jurisdiction__jurisdiction_name"] == "平罗县"]
    assert len(pingluo) == 1
    assert pingluo[0]["jurisdiction__jurisdiction_level"] == "county"
    assert pingluo[0]["jurisdiction__province_name"] == "宁夏回族自治区"
    assert pingluo[0]["metric_time__year"].startswith("2023-01-01")
    assert float(pingluo[0]["admin_litigation_cases"]) > 0
