"""Read an organisation name: 广州市花都区人民政府, 嘉兴市应急管理局, 句容市人民政府黄梅街道办事处.

The reading is lexical: which gazetteer names open the string (the chain), and what follows them
(a government word, a department suffix, a township, a development zone). Which jurisdiction a
name means when it is ambiguous is decided later, with the whole document as context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from attribution.gazetteer import Gazetteer

GOVERNMENT = "government"  # the jurisdiction itself (…人民政府, or a bare place name)
DEPARTMENT = "department"
NATIONAL_DEPARTMENT = "national_department"
TOWNSHIP = "township"
DEV_ZONE = "dev_zone"

_HAN = r"[\u4e00-\u9fff]"
# Words that open a sentence but are never a township's name (乡镇街道, 全镇, 各乡).
_NOT_TOWNSHIP_START = (
    *("各", "全", "本", "我", "该", "乡镇", "镇街", "街道", "社区", "辖区", "所属", "有关", "其他"),
)
_LEADING_NOISE = re.compile(r"^[\s“”\"'《【\[(|]+")
_YEAR_PREFIX = re.compile(r"^(?:(?:19|20)\d{2}\s*年度?|关于)\s*")


@dataclass(frozen=True, slots=True)
class DocumentNames:
    """What the document itself says about township names: the short forms of the townships it
    names in full (寮步 -> 寮步镇), and its text, to see whether a guessed name recurs."""

    text: str
    township_shorts: dict[str, str]


@dataclass(frozen=True, slots=True)
class OrgReading:
    kind: str
    chain: tuple[str, ...]  # gazetteer surfaces from the start, outermost first (广州市, 花都区)
    unit_name: str | None  # township, zone or department name as built (黄梅街道, 嘉兴市应急管理局)
    department_suffix: str | None
    written: str  # the organisation as written, through its body word (广州市花都区人民政府)
    has_body_word: bool  # written names a body (人民政府, 局, 管委会), not just a place


def read_organisation(text: str, gazetteer: Gazetteer, document: DocumentNames) -> OrgReading | None:
    """Read the organisation that opens ``text``, or None when it does not open with one."""
    text = _YEAR_PREFIX.sub("", _LEADING_NOISE.sub("", text))
    national = _national_department(text, gazetteer)
    if national:
        return OrgReading(NATIONAL_DEPARTMENT, (), national, None, national, True)
    chain, position = _chain(text, gazetteer, document)
    rest = text[position:]
    if chain:
        return _after_chain(text, chain, rest, gazetteer, document)
    township = _township_at(text, gazetteer, document)
    if township:
        name, end = township
        written, has_body = _through_body_word(text, end, gazetteer)
        return OrgReading(TOWNSHIP, (), name, None, written, has_body)
    return None


def _after_chain(
    text: str, chain: tuple[str, ...], rest: str, gazetteer: Gazetteer, document: DocumentNames
) -> OrgReading:
    start = len(text) - len(rest)
    department = _department_suffix(rest, gazetteer)
    if department:
        written = text[: start + len(department)]
        return OrgReading(DEPARTMENT, chain, None, department, written, True)
    zone_end = _dev_zone_end(rest, gazetteer)
    if zone_end:
        zone = text[: start + zone_end]
        written, _ = _through_body_word(text, start + zone_end, gazetteer)
        return OrgReading(DEV_ZONE, chain, zone, None, written, True)
    government_word = _starts_with_any(rest, gazetteer.vocabulary.words("government"))
    after_government = start + len(government_word or "")
    township = _township_at(text[after_government:], gazetteer, document)
    if township:
        name, end = township
        written, has_body = _through_body_word(text, after_government + end, gazetteer)
        return OrgReading(TOWNSHIP, chain, name, None, written, has_body)
    if government_word:
        return OrgReading(GOVERNMENT, chain, None, None, text[:after_government], True)
    return OrgReading(GOVERNMENT, chain, None, None, text[:start], False)


def _chain(text: str, gazetteer: Gazetteer, document: DocumentNames) -> tuple[tuple[str, ...], int]:
    """The gazetteer names that open ``text``. A township stops it where it reads better: a longer
    township name (新华乡, not 新华区), or a short name the document uses for one of its townships
    (长安 beside 长安镇, when no 长安区 is written)."""
    surfaces: list[str] = []
    position = 0
    while hit := gazetteer.matcher.match_at(text, position):
        township = gazetteer.township_matcher.match_at(text, position)
        if township and township.end > hit.end:
            break
        if hit.surface in document.township_shorts and hit.surface not in gazetteer.ids_by_full_name:
            break
        surfaces.append(hit.surface)
        position = hit.end
    return tuple(surfaces), position


def _national_department(text: str, gazetteer: Gazetteer) -> str | None:
    return _starts_with_any(text, gazetteer.vocabulary.national_departments)


def _department_suffix(rest: str, gazetteer: Gazetteer) -> str | None:
    return _starts_with_any(rest, tuple(d.suffix for d in gazetteer.vocabulary.department_suffixes))


def _dev_zone_end(rest: str, gazetteer: Gazetteer) -> int | None:
    """End of "<root>经济开发区" at the start of ``rest``; the root is up to six Han characters."""
    suffixes = "|".join(re.escape(s) for s in gazetteer.vocabulary.level_suffixes.get(DEV_ZONE, ()))
    found = re.match(rf"{_HAN}{{0,6}}?(?:{suffixes})", rest) if suffixes else None
    return found.end() if found else None


def _township_at(text: str, gazetteer: Gazetteer, document: DocumentNames) -> tuple[str, int] | None:
    """A township opening ``text``: a known name, a short form whose full name the document uses,
    or a short root before a township suffix (杜城街道, 人民街街道办事处). A root guessed from the
    suffix alone must be confirmed: followed by a body word (办事处, 党工委) or written again in the
    document, since a verb phrase can end in 乡 too (深入推进乡村振兴)."""
    if text.startswith(_NOT_TOWNSHIP_START):
        return None
    hit = gazetteer.township_matcher.match_at(text, 0)
    suffixes = gazetteer.vocabulary.level_suffixes.get(TOWNSHIP, ())
    by_suffix = re.match(rf"{_HAN}{{2,5}}?(?:{'|'.join(re.escape(s) for s in suffixes)})", text)
    candidates = []
    if hit:
        candidates.append((hit.surface, hit.end))
    if by_suffix:
        name = _strip_office(by_suffix.group())
        end = by_suffix.start() + len(name)
        if (
            _starts_with_any(text[end:], gazetteer.vocabulary.words("government"))
            or document.text.count(name) > 1
        ):
            candidates.append((name, end))
    for short, full in document.township_shorts.items():
        if text.startswith(short) and not text.startswith(full):
            candidates.append((full, len(short)))
    return max(candidates, key=lambda c: c[1]) if candidates else None


def _strip_office(name: str) -> str:
    """黄梅街道办事处 -> 黄梅街道: the office is the body, the street is the jurisdiction."""
    return name[: -len("办事处")] if name.endswith("街道办事处") else name


def _through_body_word(text: str, end: int, gazetteer: Gazetteer) -> tuple[str, bool]:
    """Extend a unit name over the body word that follows it (人民政府, 管理委员会办公室, 办事处)."""
    rest = text[end:]
    body = _starts_with_any(rest, gazetteer.vocabulary.words("government"))
    if not body:
        department = _department_suffix(rest, gazetteer)
        return (text[: end + len(department)], True) if department else (text[:end], False)
    end += len(body)
    office = _starts_with_any(text[end:], ("办公室", "办公厅"))
    return text[: end + len(office or "")], True


def _starts_with_any(text: str, words: tuple[str, ...]) -> str | None:
    for word in words:
        if text.startswith(word):
            return word
    return None
