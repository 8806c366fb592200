"""One roster row → one normalised :class:`Record` and the problems found in it, as Issues.

Owns what a cell *means* once the column is known: the credit code's status (a wrong check
character is a warning the officer may accept; malformed or damaged by Excel rejects the row),
the name (with "（原名：…）" read as a former name), money in the column's unit turned into 万元,
years and dates, 第五批 → 5, several programs in one cell (each may carry its own year, batch or
复核), the listed status, and two rows of the file that are one firm.

Where a value is missing the row falls back, in order, to the options given for the whole file,
the row's own columns, the section caption above it and the title above the header.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from operator import itemgetter

from goosetier.core.catalog import load_catalog, program_key
from goosetier.core.codes import CodeStatus
from goosetier.core.issues import Issue, Severity
from goosetier.core.names import clean_name, normalize_name
from goosetier.importing.cells import (
    BAD,
    BY_REVENUE,
    LEVELS,
    REPEATING,
    YEAR_IN_TEXT,
    FileHints,
    ProgramItem,
    clean_repeating,
    fast_check_code,
    parse_program_cell,
    plain_valid_code,
    year_cached,
)
from goosetier.importing.columns import ColumnMapping
from goosetier.importing.header import ClassifiedRow, Section
from goosetier.importing.model import DesignationSpec, ImportOptions, Record
from goosetier.importing.values import (
    _MONEY_UNITS,
    clean_text,
    parse_batch,
    parse_date,
    parse_date_range,
    parse_listed,
    parse_money,
    parse_year,
)
from goosetier.store import models as m

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
TEXT_FIELDS = ("cluster", "district", "street", "park", "legal_rep", "address", "contact_name",
               "contact_phone", "notes")
_ENTERPRISE = m.Enterprise.__table__.c
_MAX_LEN = {f: _ENTERPRISE[f].type.length for f in (*TEXT_FIELDS, "industry_code")
            if getattr(_ENTERPRISE[f].type, "length", None)}
_FORMER = re.compile(r"[（(]\s*(?:原名称?|曾用名)\s*[:：]?\s*([^（）()]+?)\s*[）)]$")
_INDUSTRY_CODE = re.compile(r"^[A-T](?:\d{2,4})?$")
_CERT_YEAR = re.compile(r"^GR((?:19|20)\d{2})")


class Validator:
    """Validates the rows of one file in order; remembers firms seen to catch duplicates."""

    def __init__(self, mapping: ColumnMapping, options: ImportOptions,
                 hints: FileHints | None = None) -> None:
        self.mapping = mapping
        self.options = options
        self.hints = hints or FileHints()
        self.columns = [(col, fid, mapping.headers[col] if col < len(mapping.headers) else fid)
                        for col, fid in sorted(mapping.fields.items())]
        self.catalog = load_catalog()
        self._by_code: dict[str, Record] = {}
        self._by_name: dict[str, Record] = {}
        self.header_year = {fid: mapping.years[col] for col, fid in mapping.fields.items()
                            if col in mapping.years}
        self.has_programs = "programs" in mapping.fields.values()
        batch = parse_batch(options.batch) if options.batch else None
        self._option_batch = batch
        self._designation_cols = tuple(col for col, fid in sorted(mapping.fields.items())
                                       if fid in _DESIGNATION_FIELDS)
        self._designation_cache: dict[tuple, tuple] = {}
        self._listed_cache: dict[tuple, tuple[bool | None, str]] = {}
        self._name_header = _header(mapping, "name")
        cols = [col for col, _fid, _header in self.columns]
        self._width = max(cols, default=-1) + 1
        self._fids = [fid for _col, fid, _header in self.columns]
        self._headers = [header for _col, _fid, header in self.columns]
        self._header_of = dict(zip(self._fids, self._headers, strict=True))
        getter = itemgetter(*cols) if cols else (lambda values: ())
        self._getter = getter if len(cols) != 1 else (lambda values: (getter(values),))
        # With one column per field, the fields in column order are the order cells keeps;
        # a field mapped twice takes the order of its first filled column (worked out per row).
        once = len(set(self._fids)) == len(self._fids)
        self._field_order = [f for f in self._fids if f in _FIELD_SET] if once else None
        # per text column: cell text → its clean form (only texts that need no issue)
        self._texts: dict[str, dict[str, str]] = {f: {} for f in TEXT_FIELDS}
        self._money_factor = {f: _MONEY_UNITS.get(mapping.units.get(f, "万元"))
                              for f in ("revenue", "output")}

    # --- one row ---------------------------------------------------------------------------

    def validate(self, row: ClassifiedRow) -> tuple[str, Record | None, list[Issue]]:
        """("ok" | "merged" | "rejected" | "empty", record, issues) for one data row."""
        r = row.excel_row
        issues: list[Issue] = []
        values = row.values
        if len(values) >= self._width:
            # (value != "" for any cell, without comparing a number to a string)
            cells = {fid: (value, header) for fid, header, value
                     in zip(self._fids, self._headers, self._getter(values), strict=True)
                     if value is not None and (type(value) is not str or value)}
        else:  # a short row (CSV)
            cells = {}
            width = len(values)
            for col, fid, header in self.columns:
                if col < width:
                    value = values[col]
                    if value is not None and (type(value) is not str or value):
                        cells[fid] = (value, header)
        if not cells or (len(cells) == 1 and "seq" in cells):
            return "empty", None, issues  # a numbered template line with nothing filled in

        name_cell = cells.get("name")
        name = _row_name(name_cell[0]) if name_cell else ""
        former = None
        if name and (found := _FORMER.search(name)):
            former, name = clean_name(found.group(1)), name[: found.start()].strip()
        if not name:
            issues.append(_issue("name_missing", r, self._name_header, ERROR))
        rec = Record(r, name, normalize_name(name) if name else "")
        rec.former_name = former

        code_cell = cells.get("credit_code")
        if code_cell is not None:
            if plain_valid_code(code_cell[0]):
                rec.credit_code = code_cell[0]  # type: ignore[assignment]
            else:
                self._code(rec, code_cell, issues)
        texts = self._texts
        # the text and handled fields in the order cells holds them (column order)
        for fid in self._field_order or [f for f in cells if f in _FIELD_SET]:
            cell = cells.get(fid)
            if cell is None:
                continue
            value, header = cell
            seen = texts.get(fid)
            if seen is not None:  # a text field
                # a text seen before in this column, clean and within its length: as it was
                text = seen.get(value) if type(value) is str else None
                if text is not None:
                    rec.fields[fid] = text
                else:
                    self._text(rec, fid, value, header, issues)
            elif (handler := _HANDLERS.get(fid)) is not None:
                handler(self, rec, value, header, issues)
        self._designations(rec, cells, values, row.section, issues)
        self._figures(rec, cells, issues)

        if issues and any(i.severity is ERROR for i in issues):
            return "rejected", None, issues
        return self._dedupe(rec, issues)

    # --- many rows -------------------------------------------------------------------------

    def validate_many(self, rows: list[ClassifiedRow]) -> list[tuple[str, Record | None,
                                                                     list[Issue]]]:
        """:meth:`validate` for a block of data rows, in order, with the same results.

        Most rows of a big roster are plain: a clean name, a valid code, texts seen before,
        a designation combination seen before, a revenue number. Those are read column by
        column (one cache lookup per cell, no per-row dict of cells) and put together
        directly; any row with something to say — an issue, a value of an unusual type, a
        combination not seen yet — goes through :meth:`validate` as it would alone. The fast
        way makes no issue of its own, so a row it takes is one validate() finds nothing
        wrong with (except the designation issues it replays exactly as validate does).
        """
        if self._field_order is None or not rows:
            return [self.validate(row) for row in rows]
        width = self._width
        # a short row (CSV) reads as one padded with empty cells, as validate reads it
        values = [v if len(v) >= width else [*v, *[None] * (width - len(v))]
                  for v in (r.values for r in rows)]
        n = len(rows)
        slow = [False] * n
        cells = zip(*map(self._getter, values), strict=True)
        columns = dict(zip(self._fids, cells, strict=True))
        names = self._fast_names(columns.get("name"), slow)
        codes = self._fast_codes(columns.get("credit_code"), slow)
        # the fields in column order: (field, clean values per row) or (field, None, cells)
        order: list[tuple[str, list | None, tuple]] = []
        for fid in self._field_order:
            col = columns[fid]
            order.append((fid, self._fast_texts(fid, col, slow), col) if fid in self._texts
                         else (fid, None, col))
        designations = self._fast_designation_hits(rows, values, slow)
        designation_columns = [(fid, columns[fid]) for fid in _DESIGNATION_FIELDS
                               if fid in columns]
        figures = self._fast_figures(columns, slow)
        header_of = self._header_of
        out: list[tuple[str, Record | None, list[Issue]]] = []
        for i, row in enumerate(rows):
            if slow[i]:
                out.append(self.validate(row))
                continue
            name, norm = names[i]
            rec = Record(row.excel_row, name, norm)
            code = codes[i]
            if code is not None:
                rec.credit_code = code
            fields = rec.fields
            issues: list[Issue] = []
            for fid, clean, col in order:
                if clean is not None:
                    value = clean[i]
                    if value is not None:
                        fields[fid] = value
                else:
                    value = col[i]
                    if value is not None and (type(value) is not str or value):
                        _HANDLERS[fid](self, rec, value, header_of[fid], issues)
            if issues:  # a handler had something to say: the whole row the usual way
                out.append(self.validate(row))
                continue
            hit = designations[i]
            if hit is None:  # a combination not seen yet: worked out (and remembered) here
                cells = {fid: (value, header_of[fid]) for fid, col in designation_columns
                         if (value := col[i]) is not None and (type(value) is not str or value)}
                self._designations(rec, cells, row.values, row.section, issues)
                if any(issue.severity is ERROR for issue in issues):
                    out.append(self.validate(row))
                    continue
            else:
                specs, listed, found_issues = hit
                if specs:
                    rec.designations = list(specs)
                if listed:
                    fields["listed"] = True
                r = rec.excel_row
                for issue in found_issues:
                    issues.append(issue if issue.row == r else
                                  Issue(issue.code, r, issue.column, {**issue.params, "row": r},
                                        issue.severity))
            figure = figures[i]
            if figure is not None:
                rec.figures, rec.figure_year = figure
            out.append(self._dedupe(rec, issues))
        return out

    def _fast_names(self, col: tuple | None, slow: list[bool]) -> list:
        """(name, matching key) per row; a row without a name, or with a former name in
        it, is left to validate."""
        out: list = [None] * len(slow)
        if col is None:
            slow[:] = [True] * len(slow)
            return out
        former = _FORMER.search
        for i, value in enumerate(col):
            name = _row_name(value) if value is not None and value != "" else ""
            if not name or former(name) is not None:
                slow[i] = True
                continue
            out[i] = (name, normalize_name(name))
        return out

    def _fast_codes(self, col: tuple | None, slow: list[bool]) -> list:
        """The code per row (None: no code); anything but a clean valid code is left to
        validate."""
        if col is None:
            return [None] * len(slow)
        out: list = []
        for i, value in enumerate(col):
            if value is None or value == "":
                out.append(None)
            elif plain_valid_code(value):
                out.append(value)
            else:
                out.append(None)
                slow[i] = True
        return out

    def _fast_texts(self, fid: str, col: tuple, slow: list[bool]) -> list:
        """A text column's clean values (None: empty); a text that would need an issue is
        left to validate. Clean texts are remembered as validate's _text remembers them."""
        found = list(map(self._texts[fid].get, col))
        if None not in found:
            return found
        limit = _MAX_LEN.get(fid)
        for i, value in enumerate(col):
            if found[i] is not None or value is None or value == "":
                continue
            text = self._clean_text(fid, value)
            if text is not None and limit and len(text) > limit:
                slow[i] = True  # text_truncated
            else:
                found[i] = text
        return found

    def _fast_designation_hits(self, rows: list[ClassifiedRow], values: list[list],
                               slow: list[bool]) -> list:
        """The designation cache's answer per row (see _designations), None for a combination
        not seen yet; one with an error is left to validate."""
        cache = self._designation_cache
        cols = self._designation_cols
        getter = itemgetter(*cols) if cols else (lambda v: ())
        reads = map(getter, values) if len(cols) != 1 else ((v,) for v in map(getter, values))
        keys = [_designation_key(row.section, read)
                for row, read in zip(rows, reads, strict=True)]
        out = list(map(cache.get, keys))
        for i, hit in enumerate(out):
            if hit is not None and hit[2] and any(issue.severity is ERROR for issue in hit[2]):
                slow[i] = True
        return out

    def _fast_figures(self, columns: dict, slow: list[bool]) -> list:
        """(figures, year) per row or None, as validate's _figures makes them; a value that
        needs parsing or an issue, or a row without a year, is left to validate."""
        n = len(slow)
        money = [(fid, columns[fid], self._money_factor[fid]) for fid in ("revenue", "output")
                 if fid in columns]
        employees = columns.get("employees")
        if not money and employees is None:
            return [None] * n
        years = columns.get("year")
        out: list = []
        for i in range(n):
            figures: dict[str, float | int] = {}
            for fid, col, factor in money:
                value = col[i]
                if value is None or value == "":
                    continue
                if (amount := _plain_amount(value, factor)) is not None:
                    figures[fid] = amount
                else:
                    slow[i] = True
            if employees is not None and (value := employees[i]) is not None and value != "":
                try:
                    figures["employees"] = _employees(value)
                except ValueError:
                    slow[i] = True  # bad_number
            if not figures or slow[i]:
                out.append(None)
                continue
            year = self._known_figure_year(figures)
            if not year and years is not None:
                cell = years[i]
                if cell is not None and cell != "":
                    found = year_cached(cell) if isinstance(cell, str | int | float) else BAD
                    year = None if found is BAD else found
            if not year:
                slow[i] = True  # figures_no_year, or a year cell to read the slow way
                out.append(None)
                continue
            out.append((figures, year))
        return out

    # --- fields ----------------------------------------------------------------------------

    def _code(self, rec: Record, cell: tuple[object, str], issues: list[Issue]) -> None:
        value, header = cell
        checked = fast_check_code(value)
        status = checked.status
        if status is CodeStatus.VALID:
            rec.credit_code = checked.code
        elif status in (CodeStatus.BAD_CHECK, CodeStatus.BAD_ORG_CHECK):
            rec.credit_code, rec.code_warning = checked.code, str(status)
            issues.append(_issue(f"code_{status}", rec.excel_row, header, WARNING,
                                 code=checked.code, expected=checked.expected))
        elif status is not CodeStatus.EMPTY:
            issues.append(_issue(f"code_{status}", rec.excel_row, header, ERROR,
                                 code=checked.code))

    def _text(self, rec: Record, fid: str, value: object, header: str,
              issues: list[Issue]) -> None:
        text = self._clean_text(fid, value)
        if text is None:
            return
        limit = _MAX_LEN.get(fid)
        if limit and len(text) > limit:
            issues.append(_issue("text_truncated", rec.excel_row, header, WARNING,
                                 limit=limit, value=text))
            text = text[:limit]
        rec.fields[fid] = text

    def _clean_text(self, fid: str, value: object) -> str | None:
        """A text cell's clean form; remembered per column when it fits the column (so a
        text seen again needs no issue and is taken as it is)."""
        text = clean_repeating(value) if fid in REPEATING and type(value) is str \
            else clean_text(value)
        if text is not None and type(value) is str and len(seen := self._texts[fid]) < \
                _CACHE_SIZE and not ((limit := _MAX_LEN.get(fid)) and len(text) > limit):
            seen[value] = text
        return text

    def _industry(self, rec: Record, value: object, header: str, issues: list[Issue]) -> None:
        text = (clean_text(value) or "").upper().replace(" ", "")
        if _INDUSTRY_CODE.match(text):
            rec.fields["industry_code"] = text
        elif text:
            issues.append(_issue("industry_not_code", rec.excel_row, header, WARNING,
                                 value=clean_text(value)))

    def _money(self, rec: Record, fid: str, value: object, header: str,
               issues: list[Issue]) -> float | None:
        unit = self.mapping.units.get(fid, "万元")
        try:
            amount = parse_money(value, unit)
        except ValueError:
            code = "money_unit_unsupported" if "美元" in unit else "bad_money"
            issues.append(_issue(code, rec.excel_row, header, WARNING,
                                 value=clean_text(value), unit=unit))
            return None
        if amount is not None and amount < 0:
            issues.append(_issue("money_negative", rec.excel_row, header, WARNING,
                                 value=clean_text(value)))
            return None
        return amount

    def _capital(self, rec: Record, value: object, header: str, issues: list[Issue]) -> None:
        amount = self._money(rec, "registered_capital", value, header, issues)
        if amount is not None:
            rec.fields["registered_capital"] = amount

    def _founded(self, rec: Record, value: object, header: str, issues: list[Issue]) -> None:
        try:
            day = parse_date(value)
        except ValueError:
            issues.append(_issue("bad_date", rec.excel_row, header, WARNING,
                                 value=clean_text(value)))
            return
        if day is not None:
            rec.fields["founded_on"] = day

    def _listed(self, rec: Record, value: object, header: str, issues: list[Issue]) -> None:
        key = (value, type(value))  # 1, 1.0 and True are equal keys but different cells
        parsed = self._listed_cache.get(key)
        if parsed is None:
            parsed = parse_listed(value)
            if len(self._listed_cache) < _CACHE_SIZE:
                self._listed_cache[key] = parsed
        listed, exchange = parsed
        if listed is None:
            if exchange:
                issues.append(_issue("listed_unclear", rec.excel_row, header, WARNING,
                                     value=exchange))
            return
        rec.fields["listed"] = listed
        if listed and exchange:
            rec.fields["listed_exchange"] = exchange[:60]

    def _former(self, rec: Record, value: object, header: str, issues: list[Issue]) -> None:
        text = clean_text(value)
        if text:
            former = clean_name(text)
            if normalize_name(former) != rec.name_norm:
                rec.former_name = former

    # --- designations and figures ----------------------------------------------------------

    def _year_of(self, cells: dict, fid: str, rec: Record, issues: list[Issue]) -> int | None:
        if fid not in cells:
            return None
        value, header = cells[fid]
        year = year_cached(value) if isinstance(value, str | int | float) else BAD
        if year is BAD:
            try:
                return parse_year(value)
            except ValueError:
                issues.append(_issue("bad_year", rec.excel_row, header, WARNING,
                                     value=clean_text(value)))
                return None
        return year  # type: ignore[return-value]

    def _date_of(self, cells: dict, fid: str, rec: Record,
                 issues: list[Issue]) -> tuple[dt.date | None, dt.date | None]:
        if fid not in cells:
            return None, None
        value, header = cells[fid]
        try:
            text = clean_text(value) or ""
            if fid == "valid_from" and re.search(r"\d\s*(?:至|到|~|～|—)\s*\d", text):
                return parse_date_range(value)  # "2022-09-06至2025-09-05" in one cell
            return parse_date(value), None
        except ValueError:
            issues.append(_issue("bad_date", rec.excel_row, header, WARNING, value=text))
            return None, None

    def _designations(self, rec: Record, cells: dict, values: list[object],
                      section: Section | None, issues: list[Issue]) -> None:
        """What the row's designation cells say. Rosters repeat the same few combinations of
        program, year, batch and caption over thousands of rows, so each combination is worked
        out once (by _read_designations) and replayed: the same specs (never mutated once made,
        so they are shared), the same 上市 flag, the same issues with this row's number."""
        width = len(values)
        cache_key = _designation_key(section, [values[col] if col < width else None
                                               for col in self._designation_cols])
        hit = self._designation_cache.get(cache_key)
        if hit is None:
            scratch = Record(rec.excel_row, rec.name, rec.name_norm)
            found: list[Issue] = []
            self._read_designations(scratch, cells, section, found)
            hit = (tuple(scratch.designations), scratch.fields.get("listed") is True,
                   tuple(found))
            if len(self._designation_cache) < _CACHE_SIZE:
                self._designation_cache[cache_key] = hit
        specs, listed, found_issues = hit
        if specs:
            rec.designations = list(specs)
        if listed:
            rec.fields["listed"] = True
        r = rec.excel_row
        for i in found_issues:
            issues.append(i if i.row == r else
                          Issue(i.code, r, i.column, {**i.params, "row": r}, i.severity))

    def _read_designations(self, rec: Record, cells: dict, section: Section | None,
                           issues: list[Issue]) -> None:
        opts, hints, r = self.options, self.hints, rec.excel_row
        row_year = self._year_of(cells, "year", rec, issues)
        batch_text = batch_no = None
        if "batch" in cells:
            batch_text, batch_no = parse_batch(cells["batch"][0])
        valid_from, range_until = self._date_of(cells, "valid_from", rec, issues)
        valid_until = self._date_of(cells, "valid_until", rec, issues)[0] or range_until
        cert = clean_text(cells["certificate_no"][0]) if "certificate_no" in cells else None
        product = clean_text(cells["product"][0]) if "product" in cells else None
        level_text = clean_text(cells["level"][0]) if "level" in cells else None
        level = LEVELS.get(level_text or "", level_text[:20] if level_text else None)
        batch_year = None
        if batch_text and (m_ := YEAR_IN_TEXT.search(batch_text)):
            batch_year = int(m_.group(1))
        cert_year = int(m_.group(1)) if cert and (m_ := _CERT_YEAR.match(cert)) else None

        items: list[tuple[str, ProgramItem | None]] = []
        if opts.program:
            items.append((opts.program, None))
        elif "programs" in cells:
            # split before cleaning: a line break separates two programs
            text = str(cells["programs"][0])
            header = cells["programs"][1]
            for item in parse_program_cell(text):
                program = item.program
                if program is None:
                    code = ("program_by_revenue" if program_key(item.text) in BY_REVENUE
                            else "program_unknown")
                    issues.append(_issue(code, r, header, INFO if code != "program_unknown"
                                         else WARNING, value=item.text))
                elif program.counting == "revenue_bracket":
                    issues.append(_issue("program_by_revenue", r, header, INFO,
                                         value=item.text))
                elif program.counting == "listed":
                    rec.fields["listed"] = True
                else:
                    items.append((program.id, item))
        if not items and not opts.program and not self.has_programs and hints.program:
            items.append((hints.program, None))

        for program_id, item in items:
            year = (opts.year or (item.year if item else None) or row_year or batch_year
                    or (valid_from.year if valid_from else None) or cert_year or hints.year)
            if opts.batch:
                b_text, b_no = self._option_batch or (None, None)
            elif item and item.batch_no is not None:
                b_text, b_no = item.batch_text, item.batch_no
            elif batch_text:
                b_text, b_no = batch_text, batch_no
            else:
                b_text, b_no = hints.batch_text, hints.batch_no
            kind = (opts.kind or ("review" if item and item.review else None)
                    or (section.kind if section else None) or hints.kind or "new")
            if year is None:
                issues.append(_issue("designation_no_year", r, None, WARNING,
                                     program=self.catalog.programs[program_id].zh))
            spec = DesignationSpec(
                program_id, year, kind, b_text or None, b_no,
                (item.level if item else None) or level,
                (item.category if item else None) or (section.category if section else None),
                valid_from, valid_until,
                product if program_id in ("single_champion", "hidden_champion") else None,
                cert)
            if all(d.key() != spec.key() for d in rec.designations):
                rec.designations.append(spec)

        above = self._year_of(cells, "above_scale_year", rec, issues)
        if above is not None:
            spec = DesignationSpec("above_scale", above, "new")
            if all(d.key() != spec.key() for d in rec.designations):
                rec.designations.append(spec)

    def _known_figure_year(self, figures: dict) -> int | None:
        """The year of a row's figures when the file says it: the header of a figure's
        column (2023年营业收入), the options, the title. Else the row's own year cell."""
        header_year = self.header_year
        return ((header_year and next((header_year[f] for f in figures if f in header_year),
                                      None))
                or self.options.year or self.hints.year)

    def _figures(self, rec: Record, cells: dict, issues: list[Issue]) -> None:
        figures: dict[str, float | int] = {}
        for fid in ("revenue", "output"):
            if fid in cells:
                value = cells[fid][0]
                factor = self._money_factor[fid]
                if (amount := _plain_amount(value, factor)) is not None:
                    figures[fid] = amount
                    continue
                amount = self._money(rec, fid, value, cells[fid][1], issues)
                if amount is not None:
                    figures[fid] = amount
        if "employees" in cells:
            value, header = cells["employees"]
            try:
                figures["employees"] = _employees(value)
            except ValueError:
                issues.append(_issue("bad_number", rec.excel_row, header, WARNING,
                                     value=clean_text(value)))
        if not figures:
            return
        year = self._known_figure_year(figures) or self._year_of(cells, "year", rec, [])
        if year is None:
            issues.append(_issue("figures_no_year", rec.excel_row, None, WARNING))
            return
        rec.figures, rec.figure_year = figures, year

    # --- duplicates within the file --------------------------------------------------------

    def _dedupe(self, rec: Record, issues: list[Issue]) -> tuple[str, Record | None, list[Issue]]:
        first = self._by_code.get(rec.credit_code) if rec.credit_code else None
        if first is not None and first.name_norm != rec.name_norm:
            issues.append(_issue("duplicate_code_in_file", rec.excel_row, None, ERROR,
                                 code=rec.credit_code, first=first.excel_row, other=first.name))
            return "rejected", None, issues
        if first is None:
            first = self._by_name.get(rec.name_norm)
            if first is not None and first.credit_code and rec.credit_code \
                    and first.credit_code != rec.credit_code:
                issues.append(_issue("duplicate_name_in_file", rec.excel_row, None, ERROR,
                                     name=rec.name, first=first.excel_row,
                                     code=rec.credit_code, other=first.credit_code))
                return "rejected", None, issues
        if first is None:
            if rec.credit_code:
                self._by_code[rec.credit_code] = rec
            self._by_name[rec.name_norm] = rec
            return "ok", rec, issues
        issues.append(_issue("duplicate_in_file", rec.excel_row, None, WARNING,
                             name=rec.name, first=first.excel_row))
        _merge(first, rec)
        if first.credit_code and first.credit_code not in self._by_code:
            self._by_code[first.credit_code] = first
        return "merged", first, issues


