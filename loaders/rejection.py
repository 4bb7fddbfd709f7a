"""Why a file was not landed: a short code (for counting) and a reason a person understands."""

from __future__ import annotations


class Rejected(ValueError):
    """The file cannot be landed. ``code`` groups reasons in summaries and in raw.rejects."""

    code = "unreadable"

    def __init__(self, reason: str, code: str | None = None) -> None:
        super().__init__(reason)
        if code is not None:
            self.code = code

    @property
    def reason(self) -> str:
        return str(self)


# Every code the loaders use, with the words the end-of-load summary uses for it.
REASON_CODES: dict[str, str] = {
    "empty": "empty",
    "no_text": "only white space",
    "not_text": "not text in a known encoding",
    "binary": "binary content",
    "unsupported_type": "unsupported file type",
    "too_large": "over the size limit",
    "no_text_layer": "PDF without a text layer",
    "encrypted": "password-protected",
    "damaged": "damaged or truncated",
    "too_many_pages": "over the page limit",
    "zip_bomb": "archive over the unpacked-size limit",
    "not_a_zip": "not a Word .docx file",
    "no_main_text": "web page without report text",
    "vanished": "vanished during the load",
    "unreadable": "could not be read",
    "symlink_outside": "link leading outside the inputs",
    "not_regular": "not a regular file",
    "reader_error": "reader failure",
}
