"""What a write changed, so each view refreshes only what concerns it (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    enterprises: frozenset[int] = frozenset()  # rows whose fields or designations changed
    added: frozenset[int] = frozenset()  # enterprises created (or restored by an undo)
    removed: frozenset[int] = frozenset()  # enterprises deleted
    counts: bool = False  # tier counts and dashboard numbers may differ
    plans: bool = False  # plan periods or targets changed
    settings: bool = False  # shared settings (district name) changed
    reload_all: bool = False  # an import or its undo: reload everything

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.enterprises | other.enterprises, self.added | other.added,
                       self.removed | other.removed, self.counts or other.counts,
                       self.plans or other.plans, self.settings or other.settings,
                       self.reload_all or other.reload_all)

    def touches(self, enterprise_id: int | None) -> bool:
        return enterprise_id is not None and (
            self.reload_all or enterprise_id in self.enterprises
            or enterprise_id in self.removed or enterprise_id in self.added)


def enterprise(eid: int, counts: bool = False) -> Changes:
    return Changes(enterprises=frozenset({eid}), counts=counts)


EVERYTHING = Changes(reload_all=True, counts=True, plans=True, settings=True)
