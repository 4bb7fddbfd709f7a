import csv

from attribution import default_seeds_dir
from attribution.name_matcher import NameMatcher


def _rows():
    with (default_seeds_dir() / "jurisdictions.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_seed_codes_are_six_digits_and_parents_exist():
    rows = _rows()
    codes = {r["jurisdiction_id"] for r in rows}
    assert all(len(c) == 6 and c.isdigit() for c in codes)
    assert all(r["parent_id"] in codes for r in rows if r["parent_id"])
    assert {r["level"] for r in rows} == {"province", "prefecture", "county"}


def test_seed_is_current():
    by_code = {r["jurisdiction_id"]: r for r in _rows()}
    assert by_code["360113"]["name"] == "红谷滩区"  # created 2019
    assert "371200" not in by_code  # 莱芜市, merged into 济南 in 2019


def test_short_names_follow_the_rules():
    by_code = {r["jurisdiction_id"]: r for r in _rows()}
    assert "巴州" in by_code["652800"]["short_names"].split("|")
    assert "屏边县" in by_code["532523"]["short_names"].split("|")
    assert by_code["640000"]["short_names"].split("|")[0] == "宁夏"


def test_matcher_takes_the_longest_name_leftmost():
    hits = NameMatcher(["广州", "广州市", "花都区"]).scan("广州市花都区人民政府")
    assert [h.surface for h in hits] == ["广州市", "花都区"]
