"""Records → plan rows: which firm each record is, and what would change (writes nothing).

Works in chunks: the records of a chunk are matched against the registry index (dicts loaded
once), then the matched firms' current values, designations and figures are read with one
query per table per chunk, and each record is compared field by field. The result for every
firm is insert / update / unchanged / needs_review (a near match to confirm) / rejected /
skipped, with the field changes old → new the preview shows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from operator import itemgetter

from sqlalchemy import bindparam, func, literal_column, select
from sqlalchemy.engine import Connection

from goosetier.core.issues import Issue, Severity
from goosetier.importing.matching import Candidate, RegistryIndex
from goosetier.importing.model import (
    INSERT,
    NEEDS_REVIEW,
    NEW,
    REJECTED,
    SKIP,
    SKIPPED,
    UNCHANGED,
    UPDATE,
    PlanRow,
    Record,
)
from goosetier.importing.validate import TEXT_FIELDS
from goosetier.store import models as m

# Enterprise columns an import may set (name and code are handled on their own).
FIELDS = (*TEXT_FIELDS, "industry_code", "registered_capital", "founded_on", "listed",
          "listed_exchange")
FIGURES = ("revenue", "output", "employees")  # (as _load names them)
CHUNK = 2000
REVIEW_CODES = ("near_match", "same_name_other_code")


class Planner:
    """Plans records against one registry, chunk by chunk, with the caller's decisions."""

    def __init__(self, conn: Connection, index: RegistryIndex,
                 decisions: dict[int, int | str] | None = None) -> None:
        self.conn = conn
        self.index = index
        self.decisions = dict(decisions or {})
        self.claimed: dict[int, int] = {}  # enterprise id → the row that matched it first

    def plan(self, records: Iterable[tuple[Record, list[Issue]]]) -> list[PlanRow]:
        batch: list[tuple[Record, list[Issue]]] = []
        out: list[PlanRow] = []
        for item in records:
            batch.append(item)
            if len(batch) >= CHUNK:
                out += self.plan_chunk(batch)
                batch = []
        if batch:
            out += self.plan_chunk(batch)
        return out

    def plan_chunk(self, batch: list[tuple[Record, list[Issue]]]) -> list[PlanRow]:
        rows = [self._match(rec, issues) for rec, issues in batch]
        ids = [r.enterprise_id for r in rows if r.action == UPDATE and r.enterprise_id]
        if ids:
            wanted = {k for r in rows if r.action == UPDATE and r.record
                      for k in r.record.fields}
            current, positions, designations, figures = _load(self.conn, ids, wanted)
            getters: dict[tuple[str, ...], itemgetter] = {}
            for row in rows:
                if row.action == UPDATE and (eid := row.enterprise_id) is not None:
                    _diff(row, eid, current.get(eid), positions, getters, designations, figures)
        return rows

    def _match(self, rec: Record, issues: list[Issue]) -> PlanRow:
        row = PlanRow(rec.excel_row, INSERT, rec, issues=issues)
        decision = self.decisions.get(rec.excel_row)
        if decision == SKIP:
            row.action = SKIPPED
            return row
        eid, how = (None, None)
        if isinstance(decision, int) and not isinstance(decision, bool):
            eid, how = decision, "decision"
        elif decision != NEW:
            eid, how = self.index.exact(rec.credit_code, rec.name_norm, rec.former_norm)
        if eid is None and decision != NEW and self.index.by_name:  # (empty: nothing near)
            row.candidates = self._candidates(rec)
            if row.candidates:
                row.action = NEEDS_REVIEW
                best = row.candidates[0]
                code = ("same_name_other_code" if best.reason == "same_name_other_code"
                        else "near_match")
                row.issues.append(Issue(code, rec.excel_row, None, {
                    "row": rec.excel_row, "name": rec.name, "other": best.name,
                    "score": best.score, "code": rec.credit_code or "",
                    "other_code": best.credit_code or ""}, Severity.WARNING))
                return row
        if eid is None:  # a new firm (no match, or decided so)
            row.new_designations = rec.designations
            if rec.figure_year is not None:
                row.figures_after = rec.figures
            return row
        if eid in self.claimed:
            row.action = REJECTED
            row.issues.append(Issue("matches_same_enterprise", rec.excel_row, None, {
                "row": rec.excel_row, "first": self.claimed[eid], "name": rec.name},
                Severity.ERROR))
            return row
        self.claimed[eid] = rec.excel_row
        row.action, row.enterprise_id, row.matched_by = UPDATE, eid, how
        return row

    def _candidates(self, rec: Record) -> list[Candidate]:
        found = self.index.near_candidates(rec.credit_code, rec.name)
        # The same name on a firm with another code: two codes are two firms, so ask.
        same = self.index.by_name.get(rec.name_norm)
        if same is not None and all(c.enterprise_id != same for c in found):
            code = self.index.code_of.get(same)
            found.insert(0, Candidate(same, rec.name, code, 100, "same_name_other_code"))
        if rec.former_name:
            for extra in self.index.near_candidates(rec.credit_code, rec.former_name):
                if all(c.enterprise_id != extra.enterprise_id for c in found):
                    found.append(replace(extra, reason="former_" + extra.reason))
        return found


