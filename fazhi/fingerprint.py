"""What a build is made of: the landed documents, the dbt project, the code the UDFs and checks run.

Two builds with the same fingerprint give the same marts, so a refresh whose fingerprint
equals the one of the warehouse it last published has nothing to do: it leaves the published
file alone (a no-op refresh takes a second, and changes not one byte). When only the documents
changed, the incremental models add the new ones; when the code changed, everything is rebuilt.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from fazhi.audit import package_versions
from fazhi.paths import project_dir

# dbt project parts, relative to the project directory
PROJECT_PARTS = ("dbt_project.yml", "profiles", "models", "seeds", "macros", "tests/dbt", "analyses")
# Python the build runs: UDFs (plugin + pure packages) and the checks
CODE_PARTS = (
    "hanzi",
    "extraction",
    "attribution",
    "indicators",
    "checks",
    "fazhi/dbt_plugin.py",
    "fazhi/udfs.py",
    "fazhi/row_pool.py",
    "fazhi/arrow_udf.py",
)


def _files(root: Path, parts: tuple[str, ...]) -> list[Path]:
    found: list[Path] = []
    for part in parts:
        path = root / part
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return sorted(found)


def code_fingerprint() -> str:
    """The dbt project, the Python the build runs and the package versions (not the documents)."""
    digest = hashlib.sha256()
    for root, parts in ((project_dir(), PROJECT_PARTS), (Path(__file__).resolve().parents[1], CODE_PARTS)):
        for path in _files(root, parts):
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    for package, package_version in sorted(package_versions().items()):
        digest.update(f"{package}={package_version}\n".encode())
    return digest.hexdigest()


def project_fingerprint(build_db_con: duckdb.DuckDBPyConnection, code: str) -> str:
    """`code` (code_fingerprint) and the set of landed documents."""
    digest = hashlib.sha256(code.encode())
    documents = build_db_con.execute("select document_id from raw.documents order by document_id").fetchall()
    for (document_id,) in documents:
        digest.update(document_id.encode() + b"\n")
    return digest.hexdigest()