def _merge(first: Record, later: Record) -> None:
    """A firm listed twice (示范企业 and 产品 sections): one record, every designation."""
    first.merged_rows.append(later.excel_row)
    if not first.credit_code and later.credit_code:
        first.credit_code, first.code_warning = later.credit_code, later.code_warning
    first.former_name = first.former_name or later.former_name
    for key, value in later.fields.items():
        first.fields.setdefault(key, value)
    if later.figures and (first.figure_year in (None, later.figure_year)):
        first.figure_year = later.figure_year
        for key, value in later.figures.items():
            first.figures.setdefault(key, value)
    keys = {d.key() for d in first.designations}
    first.designations += [d for d in later.designations if d.key() not in keys]


def _row_name(value: object) -> str:
    """The name cell as the name is stored ("" when empty)."""
    return clean_name(clean_text(value) or "")


def _designation_key(section: Section | None, read: Sequence[object]) -> tuple:
    """The designation cache's key for a row's designation cells: the cells as read ("" and
    None are two keys for one result) with their types, since 1, 1.0 and True are equal keys
    but not the same cell."""
    return (section, *read, *map(type, read))


def _plain_amount(value: object, factor: float | None) -> float | None:
    """A number in a known unit, not negative, in 万元 (parse_money's own arithmetic);
    None for anything that needs parse_money."""
    if type(value) is float and factor is not None and (amount := round(value * factor, 6)) >= 0:
        return amount
    return None


