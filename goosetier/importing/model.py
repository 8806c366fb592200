"""The data an import passes from stage to stage: options, normalised records, the plan (what
the preview shows) and the result. Plain dataclasses, no database and no Qt, so the CLI, the GUI
wizard and the tests all read the same objects.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter

from goosetier.core.errors import CodedError
from goosetier.core.issues import Issue, Severity
from goosetier.core.names import normalize_name
from goosetier.importing.matching import Candidate

# What the plan will do with a row.
INSERT, UPDATE, UNCHANGED = "insert", "update", "unchanged"
REJECTED, NEEDS_REVIEW, SKIPPED = "rejected", "needs_review", "skipped"
ACTIONS = (INSERT, UPDATE, UNCHANGED, REJECTED, NEEDS_REVIEW, SKIPPED)
_WRITES = frozenset({INSERT, UPDATE})
_ACTION = attrgetter("action")
NEW = "new"  # a decision: the near match is a different firm, create it
SKIP = "skip"  # a decision: leave the row out


def issue_message(issue: Issue, lang: str = "zh") -> str:
    """The sentence for an issue, with "第N行：" in front when it is about one row."""
    from goosetier.core.messages import message

    text = message(issue.code, issue.params, lang)
    if issue.row is None:
        return text
    return message("row_prefix", {"row": issue.row}, lang) + text


def issue_json(issue: Issue, lang: str = "zh") -> dict:
    return {"row": issue.row, "column": issue.column, "code": issue.code,
            "severity": str(issue.severity), "message": issue_message(issue, lang)}


class ImportFailure(CodedError):
    """An import that cannot go on, with a message code (see core/messages_import.py)."""


class ImportCancelled(ImportFailure):
    def __init__(self) -> None:
        super().__init__("import_cancelled")


@dataclass(frozen=True)
class ImportOptions:
    """Values that apply to the whole file (the CLI's --program/--year/--batch/--kind).

    Given, they win over the columns and captions; left None, each row's columns, the section
    caption above it and the title above the header are read in that order.
    """

    program: str | None = None  # a program id
    year: int | None = None
    batch: str | None = None
    kind: str | None = None  # new / review
    mark_sample: bool = False  # the bundled sample: created enterprises get is_sample
    user: str | None = None

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v not in (None, False)}


@dataclass(slots=True)
class DesignationSpec:
    program_id: str
    year: int | None = None
    kind: str = "new"
    batch_text: str | None = None
    batch_no: int | None = None
    level: str | None = None
    category: str | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    product: str | None = None
    certificate_no: str | None = None

    def key(self) -> tuple[str, int | None, str]:
        """Designations dedupe on (enterprise, program, year, kind)."""
        return self.program_id, self.year, self.kind


@dataclass(slots=True)
class Record:
    """One enterprise as a roster row states it, normalised (money in 万元, dates as dates)."""

    excel_row: int
    name: str
    name_norm: str
    credit_code: str | None = None
    code_warning: str | None = None  # bad_check / bad_org_check the officer may accept
    former_name: str | None = None
    fields: dict[str, object] = field(default_factory=dict)  # enterprise columns, non-empty only
    figures: dict[str, float | int] = field(default_factory=dict)  # revenue / output / employees
    figure_year: int | None = None
    designations: list[DesignationSpec] = field(default_factory=list)
    merged_rows: list[int] = field(default_factory=list)  # later rows of the same firm

    @property
    def former_norm(self) -> str | None:
        return normalize_name(self.former_name) if self.former_name else None


@dataclass(slots=True)
class PlanRow:
    """One line of the preview: what will happen to one firm of the file, and why."""

    excel_row: int
    action: str
    record: Record | None = None
    enterprise_id: int | None = None
    matched_by: str | None = None  # code / name / former_name / name_history / decision
    changes: dict[str, tuple[object, object]] = field(default_factory=dict)  # field: (old, new)
    new_designations: list[DesignationSpec] = field(default_factory=list)
    figures_before: dict[str, object] | None = None  # with its "id"; None: no row for the year
    figures_after: dict[str, object] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    raw: list[object] | None = None  # the cells as read, kept for rejected / review rows
    version: int | None = None  # the enterprise's version when planned
    previous: dict[str, object] | None = None  # its version before the import (for undo)

    @property
    def name(self) -> str:
        return self.record.name if self.record else ""

    @property
    def has_error(self) -> bool:
        return any(i.severity is Severity.ERROR for i in self.issues)

    @property
    def figures_changed(self) -> bool:
        before = self.figures_before or {}
        return any(before.get(k) != v for k, v in self.figures_after.items())


@dataclass
class ImportPlan:
    """Everything apply needs, and the preview shows. Writing nothing produced it."""

    file: str
    sheet: str
    header_row: int  # Excel row number of the header
    rows_read: int  # data rows (blank, caption, footnote and repeated header rows excluded)
    rows: list[PlanRow]
    file_issues: list[Issue]  # about the file, not one firm (encoding, formulas, hints)
    mapping: dict[int, str]
    headers: tuple[str, ...]
    sha256: str
    options: ImportOptions

    @property
    def issues(self) -> list[Issue]:
        """File-level issues first, then every row's, in row order."""
        rows = [i for r in self.rows for i in r.issues]
        rows.sort(key=lambda i: (i.row or 0))
        return [*self.file_issues, *rows]

    def count(self, action: str) -> int:
        return list(map(_ACTION, self.rows)).count(action)  # C loops: 100,000 rows

    def counts(self) -> Counter[str]:
        """Rows per action, in one pass."""
        return Counter(map(_ACTION, self.rows))

    def result_counts(self) -> dict[str, int]:
        """What an import reports (the result, the batch's record): rows per outcome, the
        designations it adds and its warnings."""
        n = self.counts()
        warnings = sum(1 for i in self.file_issues if i.severity is Severity.WARNING) + sum(
            1 for r in self.rows for i in r.issues if i.severity is Severity.WARNING)
        return {"inserted": n[INSERT], "updated": n[UPDATE], "unchanged": n[UNCHANGED],
                "rejected": n[REJECTED], "needs_review": n[NEEDS_REVIEW],
                "designations_added": self.designations_added, "warnings": warnings}

    @property
    def designations_added(self) -> int:
        return sum(map(len, [r.new_designations for r in self.rows if r.action in _WRITES]))

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.WARNING]

    def row(self, excel_row: int) -> PlanRow:
        for r in self.rows:
            if r.excel_row == excel_row:
                return r
        raise KeyError(excel_row)


