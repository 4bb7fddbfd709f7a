"""Per-model times from dbt's run_results.json (beside the build database)."""

from __future__ import annotations

import json
from pathlib import Path


def model_times(build_db: Path) -> dict[str, float]:
    """model name -> seconds, slowest first; tests summed under 'tests (all)'."""
    path = build_db.parent / "dbt" / "target" / "run_results.json"
    if not path.exists():
        return {}
    results = json.loads(path.read_text(encoding="utf-8"))["results"]
    times: dict[str, float] = {}
    for r in results:
        unique_id: str = r["unique_id"]
        kind, name = unique_id.split(".")[0], unique_id.split(".")[-1]
        key = name if kind in ("model", "seed") else f"{kind}s (all)"
        times[key] = times.get(key, 0.0) + float(r.get("execution_time") or 0.0)
    return dict(sorted(times.items(), key=lambda kv: kv[1], reverse=True))
