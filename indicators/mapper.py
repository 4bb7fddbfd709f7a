"""Which catalog indicator a quantity mention is a value of (pure functions over one document).

The rules, in order (the words they use are in the seeds, see `vocabulary.py`):

1. **Kind and unit**: the indicator's kind is the mention's, and the stated unit is one the
   indicator's unit accepts (`metric_unit_compatibility`): 514次 is never a count of 人, 4个
   never a number of 场次. A rate or change is always in %.
2. **Range**: the value lies within the catalog's valid_min / valid_max.
3. **Scope**: a mention with a narrower scope (州本级, 市直部门) only maps to an indicator whose
   catalog note keeps scoped values (`metric_scope_rules`); a scope naming every unit of the
   jurisdiction (全州各部门) is the whole jurisdiction.
4. **Where the name stands**: an alias of the indicator must stand, in order of preference,
   (a) in the mention's subject (for a 分别 list, the item's subject plus the verb after 分别),
   (b) in its own phrase: the text since the previous quantity of the sentence (at most
   `PHRASE_REACH` characters back), the surface and the words after it up to the next comma,
   bracket or list item (also read with the surface taken out, so 审计44个项目 reads 审计项目),
   or (c) earlier in its clause, over quantities in other units only (参加庭审活动515次2863人:
   the 2863人 are the participants). Within a tier the alias nearest
   the value wins (a name before the value before one after it), then the longest.
5. **Nearest name decides**: when the best-placed name belongs to an indicator the mention
   cannot be a value of (wrong unit, scope or words), the mention is that indicator's variant
   and maps to nothing else (宪法宣誓514次 counts ceremonies, not 讲法 sessions).
6. **Own-phrase words**: no `exclude` word of the indicator (or of `*`) stands in the mention's
   clause or subject (转办 is not 受理, 直接办结率 is not 办结率, 拟 is not done); when the
   indicator has `require` words one of them stands there (废止 for abolished documents). In a
   均 list (several subjects on one span) only the item's own subject counts.
7. **Topic**: an indicator with `topic` words (generic aliases such as 办结率, 满意率, 化解率)
   needs one of them in its section heading, paragraph or sentence up to the mention, and no
   `off_topic` word nearer than it; when several indicators share the alias, the one whose
   topic word stands nearest wins. A count whose measure word is followed by a `counted` word
   (34个部门) counts bodies and maps to nothing.
8. **Unit conversion**: metric_value = value × factor when the factor is exact, else null.

Pinyin glosses some mirrors insert (调(diào)解) are removed before any matching.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from indicators.vocabulary import ALL, Anchors, Indicator, Vocabulary

SENTENCE_END = re.compile(r"[。;;!?!?\n]")
CLAUSE_BREAK = re.compile(r"[,,]")
TAIL_END = re.compile(r"[,,;;。::!?!?((\n]")
LIST_BREAK = "、"
PINYIN_GLOSS = re.compile(r"[((][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}[))]")
NUMBER_START = re.compile(r"[0-9零一二三四五六七八九十两百千万〇]")
RESPECTIVELY = "分别"
# a name after the value only wins over a name before it when no name stands before it
AFTER_PENALTY = 100.0
# a name further back than this in the own phrase is no longer the value's
PHRASE_REACH = 50
# a heading paragraph: short and without a full stop
HEADING_MAX_LENGTH = 40
FAR = 10_000.0
EVIDENCE = ("subject", "phrase", "clause")


@dataclass(frozen=True, slots=True)
class MentionIn:
    """A mention as the extractor placed it (offsets into its paragraph's simplified text)."""

    mention_id: str
    paragraph: int  # position of the paragraph in the document
    start: int
    end: int
    value: float
    unit: str | None
    kind: str
    subject: str | None = None
    scope: str | None = None
    subject_index: int = 0


@dataclass(frozen=True, slots=True)
class MetricMatch:
    mention_id: str
    metric_id: str
    metric_value: float | None  # in the indicator's unit; null when the unit is only a family match
    metric_unit: str
    unit_factor: float | None
    matched_alias: str
    evidence: str  # subject | phrase | clause
    distance_to_value: float


@dataclass(frozen=True, slots=True)
class Context:
    subject: str  # the extractor's subject (with the 分别 verb when in such a list)
    earlier: str  # the clause before `before`, back over quantities in other units only
    before: str  # own phrase before the value: since the previous quantity of the sentence
    surface: str
    after: str  # words after the value up to the next comma or quantity
    topic: str  # section heading + paragraph up to the value
    shared_span: bool = False  # one of several subjects of a 均 list

    @property
    def words(self) -> str:
        """Where exclude / require words are looked for: the value's clause and its subject."""
        if self.shared_span:
            return self.subject + "\n" + self.after
        clause = CLAUSE_BREAK.split(self.before)[-1]
        return clause + self.surface + self.after + "\n" + self.subject


def strip_glosses(text: str) -> str:
    # every gloss opens with "(" (PINYIN_GLOSS's first class): most texts hold none, and a
    # substring test costs far less than a regex call
    return PINYIN_GLOSS.sub("", text) if "(" in text else text


def headings(paragraphs: list[str]) -> list[str]:
    """For each paragraph, the nearest heading paragraph above it ('' when none)."""
    found, current = [], ""
    for text in paragraphs:
        found.append(current)
        stripped = text.strip()
        if stripped and len(stripped) <= HEADING_MAX_LENGTH and "。" not in stripped:
            current = stripped
    return found


# A paragraph's mentions each ask where their sentence starts: its sentence ends are found once
# (cached by text) and each question is a bisection.
@lru_cache(maxsize=4)
def _sentence_ends(text: str) -> list[int]:
    return [m.end() for m in SENTENCE_END.finditer(text)]


def _sentence_start(text: str, position: int) -> int:
    """Just after the last sentence end within text[:position] (0 when none)."""
    ends = _sentence_ends(text)
    i = bisect_right(ends, position)
    return ends[i - 1] if i else 0


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    unit: str | None


def build_context(paragraph: str, heading: str, mention: MentionIn, others: list[Span]) -> Context:
    """The texts around a mention the rules read (`others`: the paragraph's other quantities)."""
    start, end = mention.start, mention.end
    sentence_start = _sentence_start(paragraph, start)
    before_start = max((s.end for s in others if sentence_start <= s.end <= start), default=sentence_start)
    before = paragraph[before_start:start]
    earlier_start = before_start
    if before_start > sentence_start and not CLAUSE_BREAK.search(before):
        # back over the previous quantities of the clause, as long as they are in other units
        clause_break = [m.end() for m in CLAUSE_BREAK.finditer(paragraph, sentence_start, before_start)]
        earlier_start = clause_break[-1] if clause_break else sentence_start
        same_unit = [
            s.end for s in others if earlier_start <= s.end <= before_start and s.unit == mention.unit
        ]
        if same_unit:
            earlier_start = max(same_unit)
    following = min((s.start for s in others if s.start >= end), default=len(paragraph))
    tail_end = TAIL_END.search(paragraph, end)
    stop = min(following, tail_end.start() if tail_end else len(paragraph))
    if following <= stop:
        # another quantity follows in the clause: a list "A 8391件、B 123件", the tail ends at 、
        list_break = paragraph.find(LIST_BREAK, end, stop)
        stop = list_break if list_break >= 0 else stop
    subject = mention.subject or ""
    sentence_before = paragraph[sentence_start:start]
    if RESPECTIVELY in sentence_before:
        verb = sentence_before[sentence_before.rindex(RESPECTIVELY) + len(RESPECTIVELY) :]
        number = NUMBER_START.search(verb)
        subject += verb[: number.start()] if number else verb
    return Context(
        subject=strip_glosses(subject),
        earlier=strip_glosses(paragraph[earlier_start:before_start]),
        before=strip_glosses(before),
        surface=strip_glosses(paragraph[start:end]),
        after=strip_glosses(paragraph[end:stop]),
        topic=strip_glosses(heading + "\n" + paragraph[:start]),
        shared_span=any(s.start == start and s.end == end for s in others),
    )


Position = tuple[int, float, int, str]  # tier, distance, -alias length, alias


class NameTexts(NamedTuple):
    """The texts alias_position scans for an indicator's names, with the value's offsets in them;
    the same for every indicator, so built once per mention."""

    subject: str
    with_surface: str  # earlier + before + surface + after
    without_surface: str  # earlier + before + after (审计44个项目 reads 审计项目)
    own_start: int  # where `before` starts
    value_start: int
    value_end: int

    @classmethod
    def of(cls, context: Context) -> NameTexts:
        head = context.earlier + context.before
        value_start = len(head)
        return cls(
            context.subject,
            head + context.surface + context.after,
            head + context.after,
            len(context.earlier),
            value_start,
            value_start + len(context.surface),
        )


def alias_position(indicator: Indicator, context: Context, texts: NameTexts | None = None) -> Position | None:
    """(tier, distance, -length, alias) of the indicator's best-placed name, or None.

    `texts`: NameTexts.of(context), when the caller already has it."""
    best: Position | None = None
    subject, with_surface, without_surface, own_start, value_start, value_end = texts or NameTexts.of(context)
    for alias in indicator.aliases:
        # every match starts with the anchor: three substring tests are far cheaper than three scans
        anchor = alias.anchor
        if anchor not in subject and anchor not in with_surface and anchor not in without_surface:
            continue
        found: list[tuple[int, float]] = []
        for m in alias.pattern.finditer(subject):
            found.append((0, float(len(subject) - m.end())))
        for m in alias.pattern.finditer(with_surface):
            if m.end() <= value_start:
                if value_start - m.end() <= PHRASE_REACH:
                    found.append((1 if m.end() > own_start else 2, float(value_start - m.end())))
            elif m.start() >= value_end:
                found.append((1, m.start() - value_end + AFTER_PENALTY))
            else:
                found.append((1, 0.0))
        for m in alias.pattern.finditer(without_surface):
            if m.start() < value_start < m.end():  # the value stands inside the name: 审计【44个】项目
                found.append((1, 0.0))
        for tier, distance in found:
            key = (tier, distance, -alias.length, alias.text)
            if best is None or key < best:
                best = key
    return best


def _topic_distance(pattern: re.Pattern[str], context: Context) -> float | None:
    """Characters between the nearest topic word and the value; None when there is none.

    The topic text runs from the section heading to the value; the words after the value in
    its clause and the subject count as touching it.
    """
    distances = [float(len(context.topic) - m.end()) for m in pattern.finditer(context.topic)]
    distances += [0.5 for _ in pattern.finditer(context.surface + context.after + "\n" + context.subject)]
    return min(distances, default=None)


def _scope_accepted(vocabulary: Vocabulary, metric_id: str, scope: str | None) -> bool:
    if not scope:
        return True
    return any(key in vocabulary.scopes and vocabulary.scopes[key].search(scope) for key in (ALL, metric_id))


def _refusal(
    vocabulary: Vocabulary, indicator: Indicator, mention: MentionIn, context: Context
) -> str | None:
    """Why the mention cannot be a value of the indicator (rules 1-3, 6), or None."""
    accepted, _ = vocabulary.unit_factor(indicator, mention.unit or "")
    if not accepted:
        return "unit"
    if indicator.valid_min is not None and mention.value < indicator.valid_min:
        return "range"
    if indicator.valid_max is not None and mention.value > indicator.valid_max:
        return "range"
    if not _scope_accepted(vocabulary, indicator.metric_id, mention.scope):
        return "scope"
    exclude = vocabulary.excludes.get(indicator.metric_id)
    if exclude and exclude.search(context.words):
        return "exclude"
    require = vocabulary.requires.get(indicator.metric_id)
    if require and not require.search(context.words):
        return "require"
    return None


def map_mention(
    vocabulary: Vocabulary,
    mention: MentionIn,
    context: Context,
    anchors: Anchors | None = None,
) -> MetricMatch | None:
    """The indicator this mention is a value of, or None (rules 1-8 of the module docstring).

    `anchors` (the vocabulary's) lets indicators none of whose names can be in the context be
    skipped without scanning it; the result is the same without it.
    """
    if not mention.unit:
        return None
    if ALL in vocabulary.excludes and vocabulary.excludes[ALL].search(context.words):
        return None
    if vocabulary.counted and vocabulary.counted.match(context.after):
        return None  # 34个部门, 39家单位: the number counts bodies, not what the indicator counts
    ranked = []
    nearest_refused: Position | None = None
    texts = NameTexts.of(context)
    if anchors is None:
        indicators = [i for i in vocabulary.indicators if i.kind == mention.kind]
    else:
        # the others have no name in the context: alias_position would find none (the texts are
        # joined by a character no alias holds, so none is found across two; their characters
        # are the subject's and the text with the surface's, which holds all of the other's)
        haystack = "\0".join(texts[:3])
        characters = set(texts.subject + texts.with_surface)
        found = anchors.candidates(mention.kind, haystack, characters)
        indicators = [vocabulary.indicators[i] for i in found]
    for indicator in indicators:
        position = alias_position(indicator, context, texts)
        if position is None:
            continue
        topic = vocabulary.topics.get(indicator.metric_id)
        topic_distance = _topic_distance(topic, context) if topic else FAR
        if topic_distance is None:
            continue  # a generic name outside its topic says nothing about this mention
        off_topic = vocabulary.off_topics.get(indicator.metric_id)
        if off_topic and (_topic_distance(off_topic, context) or FAR) < topic_distance:
            continue  # a nearer word names another topic (化解率 after 行政争议, not 矛盾纠纷)
        if _refusal(vocabulary, indicator, mention, context):
            if nearest_refused is None or position[:3] < nearest_refused[:3]:
                nearest_refused = position
            continue
        ranked.append((position[:3], topic_distance, indicator.metric_id, indicator, position[3]))
    if not ranked:
        return None
    (tier, distance, _), _, _, indicator, alias = min(ranked, key=lambda item: item[:3])
    if nearest_refused is not None and nearest_refused[:3] < (tier, distance, -len(alias.replace("…", ""))):
        return None
    _, factor = vocabulary.unit_factor(indicator, mention.unit)
    return MetricMatch(
        mention_id=mention.mention_id,
        metric_id=indicator.metric_id,
        metric_value=mention.value * factor if factor is not None else None,
        metric_unit=indicator.unit,
        unit_factor=factor,
        matched_alias=alias,
        evidence=EVIDENCE[tier],
        distance_to_value=distance,
    )


def map_document(
    vocabulary: Vocabulary, paragraphs: list[str], mentions: list[MentionIn]
) -> list[MetricMatch]:
    """Every mapped mention of one document (a mention maps to one indicator at most)."""
    above = headings(paragraphs)
    spans: dict[int, list[tuple[MentionIn, Span]]] = {}
    for mention in mentions:
        span = Span(mention.start, mention.end, mention.unit)
        spans.setdefault(mention.paragraph, []).append((mention, span))
    found = []
    anchors = vocabulary.anchors
    for mention in mentions:
        others = [span for other, span in spans[mention.paragraph] if other is not mention]
        context = build_context(paragraphs[mention.paragraph], above[mention.paragraph], mention, others)
        match = map_mention(vocabulary, mention, context, anchors)
        if match is not None:
            found.append(match)
    return found
