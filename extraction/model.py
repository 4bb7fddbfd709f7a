"""The extractor's output: one quantity mention of one subject in a paragraph."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mention:
    """A quantity found in a paragraph (offsets are 0-based into the paragraph text).

    A surface that carries several subjects (`A、B均为X`) yields one Mention per subject,
    with the same span and a growing `subject_index`.
    """

    start: int
    end: int
    value: float
    unit: str
    qualifier: str  # exact | approx | at_least | at_most
    kind: str  # count | amount | rate | duration | change | other
    subject: str
    period: str = "year"
    scope: str = ""
    chinese_numeral: bool = False
    subject_index: int = 0
