"""The tier browser counts off the GUI thread: shape at once, counts later, stale runs dropped.

``count_tree`` (a handful of batched queries) must give exactly what counting each node's own
condition gives, since clicking a node shows the rows of that condition.
"""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import select, update

from goosetier.gui import tasks
from goosetier.gui.models import filters as fl
from goosetier.gui.models import tier_tree as tt
from goosetier.gui.models.tier_tree import GROUPS, PENDING, TierTreeModel, count_tree, walk
from goosetier.store import models as m
from goosetier.store import writes
from tests.gui.builders import populate


def _one_by_one(session, year: int, today: dt.date, found) -> dict[str, int]:
    root = tt._structure(found.clusters, found.streets)
    return {n.key: fl.count_where(session, tt.node_condition(n.key, year, today,
                                                                found.revenue_year))
            for n in walk(root) if n.key not in GROUPS}


def _add_edge_cases(registry) -> None:
    """Renewals (a later record of the program), a revoked renewal, a listing, blank groups."""
    this_year = dt.date.today().year
    with registry.session() as s, s.begin():
        first, second, third = s.scalars(select(m.Enterprise).order_by(m.Enterprise.id)
                                         .limit(3))
        writes.add_designation(s, first, "high_tech", 2021)  # then renewed in 2024
        writes.add_designation(s, first, "high_tech", this_year + 1)
        revoked = writes.add_designation(s, second, "specialized_sme", this_year)
        s.flush()
        s.execute(update(m.Designation.__table__)
                  .where(m.Designation.__table__.c.id == revoked.id).values(status="revoked"))
        writes.add_designation(s, third, "innovative_sme", 2022)
        s.execute(update(m.Enterprise.__table__).where(m.Enterprise.__table__.c.id == first.id)
                  .values(listed=True, listed_year=2020, cluster=None, street=""))
        s.execute(update(m.Enterprise.__table__).where(m.Enterprise.__table__.c.id == second.id)
                  .values(cluster="", street=None))


def test_batched_counts_equal_each_node_counted_alone(any_registry):
    populate(any_registry)
    _add_edge_cases(any_registry)
    for year, today in [(None, dt.date.today()), (2024, dt.date(2024, 12, 1)),
                        (2025, dt.date(2025, 6, 30)), (2027, dt.date(2027, 1, 15))]:
        year = year or today.year
        with any_registry.session() as s:
            found = count_tree(s, year, today)
            expected = _one_by_one(s, year, today, found)
        assert found.counts.keys() >= expected.keys()
        assert {k: found.counts[k] for k in expected} == expected, (year, today)
        assert found.clusters[-1] == tt.NO_VALUE and found.counts["all"] == 40


def test_shape_at_once_counts_later_and_kept_while_recounting(filled, qtbot):
    model = TierTreeModel(filled)
    keys = [n.key for n in model.nodes()]
    assert "program:little_giant" in keys and "watch:expired" in keys
    assert set(model.counts().values()) == {None}  # nothing counted on the GUI thread
    index = model.index_of("all").siblingAtColumn(1)
    assert model.data(index) == PENDING
    assert model.data(model.index_of("clusters").siblingAtColumn(1)) == ""
    with qtbot.waitSignal(model.countsReady, timeout=30000):
        pass
    assert model.counts()["all"] == 40 and model.data(index) == "40"

    model.refresh()
    assert model.counting and model.counts()["all"] == 40  # the previous counts stay
    assert model.wait() and not model.counting


def test_a_burst_of_requests_makes_one_run_and_stale_results_are_dropped(filled, qtbot,
                                                                         monkeypatch):
    runs: list[int] = []
    gate = threading.Event()
    real = tt.count_tree

    def counting(session, year, today, cancelled=lambda: False):
        runs.append(1)
        if len(runs) == 2:
            gate.wait(10)  # the second run is overtaken while it counts
        return real(session, year, today, cancelled)

    monkeypatch.setattr(tt, "count_tree", counting)
    model = TierTreeModel(filled)
    for _ in range(5):
        model.refresh()
    assert model.wait() and len(runs) == 1

    seen: list[int] = []
    model.countsReady.connect(lambda: seen.append(model.counts()["all"]))
    model.refresh()
    qtbot.waitUntil(lambda: len(runs) == 2)
    with filled.session() as s, s.begin():
        writes.add_enterprise(s, "青岛新来的海洋科技有限公司")
    model.refresh()  # supersedes the run in flight
    gate.set()
    assert model.wait()
    assert seen == [41] and model.counts()["all"] == 41 and len(runs) == 3


def test_counting_does_not_hold_up_the_change_watcher(filled, monkeypatch):
    gate = threading.Event()
    real = tt.count_tree

    def slow(session, year, today, cancelled=lambda: False):
        gate.wait(10)
        return real(session, year, today, cancelled)

    monkeypatch.setattr(tt, "count_tree", slow)
    model = TierTreeModel(filled)
    model.wait(0.01)  # starts the run
    assert tasks.running() == 0 and tasks.running(read_only=True) == 1
    gate.set()
    assert model.wait()


def test_a_failed_recount_keeps_the_counts(filled, monkeypatch, caplog):
    model = TierTreeModel(filled)
    assert model.wait()

    def broken(*_args, **_kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(tt, "count_tree", broken)
    assert model.refresh(wait=True) is None
    assert model.counts()["all"] == 40 and "database went away" in caplog.text


def test_closing_the_window_with_a_count_in_flight(window, qtbot, monkeypatch):
    gate = threading.Event()
    started = threading.Event()
    real = tt.count_tree

    def slow(session, year, today, cancelled=lambda: False):
        started.set()
        gate.wait(0.5)
        return real(session, year, today, cancelled)

    assert window.browser.model.wait()
    monkeypatch.setattr(tt, "count_tree", slow)
    window.browser.refresh()
    window.browser.refresh()
    qtbot.waitUntil(started.is_set)
    window.close()  # closeEvent waits for the task (tasks.wait_all)
    qtbot.wait(50)  # its late result must be dropped, not applied to a closing window
    assert tasks.running(read_only=True) == 0
