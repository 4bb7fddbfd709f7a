"""Re-drawing a written number: a new value of the same kind, written the same way."""

from __future__ import annotations

import random

_FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")
_ASCII = str.maketrans("０１２３４５６７８９．", "0123456789.")
RATE_MAX = 100.0


def written_value(number: str) -> float:
    return float(number.translate(_ASCII).replace(",", ""))


def redraw(rng: random.Random, number: str, is_rate: bool) -> str:
    """A new number near `number` (×0.3 … ×3), with its decimals, width and separators.

    Rates stay at or below 100 when the original was; counts stay at least 1.
    """
    plain = number.translate(_ASCII).replace(",", "")
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    old = float(plain)
    new = old * rng.uniform(0.3, 3.0)
    if old > RATE_MAX and is_rate:
        new = old * rng.uniform(0.9, 1.1)  # a rate stated above 100 % stays an outlier, not a new one
    elif is_rate:
        new = min(new, RATE_MAX) if rng.random() < 0.9 else rng.uniform(old, RATE_MAX)
    step = 10.0**-decimals
    new = max(round(new, decimals), step)
    text = f"{new:,.{decimals}f}" if "," in number else f"{new:.{decimals}f}"
    if number != number.translate(_ASCII):  # the source wrote full-width digits
        text = text.translate(_FULL_WIDTH)
    return text
