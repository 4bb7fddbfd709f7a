"""Great Expectations checks on the marts: the gate between a dbt build and a publish.

`suite` turns the catalog and the structure of the marts into expectation specs (no GX import),
`marts` reads the marts read-only into pandas, `gx_runner` validates them with GX (pandas path:
GX's SQL data source on DuckDB is unreliable) and builds Data Docs, `store` writes every result
to the `audit` schema.
"""

# The version the suite is written and tested against (pinned in requirements.lock).
GX_VERSION_TESTED = "1.24.1"
