"""The printed roster shows the designation that put the firm on the list, as the xlsx does."""

from __future__ import annotations

from goosetier.store import writes as w
from goosetier.store.selection import Selection, roster_lines


def test_roster_line_shows_the_designation_valid_in_the_selected_year(session):
    firm = w.add_enterprise(session, "青岛海容商用冷链股份有限公司")
    w.add_designation(session, firm, "little_giant", 2020)
    w.add_designation(session, firm, "little_giant", 2025, kind="review")
    w.add_enterprise(session, "青岛无称号有限公司")
    session.commit()
    (line,) = roster_lines(session, Selection(programs=("little_giant",), year=2021))
    assert line.year == 2020  # not the 2025 record, which did not exist at the end of 2021
    (line,) = roster_lines(session, Selection(programs=("little_giant",), year=2026))
    assert line.year == 2025