@dataclass
class ImportResult:
    """The counts the CLI prints and the GUI shows after an import (or a dry run)."""

    file: str
    sheet: str
    header_row: int
    rows_read: int
    inserted: int
    updated: int
    unchanged: int
    rejected: int
    needs_review: int
    designations_added: int
    warnings: int
    batch_id: int | None
    dry_run: bool
    issues: list[Issue]
    enterprise_ids: list[int] = field(default_factory=list)  # created or changed: for refresh
    backup: str | None = None

    @classmethod
    def from_plan(cls, plan: ImportPlan, batch_id: int | None, dry_run: bool,
                  enterprise_ids: list[int] | None = None,
                  backup: str | None = None) -> ImportResult:
        return cls(file=plan.file, sheet=plan.sheet, header_row=plan.header_row,
                   rows_read=plan.rows_read, **plan.result_counts(), batch_id=batch_id,
                   dry_run=dry_run, issues=plan.issues, enterprise_ids=enterprise_ids or [],
                   backup=backup)

    def as_json(self, lang: str = "zh") -> dict:
        return {"file": self.file, "sheet": self.sheet, "header_row": self.header_row,
                "rows_read": self.rows_read, "inserted": self.inserted, "updated": self.updated,
                "unchanged": self.unchanged, "rejected": self.rejected,
                "needs_review": self.needs_review,
                "designations_added": self.designations_added, "warnings": self.warnings,
                "batch_id": self.batch_id, "dry_run": self.dry_run,
                "issues": [issue_json(i, lang) for i in self.issues]}
