"""A file whose content changed replaces its old rows.

Raw is keyed by content (document_id = sha256 of the bytes), so a corrected file landed at a
path lands as a new document beside the old one. After each load, every document whose path
has since been landed with other content is removed from raw (its paragraphs with it), and the
replacement is recorded in audit.superseded_documents. The models then drop its rows.
"""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb

SUPERSEDED_DDL = """
create schema if not exists audit;
create table if not exists audit.superseded_documents (
    document_id varchar not null,      -- the old content, removed from raw
    source_path varchar not null,
    file_name varchar,
    superseded_by varchar not null,    -- the document now landed from that path
    superseded_at timestamptz not null
);
"""

# The newest document per source path wins; the others from that path are superseded.
SUPERSEDED_SQL = """
with newest as (
    select source_path, arg_max(document_id, loaded_at) as document_id
    from raw.documents group by source_path
)
select d.document_id, d.source_path, d.file_name, newest.document_id as superseded_by
from raw.documents d
join newest on d.source_path = newest.source_path
where d.document_id <> newest.document_id
"""


def supersede_changed_files(con: duckdb.DuckDBPyConnection) -> int:
    """Remove the old content of every changed file from raw, in one transaction; return how many."""
    con.execute(SUPERSEDED_DDL)
    con.execute("begin transaction")
    try:
        old = con.execute(SUPERSEDED_SQL).fetchall()
        now = datetime.now(UTC)
        for document_id, source_path, file_name, superseded_by in old:
            con.execute(
                "insert into audit.superseded_documents values (?, ?, ?, ?, ?)",
                [document_id, source_path, file_name, superseded_by, now],
            )
            con.execute("delete from raw.paragraphs where document_id = ?", [document_id])
            con.execute("delete from raw.documents where document_id = ?", [document_id])
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return len(old)
