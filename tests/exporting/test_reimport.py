"""An exported roster (one row per designation) re-imports to the same registry."""

from __future__ import annotations

import unicodedata

import pytest
from sqlalchemy import select

from goosetier.core.names import clean_name
from goosetier.exporting.roster import export_roster
from goosetier.store import models as m
from goosetier.store.database import open_registry
from goosetier.store.selection import Selection

session_mod = pytest.importorskip("goosetier.importing.session")


def nfkc(text):
    return None if text is None else unicodedata.normalize("NFKC", text)


def snapshot(registry, tidy=lambda name: name, text=lambda value: value):
    with registry.session() as s:
        ents = sorted((tidy(e.name), e.credit_code, e.cluster, e.street, e.legal_rep,
                       text(e.contact_name), e.contact_phone, e.listed, e.listed_exchange,
                       e.notes)
                      for e in s.scalars(select(m.Enterprise)))
        des = sorted((tidy(e.name), d.program_id, d.year, d.kind, d.batch_text, d.level,
                      d.category, d.product, d.count_from, d.count_until)
                     for d, e in s.execute(select(m.Designation, m.Enterprise).join(m.Enterprise)))
        figs = sorted((tidy(e.name), f.year, f.revenue)
                      for f, e in s.execute(select(m.YearlyFigure, m.Enterprise)
                                            .join(m.Enterprise)))
    return ents, des, figs


def test_export_reimports_to_the_same_registry(sample, tmp_path):
    out = tmp_path / "all.xlsx"
    assert export_roster(sample, Selection(year=2025), out, per_designation=True) == 5
    fresh = open_registry(tmp_path / "fresh.sqlite3")
    try:
        result, _plan = session_mod.run_import(fresh, out)
        assert result.inserted == 5 and result.rejected == 0 and result.needs_review == 0
        assert result.designations_added == 7
        # two sample names were stored raw (half-width brackets): an import tidies names, and
        # folds a full-width contact name ("＝1+1") to half-width
        before, after = snapshot(sample, clean_name, nfkc), snapshot(fresh)
        assert after[0] == before[0]  # enterprises: names, codes, contacts, listing, notes
        assert after[1] == before[1]  # designations, with their counting windows
        assert after[2] == before[2]  # revenue of the selection's year
    finally:
        fresh.close()
