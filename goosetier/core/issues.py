"""Problems found in input, as codes: the GUI and the CLI turn them into words."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # the row cannot be used
    WARNING = "warning"  # usable; the officer should look
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Issue:
    code: str
    row: int | None = None  # the row number as Excel shows it
    column: str | None = None  # the header text (or field id)
    params: dict = field(default_factory=dict)
    severity: Severity = Severity.ERROR

    def as_dict(self, lang: str = "zh") -> dict:
        from goosetier.core.messages import message

        return {"row": self.row, "column": self.column, "code": self.code,
                "severity": str(self.severity), "message": message(self.code, self.params, lang)}
