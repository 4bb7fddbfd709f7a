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
PROJECT_PARTS = (
    "dbt_project.yml",
    "selectors.yml",
    "profiles",
    "models",
    "seeds",
    "macros",
    "tests/dbt",
    "analyses",
)
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


def _hash_files(digest: hashlib._Hash, root: Path, parts: tuple[str, ...]) -> None:
    for path in _files(root, parts):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def code_fingerprint() -> str:
    """The dbt project, the Python the build runs and the package versions (not the documents)."""
    digest = hashlib.sha256()
    _hash_files(digest, project_dir(), PROJECT_PARTS)
    _hash_files(digest, Path(__file__).resolve().parents[1], CODE_PARTS)
    for package, package_version in sorted(package_versions().items()):
        digest.update(f"{package}={package_version}\n".encode())
    return digest.hexdigest()


# What the dbt docs site is made of: the project (manifest), dbt's version, and the catalog dbt
# reads from the build database, i.e. every relation's columns, types and comments (DuckDB gives
# dbt no row counts or sizes). `audit` is not dbt's; raw's columns come from the loaders' code.
DOCS_PACKAGES = ("dbt-core", "dbt-duckdb")
CATALOG_SQL = """
    select 'relation', schema_name, table_name, '', coalesce(comment, '')
    from duckdb_tables() where database_name = current_database() and schema_name <> 'audit'
    union all
    select 'relation', schema_name, view_name, '', coalesce(comment, '')
    from duckdb_views()
    where database_name = current_database() and not internal and schema_name <> 'audit'
    union all
    select 'column', schema_name, table_name || '.' || column_index || '.' || column_name, data_type,
           coalesce(comment, '')
    from duckdb_columns()
    where database_name = current_database() and not internal and schema_name <> 'audit'
    order by all
"""


def docs_fingerprint(build_db_con: duckdb.DuckDBPyConnection) -> str:
    """Equal for two builds whose `dbt docs generate` gives the same site (but its timestamps)."""
    digest = hashlib.sha256()
    _hash_files(digest, project_dir(), PROJECT_PARTS)
    versions = package_versions()
    for package in DOCS_PACKAGES:
        digest.update(f"{package}={versions[package]}\n".encode())
    for row in build_db_con.execute(CATALOG_SQL).fetchall():
        digest.update("\t".join(map(str, row)).encode() + b"\n")
    return digest.hexdigest()


def project_fingerprint(build_db_con: duckdb.DuckDBPyConnection, code: str) -> str:
    """`code` (code_fingerprint) and the set of landed documents."""
    digest = hashlib.sha256(code.encode())
    documents = build_db_con.execute("select document_id from raw.documents order by document_id").fetchall()
    for (document_id,) in documents:
        digest.update(document_id.encode() + b"\n")
    return digest.hexdigest()
