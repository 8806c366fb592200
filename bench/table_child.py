"""Time the window's enterprise table model over a large registry, offscreen, in this process.

    QT_QPA_PLATFORM=offscreen python -m bench.table_child REGISTRY.sqlite3 [--search 海容]

Prints one JSON object: ``{"available": true, "build_ms", "sort_ms", "filter_ms", their CPU
times "build_cpu_ms" …, "rows", "filtered_rows", "model"}``, or ``{"available": false, "reason"}`` when the model is not there
(yet) or its API is not the one this script knows. Each phase ends with the first page read
through ``data()`` (40 rows × every column), because that is what the officer waits for:

- build: create the model (runs the id query) and read the first page;
- sort: sort by name, descending (a click on the already-sorted name header), first page;
- filter: the search box's plain text (parsed as the window parses it), first page.

After the filter is cleared (not timed), one more figure, ``last_ms``: a jump to the last row of
the whole table (every column of it). The model reads the first ids of an unfiltered name order
up front and the rest when a row beyond them is first asked for, so this is where that deferred
read shows; it is reported beside the goals, not judged.

Creating the QApplication and opening the registry happen before the clock starts.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

FIRST_PAGE = 40


def _first_page(model) -> int:
    from PySide6.QtCore import Qt

    rows = min(FIRST_PAGE, model.rowCount())
    touched = 0
    for r in range(rows):
        for c in range(model.columnCount()):
            model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole)
            touched += 1
    return touched


def _unavailable(reason: str) -> int:
    print(json.dumps({"available": False, "reason": reason}, ensure_ascii=False))
    return 0


def measure(db: str, search: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from goosetier.gui.models import enterprise_table as et
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("goosetier"):
            return _unavailable(f"{exc.name} does not exist yet")
        raise
    model_class = getattr(et, "EnterpriseTableModel", None)
    if model_class is None or not hasattr(model_class, "sort"):
        return _unavailable("goosetier.gui.models.enterprise_table has no EnterpriseTableModel")
    condition_for = _condition_builder()
    if condition_for is None or not hasattr(model_class, "set_condition"):
        return _unavailable("no text-filter API (set_condition + filters.query_condition)")

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from goosetier.store.database import open_registry

    app = QApplication.instance() or QApplication([])  # noqa: F841 - Qt needs one alive
    registry = open_registry(db, migrate=False)
    try:
        name_column = next((i for i, c in enumerate(getattr(et, "COLUMNS", ()))
                            if getattr(c, "key", None) == "name"), 0)
        t0, c0 = time.perf_counter(), time.process_time()
        model = model_class(registry)
        _first_page(model)
        t1, c1 = time.perf_counter(), time.process_time()
        model.sort(name_column, Qt.SortOrder.DescendingOrder)
        _first_page(model)
        t2, c2 = time.perf_counter(), time.process_time()
        model.set_condition(condition_for(search))
        _first_page(model)
        t3, c3 = time.perf_counter(), time.process_time()
        filtered = model.rowCount()
        model.set_condition(None)
        rows = model.rowCount()
        t4, c4 = time.perf_counter(), time.process_time()
        for c in range(model.columnCount()):
            model.data(model.index(rows - 1, c), Qt.ItemDataRole.DisplayRole)
        t5, c5 = time.perf_counter(), time.process_time()
    finally:
        registry.close()
    print(json.dumps({"available": True, "build_ms": (t1 - t0) * 1000,
                      "sort_ms": (t2 - t1) * 1000, "filter_ms": (t3 - t2) * 1000,
                      "build_cpu_ms": (c1 - c0) * 1000, "sort_cpu_ms": (c2 - c1) * 1000,
                      "filter_cpu_ms": (c3 - c2) * 1000,
                      "last_ms": (t5 - t4) * 1000, "last_cpu_ms": (c5 - c4) * 1000,
                      "rows": rows, "filtered_rows": filtered,
                      "model": f"{model_class.__module__}.{model_class.__qualname__}"},
                     ensure_ascii=False))
    return 0


def _condition_builder():
    """search text → SQL condition, the way the window does it (parse, then query_condition)."""
    try:
        from goosetier.core.search import parse
        from goosetier.gui.models.filters import query_condition
    except ImportError:
        return None
    return lambda text: query_condition(parse(text))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.table_child")
    parser.add_argument("db")
    parser.add_argument("--search", default="海容")
    args = parser.parse_args(argv)
    return measure(args.db, args.search)


if __name__ == "__main__":
    sys.exit(main())
