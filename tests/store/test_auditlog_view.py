"""What the window's audit view and change watcher ask of store.auditlog: free text (Chinese in
JSON details), pages that continue below an id, and polling that skips the window's own lines."""

from __future__ import annotations

from sqlalchemy import func, select

from goosetier.store import auditlog as al
from goosetier.store import conflicts as c
from goosetier.store import models as m
from goosetier.store import writes as w


def _history(reg) -> int:
    with reg.session() as s, s.begin():
        ent = w.add_enterprise(s, "青岛海容科技有限公司", contact_name="张三")
        w.audit(s, "setting.edit", "setting", None, {"key": "district_name",
                                                     "before": "黄岛区", "after": "西海岸新区"})
        w.audit(s, "import.apply", "import_batch", 7, {"file": "Roster_2024.xlsx", "inserted": 3})
        eid = ent.id
    with reg.session() as s:
        ent = s.get(m.Enterprise, eid)
        c.save_with_version(s, ent, ent.version, {"contact_name": "李四_100%"})
    return eid


def test_free_text_finds_chinese_in_details_logins_and_actions(any_registry):
    _history(any_registry)
    with any_registry.session() as s:
        def found(text):
            return [r.action for r in al.list_audit(s, al.AuditFilter(text=text))]

        assert found("西海岸") == ["setting.edit"]
        assert found("海容") == ["enterprise.add"]
        assert found("李四") == ["enterprise.edit"]
        assert found("roster_2024") == ["import.apply"]  # case does not matter
        assert found("_100%") == ["enterprise.edit"]  # LIKE wildcards are plain characters
        assert found("IMPORT") == ["import.apply"]
        assert found("没有这个") == []
        assert al.count_audit(s, al.AuditFilter(text="  ")) == al.count_audit(s)
        assert al.count_audit(s, al.AuditFilter(text="海容", action="enterprise.add")) == 1


def test_pages_continue_below_an_id(any_registry):
    with any_registry.session() as s, s.begin():
        for i in range(25):
            w.audit(s, "setting.edit", "setting", None, {"i": i})
    with any_registry.session() as s:
        first = al.list_audit(s, al.AuditFilter(limit=10))
        w.audit(s, "setting.edit", "setting", None, {"i": "written meanwhile"})
        s.commit()
        second = al.list_audit(s, al.AuditFilter(limit=10, before_id=first[-1].id))
        assert [r.id for r in second] == [first[-1].id - 1 - k for k in range(10)]
        assert not {r.id for r in first} & {r.id for r in second}


def test_changes_since_skips_the_windows_own_lines(any_registry):
    with any_registry.session() as s:
        marker = al.change_marker(s)
    _history(any_registry)
    with any_registry.session() as s:
        ids = list(s.scalars(select(m.AuditEvent.id).where(m.AuditEvent.id > marker)
                            .order_by(m.AuditEvent.id)))
        newest = s.scalar(select(func.max(m.AuditEvent.id)))
        everything = al.changes_since(s, marker)
        assert everything.events == 4
        mine = al.changes_since(s, marker, skip=set(ids))
        assert not mine and mine.marker == newest
        partly = al.changes_since(s, marker, skip={ids[0], ids[-1]})
        assert partly.events == 2 and partly.everything  # the import is someone else's
        assert partly.marker == newest
