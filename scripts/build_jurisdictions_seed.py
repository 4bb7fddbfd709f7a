"""Build seeds/jurisdictions.csv and seeds/jurisdiction_townships.csv from JioNLP's place dictionary.

Provenance: the PyPI package ``jionlp`` (Apache-2.0) ships ``jionlp/dictionary/china_location.zip``, a
tab-indented tree province > prefecture > county > township > village with GB/T 2260 codes and short
names down to county level. Get it with

    pip download --no-deps jionlp==1.5.31 -d /tmp/jionlp

and run

    python scripts/build_jurisdictions_seed.py /tmp/jionlp/jionlp-1.5.31-py2.py3-none-any.whl

The path may be the wheel, the inner ``china_location.zip`` or the extracted ``china_location.txt``.
``--compare-cpca <cpca wheel>`` prints how the ``cpca`` package's adcodes.csv differs (it is the
2018-era list: it lacks e.g. 红谷滩区 360113 and still has 莱芜市, so it is not used as the source).

Short names are derived by rule from the vocabulary in seeds/ (level suffixes, ethnic-group names)
plus the hand list seeds/jurisdiction_customary_short_names.csv; the build-time code reads only the
seeds, never the package.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parents[1] / "seeds"
INNER_DICTIONARY = "jionlp/dictionary/china_location.zip"
DICTIONARY_FILE = "china_location.txt"

# Placeholder rows in the source tree that are not divisions: their children hang on the level above.
PLACEHOLDER_NAMES = {"省直辖行政区划", "市直辖行政区划", "自治区直辖县级行政区划", "省直辖县级行政区划"}
# Codes of Taiwan's, Hong Kong's and Macau's subdivisions are not GB/T 2260; keep the provinces only.
PROVINCE_ONLY = {"71", "81", "82"}
# 统计用区划代码 gives functional areas (dev zones, 管理区) county codes with 7 in the fifth digit;
# GB/T 2260 has no such codes, and a dev zone is keyed to its host instead.
STATISTICAL_ONLY_DIGIT = "7"
NOT_DIVISION_SUFFIXES = ("开发区", "工业园区", "产业园区", "管委会", "行政委员会", "管理区", "示范区")
# 成都高新区, 天府新区 and the 大兴安岭 districts (加格达奇区 ...) have statistical codes only.
NOT_DIVISION_CODES = {"510102", "510156", "232761", "232762", "232763", "232764"}
LEVELS = ("province", "prefecture", "county")


@dataclass
class Division:
    code: str
    name: str
    level: str
    parent_code: str | None


@dataclass
class Township:
    name: str
    parent_code: str


def read_dictionary_text(path: Path) -> str:
    """Read china_location.txt from a wheel, the inner zip or the plain file."""
    if path.suffix == ".txt":
        return path.read_text(encoding="utf-8")
    with zipfile.ZipFile(path) as archive:
        if INNER_DICTIONARY in archive.namelist():
            inner = zipfile.ZipFile(io.BytesIO(archive.read(INNER_DICTIONARY)))
            return inner.read(DICTIONARY_FILE).decode("utf-8")
        return archive.read(DICTIONARY_FILE).decode("utf-8")


def parse_tree(text: str, township_suffixes: tuple[str, ...]) -> tuple[list[Division], list[Township]]:
    """Walk the indented tree; depth 0-2 carry codes, depth 3 are townships (no code)."""
    divisions: dict[str, Division] = {}
    townships: list[Township] = []
    nearest_code_at_depth: dict[int, str | None] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip("\t").split("\t")
        if depth > 3:
            continue
        parent_code = nearest_code_at_depth.get(depth - 1) if depth else None
        if depth == 3:
            if (
                parent_code
                and _is_township_name(fields[0], township_suffixes)
                and parent_code[:2] not in PROVINCE_ONLY
            ):
                townships.append(Township(fields[0], parent_code))
            continue
        if len(fields) < 3 or not _is_division(fields[0], fields[1], parent_code):
            # A placeholder passes its parent's code down to its children.
            nearest_code_at_depth[depth] = parent_code if fields[0] in PLACEHOLDER_NAMES else None
            continue
        name, code = fields[0], fields[1]
        if code in divisions:  # municipalities repeat themselves at the prefecture depth
            nearest_code_at_depth[depth] = code
            continue
        level = LEVELS[depth]
        divisions[code] = Division(code, name, level, parent_code)
        nearest_code_at_depth[depth] = code
    return list(divisions.values()), townships


def _is_township_name(name: str, township_suffixes: tuple[str, ...]) -> bool:
    """Towns, townships and streets only: the source also lists farms, zones and parks at this depth
    (开发区, 嘉定工业区, …农场), and a few rows that are a bare suffix (街道)."""
    return any(name.endswith(s) and len(name) > len(s) for s in township_suffixes)


def _is_division(name: str, code: str, parent_code: str | None) -> bool:
    if name in PLACEHOLDER_NAMES or not (len(code) == 6 and code.isdigit()):
        return False
    if code[:2] in PROVINCE_ONLY and not code.endswith("0000"):
        return False
    if parent_code and parent_code[:2] in PROVINCE_ONLY:
        return False
    if code[4] == STATISTICAL_ONLY_DIGIT and not code.endswith("00"):
        return False
    return code not in NOT_DIVISION_CODES and not name.endswith(NOT_DIVISION_SUFFIXES)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def derive_short_names(name: str, level: str, suffixes: list[str], ethnic_names: list[str]) -> list[str]:
    """巴音郭楞蒙古自治州 -> 巴音郭楞, 巴音郭楞州; 屏边苗族自治县 -> 屏边, 屏边县; 高州市 -> 高州."""
    root, suffix = _strip_first(name, suffixes)
    root = _strip_ethnic_names(root, ethnic_names)
    if len(root) < 2 or root == name:
        return []
    shorts = [root]
    if suffix in ("自治州", "自治县", "自治旗"):  # customary 屏边县, 恩施州
        shorts.append(root + suffix[-1])
    elif root != name[: len(name) - len(suffix)]:
        shorts.append(root + suffix)  # 管城回族区 -> 管城区
    return [s for s in shorts if s != name]


def _strip_first(name: str, suffixes: list[str]) -> tuple[str, str]:
    for suffix in suffixes:  # longest first, but never down to one character (金林区 is not 金 + 林区)
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)], suffix
    return name, ""


def _strip_ethnic_names(root: str, ethnic_names: list[str]) -> str:
    stripped = True
    while stripped:
        stripped = False
        for ethnic in ethnic_names:
            if root.endswith(ethnic) and len(root) - len(ethnic) >= 2:
                root = root[: -len(ethnic)]
                stripped = True
                break
    return root


def build_rows(divisions: list[Division], seeds_dir: Path) -> list[dict[str, str]]:
    level_suffixes: dict[str, list[str]] = {level: [] for level in LEVELS}
    for row in read_csv(seeds_dir / "jurisdiction_level_suffixes.csv"):
        if row["level"] in level_suffixes:
            level_suffixes[row["level"]].append(row["suffix"])
    for suffixes in level_suffixes.values():
        suffixes.sort(key=len, reverse=True)
    ethnic = [r["name"] for r in read_csv(seeds_dir / "ethnic_group_names.csv")]
    ethnic.sort(key=len, reverse=True)
    customary: dict[str, list[str]] = {}
    for row in read_csv(seeds_dir / "jurisdiction_customary_short_names.csv"):
        customary.setdefault(row["jurisdiction_id"], []).append(row["short_name"])

    by_code = {d.code: d for d in divisions}
    rows = []
    for division in sorted(divisions, key=lambda d: d.code):
        chain = list(_ancestors(division, by_code))
        shorts = derive_short_names(division.name, division.level, level_suffixes[division.level], ethnic)
        shorts += customary.get(division.code, [])
        rows.append(
            {
                "jurisdiction_id": division.code,
                "name": division.name,
                "level": division.level,
                "parent_id": division.parent_code or "",
                "province_id": division.code[:2] + "0000",
                "parent_chain": "".join(a.name for a in reversed(chain)),
                "short_names": "|".join(dict.fromkeys(s for s in shorts if s)),
            }
        )
    return rows


def _ancestors(division: Division, by_code: dict[str, Division]) -> Iterator[Division]:
    code = division.parent_code
    while code:
        parent = by_code[code]
        yield parent
        code = parent.parent_code


def write_csv(path: Path, rows: Iterable[dict[str, str]], columns: list[str]) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def compare_with_cpca(cpca_wheel: Path, divisions: list[Division]) -> None:
    with zipfile.ZipFile(cpca_wheel) as archive:
        text = archive.read("cpca/resources/adcodes.csv").decode("utf-8")
    cpca = {r["adcode"][:6]: r["name"] for r in csv.DictReader(io.StringIO(text)) if r["name"] != "市辖区"}
    ours = {d.code: d.name for d in divisions}
    print(f"cpca: {len(cpca)} codes; seed: {len(ours)} codes")
    print("in cpca only (abolished or renamed since):", sorted(set(cpca) - set(ours)))
    print("in seed only (new since cpca's list):", sorted(set(ours) - set(cpca)))
    renamed = sorted((c, cpca[c], ours[c]) for c in set(cpca) & set(ours) if cpca[c] != ours[c])
    print("renamed:", renamed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("source", type=Path, help="jionlp wheel, china_location.zip or china_location.txt")
    parser.add_argument("--seeds-dir", type=Path, default=SEEDS_DIR)
    parser.add_argument("--compare-cpca", type=Path, help="cpca wheel to diff against (report only)")
    args = parser.parse_args(argv)

    township_suffixes = tuple(
        row["suffix"]
        for row in read_csv(args.seeds_dir / "jurisdiction_level_suffixes.csv")
        if row["level"] == "township"
    )
    divisions, townships = parse_tree(read_dictionary_text(args.source), township_suffixes)
    rows = build_rows(divisions, args.seeds_dir)
    columns = ["jurisdiction_id", "name", "level", "parent_id", "province_id", "parent_chain", "short_names"]
    written = write_csv(args.seeds_dir / "jurisdictions.csv", rows, columns)
    known = {d.code for d in divisions}
    township_rows = (
        {"parent_id": t.parent_code, "name": t.name}
        for t in sorted(townships, key=lambda t: (t.parent_code, t.name))
        if t.parent_code in known
    )
    towns = write_csv(args.seeds_dir / "jurisdiction_townships.csv", township_rows, ["parent_id", "name"])
    print(f"wrote {written} jurisdictions and {towns} townships to {args.seeds_dir}", file=sys.stderr)
    if args.compare_cpca:
        compare_with_cpca(args.compare_cpca, divisions)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
