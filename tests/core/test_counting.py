"""Every counting rule of DOMAIN.md, with expectations computed by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from goosetier.core.catalog import load_catalog
from goosetier.core.counting import (
    DesignationFacts as D,
)
from goosetier.core.counting import (
    EnterpriseFacts as E,
)
from goosetier.core.counting import (
    count_metrics,
    counts_at,
    designation_window,
    months_ahead,
    review_year,
)

CAT = load_catalog()


def counted(facts: list[E], year: int, metric: str) -> int:
    return count_metrics(facts, CAT, year)[metric]


def test_certificate_dates_count_at_year_ends_inside_them():
    # the DOMAIN example: 2022-09-06 – 2025-09-05 counts at the ends of 2022, 2023, 2024
    w = designation_window(2022, dt.date(2022, 9, 6), dt.date(2025, 9, 5), 3)
    assert [y for y in range(2020, 2028) if counts_at(w, y)] == [2022, 2023, 2024]


def test_year_only_grant_counts_for_validity_years_then_due_for_review():
    w = designation_window(2022, None, None, 3)
    assert [y for y in range(2020, 2028) if counts_at(w, y)] == [2022, 2023, 2024]
    assert review_year(2022, 3) == 2025


def test_review_record_starts_a_new_period():
    firm = E([D("little_giant", 2022), D("little_giant", 2025, kind="review")])
    assert [y for y in range(2021, 2030) if counted([firm], y, "little_giant")] == \
        [2022, 2023, 2024, 2025, 2026, 2027]


def test_revoked_never_counts():
    assert counted([E([D("high_tech", 2023, revoked=True)])], 2023, "high_tech") == 0


def test_valid_from_without_until_uses_validity():
    w = designation_window(None, dt.date(2023, 3, 1), None, 3)
    assert w == (dt.date(2023, 3, 1), dt.date(2026, 2, 28))


def test_programs_without_validity_count_until_ended():
    firm = E([D("above_scale", 2019)])
    assert all(counted([firm], y, "above_scale") for y in (2019, 2025, 2040))
    assert not counted([firm], 2018, "above_scale")
    ended = E([D("above_scale", 2019, valid_until=dt.date(2023, 6, 30))])
    assert [y for y in range(2018, 2026) if counted([ended], y, "above_scale")] == \
        [2019, 2020, 2021, 2022]


def test_one_year_programs():
    firm = E([D("tech_sme", 2024)])
    assert [y for y in (2023, 2024, 2025) if counted([firm], y, "tech_sme")] == [2024]


def test_enterprise_counts_once_however_many_designations():
    firm = E([D("high_tech", 2022), D("high_tech", 2023), D("high_tech", 2024, kind="review")])
    assert counted([firm], 2024, "high_tech") == 1


def test_revenue_brackets_are_at_or_above_in_yi_yuan():
    big = E(revenue_wan={2025: 5_000_000})  # 500亿元 exactly
    mid = E(revenue_wan={2025: 1_200_000})  # 120亿元
    small = E(revenue_wan={2025: 99_999, 2024: 200_000})  # 9.9999亿元 in 2025
    facts = [big, mid, small]
    counts = count_metrics(facts, CAT, 2025)
    assert counts["head_goose_50b"] == 1
    assert counts["head_goose_30b"] == 1
    assert counts["head_goose_10b"] == 2
    assert counts["head_goose_1b"] == 2
    assert count_metrics(facts, CAT, 2024)["head_goose_1b"] == 1  # only `small` has 2024 figures


def test_listed_counts_from_listing_year():
    facts = [E(listed=True, listed_year=2021), E(listed=True), E(listed=False)]
    assert counted(facts, 2020, "listed") == 1
    assert counted(facts, 2021, "listed") == 2


def test_scale_up_flow_counts_entries_in_the_year_only():
    facts = [E([D("above_scale", 2023)]), E([D("above_scale", 2024)]),
             E([D("above_scale", 2024), D("above_scale", 2024, kind="review")])]
    assert counted(facts, 2024, "scale_up") == 2
    assert counted(facts, 2023, "scale_up") == 1
    assert counted(facts, 2024, "above_scale") == 3


def test_single_champion_counts_national_and_provincial_together():
    facts = [E([D("single_champion", 2023)]), E([D("single_champion", 2024)])]
    assert counted(facts, 2024, "single_champion") == 2


def test_no_year_no_date_cannot_count():
    assert designation_window(None, None, None, 3) == (None, None)
    assert counted([E([D("high_tech")])], 2024, "high_tech") == 0


@pytest.mark.parametrize("today,months,expected", [
    (dt.date(2026, 11, 29), 6, dt.date(2027, 5, 29)),
    (dt.date(2026, 8, 31), 6, dt.date(2027, 2, 28)),
    (dt.date(2026, 1, 15), 12, dt.date(2027, 1, 15)),
])
def test_months_ahead(today, months, expected):
    assert months_ahead(today, months) == expected
