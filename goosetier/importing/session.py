"""The import session: the one way a roster gets into the registry, whatever asks for it.

Like beets' importer session it is interface-agnostic: plain stages, a dry-run branch, and the
decisions (which sheet, which column is what, whether a near match is the same firm) taken by
the caller — the CLI passes options, the GUI wizard asks the officer, a test scripts answers.

    with ImportSession(registry, path, options) as s:
        s.open()                     # → sheets
        s.select_sheet(name)         # → header found; s.mapping (a saved one is reused)
        s.set_mapping({4: "programs"})          # optional: the officer's corrections
        plan = s.plan()              # validate + match; writes nothing (the preview)
        s.decide(row, enterprise_id | NEW | SKIP)  # for plan rows that need review
        result = s.apply()           # one transaction; undo_import(registry, result.batch_id)

``progress(done, total)`` and ``cancelled()`` are plain callables checked between batches of
rows; ``stage`` says which step runs (reading, matching, writing). Cancelling raises
ImportCancelled and leaves the registry as it was.
"""

from __future__ import annotations

import gc
import hashlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import chain, islice
from pathlib import Path

from sqlalchemy import select

from goosetier.core.issues import Issue, Severity
from goosetier.importing.apply import apply_plan
from goosetier.importing.cells import hints_from_titles
from goosetier.importing.columns import ColumnMapping, map_columns
from goosetier.importing.header import ClassifiedRow, HeaderInfo, classify, locate
from goosetier.importing.matching import RegistryIndex
from goosetier.importing.model import (
    INSERT,
    NEEDS_REVIEW,
    REJECTED,
    UPDATE,
    ImportCancelled,
    ImportFailure,
    ImportOptions,
    ImportPlan,
    ImportResult,
    PlanRow,
    Record,
)
from goosetier.importing.planning import REVIEW_CODES, Planner
from goosetier.importing.reading import Roster, SheetInfo, open_roster
from goosetier.importing.validate import Validator
from goosetier.store import models as m
from goosetier.store.database import Registry

STEP = 1000  # rows between progress reports and cancel checks while reading
HEADER_SCAN = 30


