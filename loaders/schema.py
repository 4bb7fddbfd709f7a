"""The `raw` schema the loader lands into, and its evolution for older build databases."""

from __future__ import annotations

import duckdb

RAW_DDL = """
create schema if not exists raw;
create table if not exists raw.documents (
    document_id varchar primary key,
    file_name varchar not null,
    source_path varchar not null,
    media_type varchar not null,
    encoding varchar,
    byte_size bigint not null,
    text varchar not null,
    load_id varchar not null,
    loaded_at timestamptz not null
);
create table if not exists raw.paragraphs (
    paragraph_id varchar primary key,
    document_id varchar not null,
    paragraph_index integer not null,
    char_start integer not null,
    char_end integer not null,
    text varchar not null
);
create table if not exists raw.rejects (
    load_id varchar not null,
    source_path varchar not null,
    file_name varchar not null,
    byte_size bigint,
    content_hash varchar,
    reason varchar not null,
    rejected_at timestamptz not null
);
create table if not exists raw.loads (
    load_id varchar primary key,
    started_at timestamptz not null,
    finished_at timestamptz,
    inputs varchar[] not null,
    files_seen integer,
    files_landed integer,
    files_already_landed integer,
    files_rejected integer
);
-- the quick check (loaders/quick_check.py): what each file was when last read, and the document
-- it is; a file with the same size and mtime whose document is still landed is not read again
create table if not exists raw.seen_files (
    source_path varchar primary key,  -- as raw.documents.source_path
    byte_size bigint not null,
    modified_ns bigint not null,      -- st_mtime_ns, taken before the file was read
    document_id varchar not null,
    load_id varchar not null,         -- the load that read it last
    seen_at timestamptz not null      -- when its stat was taken
);
"""
# Columns added since the first version: a build database made by an older version gains them
# (null in its old rows) and keeps loading.
RAW_EVOLUTION = """
alter table raw.documents add column if not exists metadata map(varchar, varchar);
alter table raw.rejects add column if not exists reason_code varchar;
alter table raw.loads add column if not exists files_identical_copies integer;
alter table raw.loads add column if not exists files_unchanged integer;
"""


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(RAW_DDL)
    con.execute(RAW_EVOLUTION)
