"""`fazhi report`: a static HTML report, self-contained, every value tied to its source sentence,
checked in a real headless Chromium (screenshot, DOM, console)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from report.data import Indicator, PlottedValue, Quality, ReportData, source_sentence
from report.page import render_page
from report.svg import number
from tests.conftest import BuiltWarehouse, query, run_fazhi

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
LOGGING = ["--enable-logging=stderr", "--v=0"]  # console messages (and uncaught errors) go to stderr


@pytest.fixture(scope="module")
def report_file(sample_warehouse: BuiltWarehouse, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "fazhi report.html"  # a space: paths are not pasted anywhere
    result = run_fazhi("report", "--warehouse", str(sample_warehouse.warehouse), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def page(report_file: Path) -> str:
    return report_file.read_text(encoding="utf-8")


def test_the_report_needs_no_server_and_no_network(page):
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert not re.search(r"""(src|href)=['"]?(https?:)?//""", page)


def test_every_value_is_plotted_with_its_source_sentence(page, sample_warehouse):
    [(values,)] = query(sample_warehouse.warehouse, "select count(*) from marts.metrics_by_jurisdiction_year")
    assert page.count('<rect class="bar"') + page.count(">n/a</text>") == values
    targets = set(re.findall(r"<a href=\"#(src-[^\"]+)\">", page))
    ids = set(re.findall(r"<tr id='(src-[^']+)'>", page))
    assert targets and targets <= ids  # every bar and cell links to a row that exists
    # 平罗县 2023: 行政诉讼案件148件 — the tooltip quotes the sentence it was read from
    assert "平罗县 2023 · 行政诉讼(应诉)案件数: 148 件\n「2023年共有行政诉讼案件148件" in page


def test_the_data_quality_of_the_last_refresh_is_shown(page, sample_warehouse):
    [(run_id,)] = query(sample_warehouse.warehouse,
                        "select run_id from audit.refresh_runs where outcome = 'published'")  # fmt: skip
    assert run_id in page and "checks passed" in page and "dq_status" in page


def test_text_from_reports_is_escaped():
    hostile = "<script>alert(1)</script>"
    value = PlottedValue(
        "m", "j", hostile, "county", "", 2023, 5.0, "件", "exact", "year", None, False, 1,
        "d:1-2:0", "5件", "a.txt", "ok", f"共{hostile}5件。",
    )  # fmt: skip
    indicator = Indicator("m", "c", f"名{hostile}", "name", "count", "件", hostile, hostile)
    html = render_page(ReportData([indicator], [value], Quality(None, None, {})), Path(hostile))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_source_sentence_is_the_sentence_around_the_value():
    paragraph = "一是加强复议。全年收到申请79件,办结72件;二是应诉。"
    assert source_sentence(paragraph, paragraph.index("79件"), "79件") == "全年收到申请79件,办结72件;"
    assert source_sentence(paragraph, None, "72件") == "全年收到申请79件,办结72件;"
    assert number(1234.0) == "1,234" and number(21.60) == "21.6"


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.skip("no chromium: `make browser` installs Debian's package (needs root and apt-get)")
    return found


def run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    profile.mkdir()
    return subprocess.run(
        [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *LOGGING, *args],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_the_report_renders_in_headless_chromium(report_file, tmp_path):
    url = report_file.as_uri()
    screenshot = tmp_path / "report.png"
    shot = run_chromium(tmp_path, "--window-size=1280,2000", f"--screenshot={screenshot}", url)
    assert shot.returncode == 0, shot.stderr[-2000:]
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and screenshot.stat().st_size > 20_000
    dom = run_chromium(tmp_path, "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert dom.stdout.count('class="chart"') > 10 and dom.stdout.count('class="heatmap"') == 1
    assert "checks passed" in dom.stdout
    console = [
        line for line in (shot.stderr + dom.stderr).splitlines() if ":CONSOLE" in line or "Uncaught" in line
    ]
    assert console == []
