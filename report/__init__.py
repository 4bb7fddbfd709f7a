"""`fazhi report`: a static, offline HTML report of the published warehouse (inline SVG, no scripts)."""