def _employees(value: object) -> int:
    """员工人数 as a number ("1,234", "120人"); ValueError when it is not one."""
    return int(float((clean_text(value) or "").replace(",", "").removesuffix("人")))


def _issue(issue_code: str, row: int | None, column: str | None, severity: Severity,
           **params: object) -> Issue:
    return Issue(issue_code, row, column, {"row": row, "column": column or "", **params},
                 severity)


def _header(mapping: ColumnMapping, fid: str) -> str | None:
    col = mapping.column_of(fid)
    return mapping.headers[col] if col is not None and col < len(mapping.headers) else None


_TEXT_SET = frozenset(TEXT_FIELDS)
_FIELD_SET = _TEXT_SET | {"industry_code", "registered_capital", "founded_on", "listed",
                          "former_name"}  # (the keys of _HANDLERS)
# The cells _read_designations reads: with the section above the row, all it depends on.
_DESIGNATION_FIELDS = ("programs", "year", "batch", "valid_from", "valid_until",
                       "certificate_no", "product", "level", "above_scale_year")
_CACHE_SIZE = 8192  # distinct values remembered per cache; unique values would only grow it
_HANDLERS: dict = {
    "industry_code": Validator._industry,
    "registered_capital": Validator._capital,
    "founded_on": Validator._founded,
    "listed": Validator._listed,
    "former_name": Validator._former,
}
assert _FIELD_SET == _TEXT_SET | set(_HANDLERS)
