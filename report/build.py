"""Write the report file: read the warehouse, render the page, put it in place whole."""

from __future__ import annotations

import os
from pathlib import Path

from report.data import read_report_data
from report.page import render_page


def write_report(warehouse: Path, out: Path) -> Path:
    page = render_page(read_report_data(warehouse), warehouse)
    out.parent.mkdir(parents=True, exist_ok=True)
    staged = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    staged.write_text(page, encoding="utf-8")
    os.replace(staged, out)  # a reader (or a web server) never sees half a page
    return out
