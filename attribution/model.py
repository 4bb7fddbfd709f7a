"""The attribution of one report to the jurisdiction and year it reports on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Attribution:
    title: str | None
    jurisdiction_id: str | None  # admin_code where one exists, else "<nearest parent code>:<name>"
    jurisdiction_name: str | None  # full official name, simplified (巴音郭楞蒙古自治州)
    jurisdiction_level: str | None  # province | prefecture | county | township | dev_zone | department
    parent: str | None  # the jurisdictions above it, outermost first, e.g. 广东省茂名市
    parent_id: str | None  # jurisdiction_id of the direct parent
    admin_code: str | None  # GB/T 2260 six digits, or None
    report_year: int | None  # the year reported on, not the publication year
    publish_date: date | None
    issuer: str | None
