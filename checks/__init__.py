"""Great Expectations checks on the marts: the gate between a dbt build and a publish.

`suite` turns the catalog and the structure of the marts into expectation specs (no GX import),
`marts` holds the fixed queries GX validates and reads the reference data, `gx_runner` validates
them with GX's SQL data source on the read-only build database (`duckdb_source`: every metric is
a DuckDB query over the whole mart, so memory does not grow with the marts) and builds Data Docs,
`results` turns GX's results into plain outcomes, `store` writes them to the `audit` schema.
"""

# The version the suite is written and tested against (pinned in requirements.lock).
GX_VERSION_TESTED = "1.24.1"
