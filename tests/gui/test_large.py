"""100,000 enterprises: the table model sorts and filters in SQL and reads rows lazily.

Timings are printed (run with -s to see them), never asserted: machines differ.
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QAbstractProxyModel, QSortFilterProxyModel, Qt

from goosetier.core.names import normalize_name
from goosetier.core.search import parse
from goosetier.gui.models.enterprise_table import PAGE, EnterpriseTableModel
from goosetier.gui.models.filters import query_condition
from tests.gui.builders import bulk_enterprises

N = 100_000


@pytest.mark.slow
def test_hundred_thousand_enterprises_go_through_sql(registry, capsys):
    t0 = time.perf_counter()
    bulk_enterprises(registry, N)
    t_insert = time.perf_counter() - t0

    t0 = time.perf_counter()
    model = EnterpriseTableModel(registry)
    first = model.data(model.index(0, 0))
    t_build = time.perf_counter() - t0
    assert not isinstance(model, QAbstractProxyModel | QSortFilterProxyModel)
    assert model.rowCount() == N
    assert len(model._pages) == 1  # one page read, not 100,000 rows
    last = model.data(model.index(N - 1, 0))
    assert normalize_name(first) <= normalize_name(last)
    assert len(model._pages) == 2

    t0 = time.perf_counter()
    model.sort(0, Qt.SortOrder.DescendingOrder)
    top = model.data(model.index(0, 0))
    t_sort = time.perf_counter() - t0
    assert top == "青岛鼎新099996制造有限公司" or normalize_name(top) >= normalize_name(last)
    assert model.data(model.index(N - 1, 0)) == first

    t0 = time.perf_counter()
    model.set_condition(query_condition(parse("恒星")))
    t_text = time.perf_counter() - t0
    assert model.rowCount() == N // 20
    assert all("恒星" in model.data(model.index(r, 0)) for r in (0, model.rowCount() - 1))

    t0 = time.perf_counter()
    model.set_condition(query_condition(parse("tier:小巨人 cluster:船舶")))
    t_terms = time.perf_counter() - t0
    assert model.rowCount() == N // 40  # every 10th a little giant, every 8th in 船舶海工
    assert len(model._pages) == 0 and model.data(model.index(0, 2)).startswith("专精特新")
    assert PAGE == 200

    with capsys.disabled():
        print(f"\n[100k] insert (Core) {t_insert:.2f}s · model build + first page "
              f"{t_build:.3f}s · sort by name {t_sort:.3f}s · text filter {t_text:.3f}s · "
              f"tier+cluster filter {t_terms:.3f}s")


@pytest.mark.slow
def test_hundred_thousand_tier_counts(registry, capsys):
    from goosetier.gui.models.tier_tree import TierTreeModel

    bulk_enterprises(registry, N)
    t0 = time.perf_counter()
    tree = TierTreeModel(registry)
    shown = time.perf_counter() - t0
    assert tree.wait()
    elapsed = time.perf_counter() - t0
    assert tree.counts()["all"] == N
    assert tree.counts()["program:little_giant"] == N // 10
    with capsys.disabled():
        print(f"\n[100k] tier browser shown {shown:.3f}s, counts ready {elapsed:.3f}s")