def _load(conn: Connection, ids: list[int], fields: set[str]
          ) -> tuple[dict[int, tuple], dict[str, int], set[tuple], dict[tuple, dict]]:
    """Current values (of the fields the records set), designation keys and yearly figures
    of the given firms: each firm's row as a tuple (positions: column → index), the
    (firm, program, year, kind) of their designations and their figures by (firm, year)."""
    e, d, f = m.Enterprise.__table__, m.Designation.__table__, m.YearlyFigure.__table__
    names = ("id", "name", "name_norm", "credit_code", "code_warning", "version",
             *(k for k in FIELDS if k in fields))
    cols = [e.c[n] for n in names]
    current: dict[int, tuple] = {}
    designations: set[tuple] = set()
    figures: dict[tuple, dict] = {}
    # SQLite: the chunk's ids as one JSON array (one statement, compiled once, any number of
    # ids); elsewhere IN lists of at most 900 ids.
    sqlite = conn.dialect.name == "sqlite"
    for part in [ids] if sqlite else _parts(ids, 900):
        bind = {"ids": json.dumps(part)} if sqlite else {}
        ents = _JSON_IDS if sqlite else part
        # (Rows are indexed like tuples; the loops are comprehensions, no Python per row)
        current.update({row[0]: row for row in conn.execute(
            select(*cols).where(e.c.id.in_(ents)), bind).all()})
        designations.update(map(tuple, conn.execute(
            select(d.c.enterprise_id, d.c.program_id, d.c.year, d.c.kind)
            .where(d.c.enterprise_id.in_(ents)), bind).all()))
        figures.update({(eid, year): {"id": fid, "revenue": revenue, "output": output,
                                      "employees": employees}
                        for fid, eid, year, revenue, output, employees in conn.execute(
                            select(f.c.id, f.c.enterprise_id, f.c.year,
                                   *(f.c[k] for k in FIGURES))
                            .where(f.c.enterprise_id.in_(ents)), bind).all()})
    return current, {n: i for i, n in enumerate(names)}, designations, figures


# SQLite's json_each over one bound JSON array of ids: any number of ids in one statement.
_JSON_IDS = select(literal_column("value")).select_from(func.json_each(bindparam("ids")))


def _parts(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _same(old: object, new: object) -> bool:
    if isinstance(old, float) or isinstance(new, float):
        return old is not None and new is not None and abs(float(old) - float(new)) < 1e-6
    return old == new


def _diff(row: PlanRow, eid: int, current: tuple | None, positions: dict[str, int],
          getters: dict[tuple[str, ...], itemgetter], designations: set[tuple],
          figures: dict[tuple, dict]) -> None:
    rec = row.record
    assert rec is not None
    if current is None:  # the firm vanished since the index was read (decided on a stale id)
        row.action = REJECTED
        row.issues.append(Issue("enterprise_gone", rec.excel_row, None,
                                {"row": rec.excel_row, "name": rec.name}, Severity.ERROR))
        return
    version = current[_VERSION]
    row.version = version
    row.previous = {"version": version}
    changes = row.changes
    # A firm matched by code or by its former name under a new name has been renamed; one
    # matched by an old name in the history keeps its current name.
    if row.matched_by in ("code", "former_name") and rec.name_norm != current[_NAME_NORM]:
        changes["name"] = (current[_NAME], rec.name)
    if rec.credit_code and not current[_CREDIT_CODE]:
        changes["credit_code"] = (None, rec.credit_code)
        if rec.code_warning:
            changes["code_warning"] = (current[_CODE_WARNING], rec.code_warning)
    fields = rec.fields
    if fields:
        # The row's values against the stored ones in one go (tuples of the same fields);
        # field by field only when something differs.
        keys = tuple(fields)
        getter = getters.get(keys)
        if getter is None:
            getter = getters[keys] = _getter(keys, positions)
        if getter(current) != tuple(fields.values()):
            for key, new in fields.items():
                at = positions.get(key)
                old = current[at] if at is not None else None
                if old != new and not _same(old, new):  # (equal values are always the same)
                    changes[key] = (old, new)
    if rec.designations:
        # (the firm and s.key(), without a call per designation)
        row.new_designations = [s for s in rec.designations
                                if (eid, s.program_id, s.year, s.kind) not in designations]
    if rec.figures and rec.figure_year is not None:
        before = figures.get((eid, rec.figure_year))
        row.figures_before = before
        row.figures_after = dict(rec.figures)
        if before is not None:
            for k, v in rec.figures.items():
                old = before.get(k)
                # (equal and finite is the same; anything else as _same says)
                if not (old == v and v - v == 0) and not _same(old, v):
                    break
            else:
                row.figures_after = {}
    if not (changes or row.new_designations or row.figures_after):
        row.action = UNCHANGED


# Positions of the columns every _load reads first.
_NAME, _NAME_NORM, _CREDIT_CODE, _CODE_WARNING, _VERSION = 1, 2, 3, 4, 5


def _getter(keys: tuple[str, ...], positions: dict[str, int]) -> itemgetter:
    """The stored values of these fields, as a tuple (None for a column not read)."""
    if all(k in positions for k in keys):
        get = itemgetter(*(positions[k] for k in keys))
        return get if len(keys) != 1 else (lambda values: (get(values),))  # type: ignore
    at = [positions.get(k) for k in keys]
    return lambda values: tuple(values[i] if i is not None else None for i in at)  # type: ignore