class ImportSession:
    def __init__(self, registry: Registry, path: str | Path,
                 options: ImportOptions | None = None, *,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None,
                 roster: Roster | None = None) -> None:
        self.registry = registry
        self.path = Path(path)
        self.options = options or ImportOptions()
        self.progress = progress or (lambda done, total: None)
        self.cancelled = cancelled or (lambda: False)
        self.stage = "idle"
        # a roster the caller opened already (and may be reading ahead): the session owns it
        self.roster: Roster | None = roster
        self.sheet: str | None = None
        self.header: HeaderInfo | None = None
        self.mapping: ColumnMapping | None = None
        self.decisions: dict[int, int | str] = {}
        self.plan_: ImportPlan | None = None
        self._remember: dict | None = None
        self._stream: tuple[str, list, Iterator[list[object]]] | None = None

    def __enter__(self) -> ImportSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.roster is not None:
            self.roster.close()
            self.roster = None

    # --- 1. file and sheet -----------------------------------------------------------------

    def open(self) -> list[SheetInfo]:
        """Open the file (by its bytes, not its name); ReadError with a code if it cannot be."""
        if self.roster is None:
            self.roster = open_roster(self.path)
            # the next step nearly always reads the first visible sheet: start on it now
            self.roster.prefetch()
        return list(self.roster.sheets)

    def select_sheet(self, name: str | None = None) -> HeaderInfo:
        """Find the header of a sheet (default: the first visible) and map its columns."""
        roster = self.roster or self._open_roster()
        sheet = name or roster.default_sheet()
        # Reading a sheet costs as much as the rest of the import: the rows read here to find
        # the header are kept, and plan() goes on from where this stopped.
        stream = roster.iter_rows(sheet)
        head = list(islice(stream, HEADER_SCAN))
        self._stream = (sheet, head, stream)
        info = locate(head, HEADER_SCAN)
        if info is None:
            raise ImportFailure("header_not_found", sheet=sheet, rows=HEADER_SCAN)
        self.sheet, self.header = sheet, info
        mapping = map_columns(info.headers)
        saved = self._saved_mapping(mapping.signature)
        if saved is not None:
            mapping = mapping.with_override(saved)
        self.mapping = mapping
        self.plan_ = None
        return info

    def set_mapping(self, overrides: dict[int, str | None], remember: bool = True
                    ) -> ColumnMapping:
        """Apply the officer's choices ({column: field or None}); remembered for this header
        layout when the import is applied."""
        mapping = self._require_mapping().with_override(overrides)
        self.mapping = mapping
        if remember:
            self._remember = {"fields": {str(k): v for k, v in mapping.fields.items()}}
        self.plan_ = None
        return mapping

    def preview(self, limit: int = 20) -> list[ClassifiedRow]:
        """The first rows below the header, classified: for the mapping page."""
        info = self._require_header()
        roster = self._require_roster()
        if self._stream is None or self._stream[0] != self.sheet:  # plan() consumed it
            stream = roster.iter_rows(self.sheet)
            self._stream = (self.sheet or roster.default_sheet(),
                            list(islice(stream, HEADER_SCAN)), stream)
        sheet, head, stream = self._stream
        out: list[ClassifiedRow] = []
        while True:
            out = [r for r in classify(head, info)][:limit]
            if len(out) >= limit or len(head) >= info.data_start + limit * 4:
                return out
            more = list(islice(stream, limit))
            if not more:
                return out
            head += more

    # --- 2. plan (the dry run) -------------------------------------------------------------

    def plan(self, decisions: dict[int, int | str] | None = None) -> ImportPlan:
        """Read, validate and match every row; write nothing."""
        with gc_paused():
            return self._plan(decisions)

    def _plan(self, decisions: dict[int, int | str] | None) -> ImportPlan:
        if decisions:
            self.decisions.update(decisions)
        roster, info, mapping = self._require_roster(), self._require_header(), \
            self._require_mapping()
        if "name" not in mapping.fields.values():
            raise ImportFailure("no_name_column", sheet=self.sheet)
        sheet = self.sheet or roster.default_sheet()
        records, rejected, rows_read = self._validate(roster, sheet, info, mapping)
        # after the rows: the cell scan has been running alongside them (Roster.prefetch)
        file_issues = self._file_issues(roster, sheet, mapping)
        self.stage = "matching"
        rows = self._match(records)
        rows += rejected
        rows.sort(key=lambda r: r.excel_row)
        self.plan_ = ImportPlan(
            file=str(self.path), sheet=sheet, header_row=info.header_row_index + 1,
            rows_read=rows_read, rows=rows, file_issues=file_issues,
            mapping=dict(mapping.fields), headers=tuple(mapping.headers),
            sha256=_sha256(self.path), options=self.options)
        self.stage = "planned"
        return self.plan_

    def decide(self, excel_row: int, choice: int | str) -> PlanRow:
        """Settle a row that needs review: an enterprise id, NEW or SKIP. Re-plans that row."""
        plan = self._require_plan()
        index = next(i for i, r in enumerate(plan.rows) if r.excel_row == excel_row)
        old = plan.rows[index]
        if old.record is None:
            raise ImportFailure("decision_not_possible", row=excel_row)
        self.decisions[excel_row] = choice
        with self.registry.engine.connect() as conn:
            planner = Planner(conn, RegistryIndex.load(conn), {excel_row: choice})
            planner.claimed = {r.enterprise_id: r.excel_row for r in plan.rows
                               if r.enterprise_id is not None and r.excel_row != excel_row}
            issues = [i for i in old.issues if i.code not in REVIEW_CODES]
            new = planner.plan_chunk([(old.record, issues)])[0]
        new.raw = old.raw if new.action in (REJECTED, NEEDS_REVIEW) else None
        plan.rows[index] = new
        return new

    # --- 3. apply --------------------------------------------------------------------------

    def apply(self, *, backup: bool = True) -> ImportResult:
        """Write the plan (one transaction, after a backup copy); rejected and needs-review rows
        are left out. A plan with nothing to insert or update writes nothing at all (no batch)."""
        plan = self.plan_ or self.plan()
        if not any(r.action in (INSERT, UPDATE) for r in plan.rows):
            self.stage = "done"  # nothing to write: no batch, no backup
            return ImportResult.from_plan(plan, None, False)
        self.stage = "writing"
        with gc_paused():
            batch_id, ids, backup_path = apply_plan(
                self.registry, plan, progress=self.progress, cancelled=self.cancelled,
                backup=backup, save_mapping=self._remember,
                signature=self.mapping.signature if self.mapping else None)
        self.stage = "done"
        return ImportResult.from_plan(plan, batch_id, False, ids,
                                      str(backup_path) if backup_path else None)

    def dry_run(self) -> ImportResult:
        return ImportResult.from_plan(self.plan_ or self.plan(), None, True)

    # --- stages ----------------------------------------------------------------------------

    def _validate(self, roster: Roster, sheet: str, info: HeaderInfo, mapping: ColumnMapping
                  ) -> tuple[list[tuple[Record, list[Issue]]], list[PlanRow], int]:
        self.stage = "reading"
        hints = hints_from_titles(info.titles, sheet)
        validator = Validator(mapping, self.options, hints)
        records: list[tuple[Record, list[Issue]]] = []
        by_row: dict[int, list[Issue]] = {}
        rejected: list[PlanRow] = []
        total = 0  # unknown until read: the reader streams
        rows_read = 0
        block: list[ClassifiedRow] = []  # data rows, validated a block at a time

        def flush() -> None:
            nonlocal rows_read
            for row, (status, rec, issues) in zip(block, validator.validate_many(block),
                                                  strict=True):
                if status == "empty":
                    continue
                rows_read += 1
                if status == "ok" and rec is not None:
                    by_row[rec.excel_row] = issues
                    records.append((rec, issues))
                elif status == "merged" and rec is not None:
                    by_row[rec.excel_row].extend(issues)
                else:
                    rejected.append(PlanRow(row.excel_row, REJECTED, issues=issues,
                                            raw=list(row.values)))
            block.clear()

        for n, row in enumerate(classify(self._rows(roster, sheet), info)):
            if n % STEP == 0:
                flush()
                if self.cancelled():
                    raise ImportCancelled()
                self.progress(row.index, total)
            if row.kind == "data":
                block.append(row)
        flush()
        self.progress(total, total)
        return records, rejected, rows_read

    def _match(self, records: list[tuple[Record, list[Issue]]]) -> list[PlanRow]:
        out: list[PlanRow] = []
        total = len(records)
        with self.registry.engine.connect() as conn:
            planner = Planner(conn, RegistryIndex.load(conn), self.decisions)
            for start in range(0, total, 2000):
                if self.cancelled():
                    raise ImportCancelled()
                out += planner.plan_chunk(records[start:start + 2000])
                self.progress(min(start + 2000, total), total)
        return out

    def _file_issues(self, roster: Roster, sheet: str, mapping: ColumnMapping) -> list[Issue]:
        issues = [Issue(code, None, None, {"path": str(self.path)}, Severity.INFO)
                  for code in roster.notes]
        headers = mapping.headers
        for f in roster.cell_findings(sheet):
            column = headers[f.column] if f.column is not None and f.column < len(headers) \
                else None
            issues.append(Issue(f.code, f.row, column,
                                {"row": f.row, "column": column or "", **f.params},
                                f.severity))
        return issues

    # --- helpers ---------------------------------------------------------------------------

    def _open_roster(self) -> Roster:
        self.open()
        assert self.roster is not None
        return self.roster

    def _require_roster(self) -> Roster:
        return self.roster or self._open_roster()

    def _require_header(self) -> HeaderInfo:
        if self.header is None:
            self.select_sheet(self.sheet)
        assert self.header is not None
        return self.header

    def _require_mapping(self) -> ColumnMapping:
        if self.mapping is None:
            self.select_sheet(self.sheet)
        assert self.mapping is not None
        return self.mapping

    def _require_plan(self) -> ImportPlan:
        return self.plan_ or self.plan()

    def _saved_mapping(self, signature: str) -> dict[int, str | None] | None:
        t = m.ColumnMapping.__table__
        with self.registry.engine.connect() as conn:
            stored = conn.execute(select(t.c.mapping).where(t.c.signature == signature)).scalar()
        if not stored or "fields" not in stored:
            return None
        fields = {int(k): v for k, v in stored["fields"].items()}
        width = len(self.header.headers) if self.header else max(fields, default=-1) + 1
        return {col: fields.get(col) for col in range(width)}

    def _rows(self, roster: Roster, sheet: str) -> Iterator[list[object]]:
        """The sheet's rows, reading the file once: the stream select_sheet began, if any."""
        if self._stream is not None and self._stream[0] == sheet:
            _sheet, head, stream = self._stream
            self._stream = None
            return chain(head, stream)
        return roster.iter_rows(sheet)


