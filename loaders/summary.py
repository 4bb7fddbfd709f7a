"""What a load did: the counts, the rejects and the one-paragraph summary printed at its end."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from loaders.limits import megabytes
from loaders.rejection import REASON_CODES


@dataclass
class LoadSummary:
    load_id: str
    files_seen: int = 0
    files_landed: int = 0
    files_already_landed: int = 0  # same bytes landed by an earlier load
    files_unchanged: int = 0  # of those, not read: unchanged since a load read them (loaders.quick_check)
    files_identical_copies: int = 0  # same bytes as a file landed earlier in this load
    files_rejected: int = 0
    rejects: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    reject_codes: Counter[str] = field(default_factory=Counter)
    bytes_read: int = 0
    seconds: float = 0.0

    def describe(self) -> str:
        return (
            f"load {self.load_id}: {self.files_seen} files seen, {self.files_landed} landed, "
            f"{self.files_already_landed} already landed{self._unchanged()}, {self.files_rejected} rejected"
        )

    def paragraph(self) -> str:
        """The end-of-load summary, in one paragraph."""
        rate = self.files_seen / self.seconds if self.seconds > 0 else 0.0
        text = (
            f"Loaded {self.files_seen} files ({megabytes(self.bytes_read)}) in {self.seconds:.1f} s "
            f"({rate:.1f} files/s): {self.files_landed} landed as new documents, "
            f"{self.files_already_landed} already landed before{self._unchanged()}, "
            f"{self.files_identical_copies} identical copies of a file landed in this load, "
            f"and {self.files_rejected} rejected"
        )
        if self.reject_codes:
            parts = [f"{n} {REASON_CODES.get(code, code)}" for code, n in self.reject_codes.most_common()]
            text += " (" + ", ".join(parts) + "; each with its reason in raw.rejects)"
        return text + "."

    def _unchanged(self) -> str:
        if not self.files_unchanged:
            return ""
        return f" ({self.files_unchanged} of them unchanged since their last load, not read)"
