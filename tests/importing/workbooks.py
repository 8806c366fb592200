"""Rosters built in code for the import tests, and a registry dump to compare states.

Codes come from goosetier.core.codes.make_code, so they pass both checks; helpers spell the
broken variants a real roster carries.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from sqlalchemy import select

from goosetier.core.codes import ALPHABET, make_code
from goosetier.store import models as m

SKIP_TABLES = {"audit_event", "import_batch", "import_change"}


def code(n: int, prefix: str = "91370211") -> str:
    """A valid credit code, different for every n."""
    body, x = [], n
    for _ in range(8):
        body.append(ALPHABET[x % 31])
        x //= 31
    return make_code(prefix, "".join(reversed(body)))


def bad_check(valid: str) -> str:
    """The same code with a wrong check character (position 18)."""
    wrong = next(c for c in "0123456789" if c != valid[17])
    return valid[:17] + wrong


def write_xlsx(path: Path, rows: list[list[object]], sheet: str = "名单",
               more: dict[str, list[list[object]]] | None = None) -> Path:
    """Write rows (lists of cell values, None = empty) to an xlsx; codes stay text."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for name, extra in (more or {}).items():
        other = book.create_sheet(name)
        for row in extra:
            other.append(row)
    book.save(path)
    return path


HEADER = ["序号", "企业名称", "统一社会信用代码", "所属产业", "称号", "认定年份", "营业收入（万元）",
          "所在镇街"]


def ledger(rows: list[list[object]], title: str = "青岛西海岸新区重点企业名录（2024年）",
           header: list[str] | None = None) -> list[list[object]]:
    """A roster as officers get it: title, blank line, header, numbered data, a footnote."""
    out: list[list[object]] = [[title], [], header or HEADER]
    for i, row in enumerate(rows, start=1):
        out.append([i, *row])
    out.append(["注：1.名单按企业注册地排序，不分先后。"])
    return out


# What undo moves forward instead of putting back: a restored record gets a new version.
BOOKKEEPING = ("version", "updated_at", "updated_by")


def dump(registry, ignore: tuple[str, ...] = ()) -> dict[str, list[tuple]]:
    """Every table except the import's own bookkeeping, as sorted tuples (repr for order);
    ``ignore`` leaves columns out (e.g. BOOKKEEPING after an undo)."""
    out = {}
    with registry.engine.connect() as conn:
        for table in m.Base.metadata.sorted_tables:
            if table.name in SKIP_TABLES:
                continue
            cols = [c for c in table.c if c.name not in ignore]
            rows = conn.execute(select(*cols)).all()
            out[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return out
