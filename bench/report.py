"""The benchmark's figures as a Markdown table, and their place in docs/benchmarks.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.queries import FULL, describe_vars

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
STAGES = ("load", "supersede", "dbt build", "checks", "publish")
SLOWEST = 6
TARGETS = (
    "10,000 reports: full refresh ≤ 120 s",
    "100,000 reports: full refresh ≤ 1,200 s and peak RSS ≤ 4 GB",
    "100 new reports into the 100,000-report warehouse ≤ 60 s (publish included)",
    "extraction ≥ 1,000,000 characters/s per core",
    "every analysis ≤ 200 ms (median) on the 100,000-report warehouse",
)


def _mb(n: object) -> str:
    return f"{int(n) / 1e6:,.0f} MB" if n else "–"


def _s(x: object) -> str:
    return f"{float(x):,.1f} s" if x is not None else "–"


def _row(label: str, cells: list[str]) -> str:
    return f"| {label} | " + " | ".join(cells) + " |"


def _size_table(sizes: list[dict[str, Any]]) -> list[str]:
    lines = [_row("reports", [f"{s['reports']:,}" for s in sizes]), "|---" * (len(sizes) + 1) + "|"]
    lines.append(_row("characters", [f"{s['characters']:,}" for s in sizes]))
    lines.append(_row("**full refresh, end to end**", [f"**{_s(s['full']['seconds'])}**" for s in sizes]))
    for stage in STAGES:
        lines.append(_row(f"· {stage}", [_s(s["full"]["stages"].get(stage)) for s in sizes]))
    for i in range(SLOWEST):
        cells = []
        for s in sizes:
            models = [(k, v) for k, v in s["models"].items()]
            cells.append(f"{models[i][0]} {models[i][1]:.1f} s" if i < len(models) else "")
        lines.append(_row(f"· dbt, slowest #{i + 1}", cells))
    lines.append(_row("peak RSS (refresh + dbt)", [f"{s['full']['peak_rss'] / 1e9:.2f} GB" for s in sizes]))
    for stage in STAGES:
        peaks = [s["full"].get("stage_peak_rss", {}).get(stage) for s in sizes]
        if any(peaks):
            lines.append(_row(f"· during {stage}", [f"{p / 1e9:.2f} GB" if p else "–" for p in peaks]))
    lines.append(_row("published file", [_mb(s["published_bytes"]) for s in sizes]))
    lines.append(_row("build file", [_mb(s["build_bytes"]) for s in sizes]))
    rates = [s["characters"] / s["full"]["seconds"] for s in sizes]
    lines.append(_row("refresh throughput", [f"{rate:,.0f} chars/s" for rate in rates]))
    scores = [s["score"] for s in sizes]
    lines.append(_row("mentions expected / predicted / matched", [
        f"{c['expected']:,} / {c['predicted']:,} / {c['matched']:,}" for c in scores
    ]))  # fmt: skip
    recall = [c["matched"] / max(1, c["expected"]) for c in scores]
    precision = [c["matched"] / max(1, c["predicted"]) for c in scores]
    lines.append(
        _row(
            "mention recall, precision", [f"{r:.4f}, {p:.4f}" for r, p in zip(recall, precision, strict=True)]
        )
    )
    lines.append(_row("documents: jurisdiction, year right", [
        f"{c['jurisdiction_right']:,}/{c['documents']:,}, {c['year_right']:,}/{c['documents']:,}"
        for c in scores
    ]))  # fmt: skip
    worst = [max(s["queries"].items(), key=lambda kv: kv[1]["asked"]) for s in sizes]
    lines.append(_row("slowest analysis as asked (median)", [
        f"{name} {q['asked'] * 1000:.0f} ms" for name, q in worst
    ]))  # fmt: skip
    return lines


def _incremental(size: dict[str, Any]) -> list[str]:
    inc = size["incremental"]
    models = list(size.get("incremental_models", {}).items())[:SLOWEST]
    lines = [
        f"**{100} new reports into the {size['reports']:,}-report warehouse: {_s(inc['seconds'])}** "
        f"(exit {inc['exit_code']}; peak RSS {inc['peak_rss'] / 1e9:.2f} GB)",
        "",
        "| stage | seconds |",
        "|---|---|",
    ]
    lines += [f"| {stage} | {_s(inc['stages'].get(stage))} |" for stage in STAGES]
    lines += [f"| dbt: {name} | {sec:.1f} s |" for name, sec in models]
    lines.append(
        f"| build file before → after | {_mb(size['build_bytes'])} → "
        f"{_mb(size['build_bytes_after_incremental'])} |"
    )
    lines.append(
        f"| published file before → after | {_mb(size['published_bytes'])} → "
        f"{_mb(size['published_bytes_after_incremental'])} |"
    )
    return lines


def _queries(sizes: list[dict[str, Any]]) -> list[str]:
    """Each analysis as asked (its vars named) and unfiltered (every filter lifted), per size."""
    names = sorted(sizes[-1]["queries"])
    asked_header = [f"{s['reports']:,}: as asked, ms (rows)" for s in sizes]
    full_header = [f"{s['reports']:,}: unfiltered, ms to 1,000 / all rows (rows)" for s in sizes]
    lines = [
        "Median of the runs after a warm-up, fetched into Python; *as asked* with the dbt vars shown "
        "(each analysis's defaults), *unfiltered* with every filter lifted "
        f"({', '.join(name for name, value in FULL.items() if value is None)}: null).",
        "",
        _row("analysis", ["vars as asked", *asked_header, *full_header]),
        "|---" * (len(sizes) * 2 + 2) + "|",
    ]
    for name in names:
        asked, full = [], []
        for s in sizes:
            q = s["queries"].get(name)
            asked.append(f"{q['asked'] * 1000:,.1f} ({q['asked_rows']:,})" if q else "–")
            full.append(
                f"{q['full_first_rows'] * 1000:,.1f} / {q['full_all_rows'] * 1000:,.1f} ({q['full_rows']:,})"
                if q
                else "–"
            )
        lines.append(_row(name, [describe_vars(sizes[-1]["queries"][name]["vars"]), *asked, *full]))
    return lines


def _throughput(t: dict[str, Any]) -> list[str]:
    ex, floor, py = t["extractor"], t["duckdb_floor"], t["python_re"]
    return [
        f"On {t['characters']:,} characters ({t['documents']:,} reports' simplified paragraphs), one core:",
        "",
        "| probe | characters/s | × the extractor |",
        "|---|---|---|",
        f"| extraction.extract_document | {ex:,.0f} | 1 |",
        f"| floor: DuckDB regexp_matches (1 thread) | {floor:,.0f} | {floor / ex:,.0f}× |",
        f"| Python re, number + measure word | {py:,.0f} | {py / ex:,.1f}× |",
    ]


def render(run: dict[str, Any]) -> str:
    sizes = run["sizes"]
    title = f"### {run['label']}" if run.get("label") else "### Latest run"
    lines = [title, "", "Machine (before / after the run):", ""]
    lines += ["| | |", "|---|---|"]
    for key, value in run["machine_before"].items():
        after = run["machine_after"].get(key)
        lines.append(f"| {key} | {value}{f' → {after}' if after != value else ''} |")
    lines += ["", *_size_table(sizes), ""]
    if "incremental" in sizes[-1]:
        lines += [*_incremental(sizes[-1]), ""]
    lines += [*_throughput(run["throughput"]), ""]
    if run.get("steps"):
        lines += ["Each per-document Python step of a build (the UDFs, called directly), one core:", ""]
        lines += ["| step | characters/s |", "|---|---|"]
        lines += [f"| {step} | {rate:,.0f} |" for step, rate in run["steps"].items()]
        lines.append("")
    lines += [*_queries(sizes), ""]
    return "\n".join(lines)


def write_markdown(path: Path, text: str) -> None:
    """Put `text` between the bench markers of `path` (the rest of the page is written by hand)."""
    block = f"{BEGIN}\n{text}\n{END}"
    if path.exists():
        page = path.read_text(encoding="utf-8")
        if BEGIN in page and END in page:
            head, _, rest = page.partition(BEGIN)
            _, _, tail = rest.partition(END)
            path.write_text(head + block + tail, encoding="utf-8")
            return
        path.write_text(page.rstrip("\n") + "\n\n" + block + "\n", encoding="utf-8")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# Benchmarks\n\n" + block + "\n", encoding="utf-8")