_gc_lock = threading.Lock()
_gc_depth = 0
_gc_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a stage builds its many small objects.

    A 100,000-row plan is half a million acyclic objects (records, their dicts and lists, plan
    rows); each one counts towards the collector's next pass, which walks every object still
    alive, so with the collector on, building them cost about twice as much as the work
    itself. Nothing an import builds needs the collector (no reference cycles), and it is
    switched back on as it was when the outermost pause ends (a counter, since the window
    may run a plan while another thread pauses too).

    Everything made during the pause is still in the youngest generation then, and the first
    collection after it would walk it all (0.6 s after a 100,000-row import, for nothing).
    So the survivors are first moved to the oldest generation: freeze() then unfreeze() is
    two list splices, not a walk. They stay collectable there; the oldest generation is
    walked only by the rare full collections, which walk every object anyway.
    """
    global _gc_depth, _gc_was_enabled
    with _gc_lock:
        if _gc_depth == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0 and _gc_was_enabled:
                gc.freeze()
                gc.unfreeze()
                gc.enable()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run_import(registry: Registry, path: str | Path, *, sheet: str | None = None,
               options: ImportOptions | None = None,
               mapping: dict[int, str | None] | None = None,
               decisions: dict[int, int | str] | None = None, dry_run: bool = False,
               strict: bool = False, progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None, roster: Roster | None = None
               ) -> tuple[ImportResult, ImportPlan]:
    """The whole import in one call (the CLI's path). With ``strict``, any error in the file
    means nothing is written (the result then has no batch id). ``roster``: the file opened
    already (see Roster.prefetch); it is closed with the session."""
    with ImportSession(registry, path, options, progress=progress, cancelled=cancelled,
                       roster=roster) as s:
        s.open()
        s.select_sheet(sheet)
        if mapping:
            s.set_mapping(mapping)
        plan = s.plan(decisions)
        if dry_run or (strict and plan.errors):
            return ImportResult.from_plan(plan, None, dry_run), plan
        return s.apply(), plan
