"""Size limits that keep a load's memory bounded, whatever a crawl folder holds.

Each limit has a default and an environment variable; `fazhi refresh --max-file-mb` sets
FAZHI_MAX_FILE_MB for its run. A file over a limit is rejected with the limit named, never
partly landed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

MB = 1024 * 1024

# (environment variable, default): documented in the README and `fazhi refresh --help`.
ENV_MAX_FILE_MB = ("FAZHI_MAX_FILE_MB", 50)
ENV_MAX_PDF_PAGES = ("FAZHI_MAX_PDF_PAGES", 1000)
ENV_MAX_UNZIPPED_MB = ("FAZHI_MAX_UNZIPPED_MB", 200)
ENV_MAX_ZIP_RATIO = ("FAZHI_MAX_ZIP_RATIO", 200)


@dataclass(frozen=True, slots=True)
class LoadLimits:
    max_file_bytes: int = ENV_MAX_FILE_MB[1] * MB  # any file: not even read above this
    max_pdf_pages: int = ENV_MAX_PDF_PAGES[1]
    max_unzipped_bytes: int = ENV_MAX_UNZIPPED_MB[1] * MB  # a .docx's parts, unpacked, together
    max_zip_ratio: int = ENV_MAX_ZIP_RATIO[1]  # unpacked / packed size of one part above 1 MB

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> LoadLimits:
        env = os.environ if environ is None else environ
        return cls(
            max_file_bytes=int(_number(env, ENV_MAX_FILE_MB) * MB),
            max_pdf_pages=int(_number(env, ENV_MAX_PDF_PAGES)),
            max_unzipped_bytes=int(_number(env, ENV_MAX_UNZIPPED_MB) * MB),
            max_zip_ratio=int(_number(env, ENV_MAX_ZIP_RATIO)),
        )


def _help_line(setting: tuple[str, object], meaning: str) -> str:
    return f"  {f'{setting[0]}={setting[1]}':<25} {meaning}\n"


LOAD_LIMITS_HELP = (
    "\nload limits (a file over one is rejected with the limit named, and the load goes on):\n"
    + _help_line(ENV_MAX_FILE_MB, "any file, in MB (or --max-file-mb); a larger file is not read")
    + _help_line(ENV_MAX_PDF_PAGES, "pages of one PDF")
    + _help_line(ENV_MAX_UNZIPPED_MB, "a .docx unpacked, in MB (zip bombs)")
    + _help_line(ENV_MAX_ZIP_RATIO, "unpacked / packed size of one .docx part over 1 MB")
    + _help_line(
        ("FAZHI_PROGRESS", "auto"), "progress on stderr: auto (a terminal, or 200+ files), always, never"
    )
    + _help_line(
        ("FAZHI_WORKERS", "cores"), "worker processes (1: none), e.g. reading the files of a large load"
    )
    + _help_line(
        ("FAZHI_LOAD_POOL_MIN_SECONDS", 5), "use them when the files would take this long in one process"
    )
)


def _number(env, setting: tuple[str, int]) -> float:
    name, default = setting
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError as error:
        raise ValueError(f"{name} must be a number, not {raw!r}") from error
    if value <= 0:
        raise ValueError(f"{name} must be positive, not {raw!r}")
    return value


def megabytes(size: int) -> str:
    return f"{size / MB:.1f} MB"
