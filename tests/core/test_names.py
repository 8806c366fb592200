from __future__ import annotations

import csv
from pathlib import Path

import pytest

from goosetier.core.names import clean_name, normalize_name

REAL = Path(__file__).resolve().parents[3] / "shared" / "real" / "miit_little_giant_continued_support.csv"


@pytest.mark.parametrize("variant", [
    "中加特电气（青岛）股份有限公司",
    "中加特电气(青岛)股份有限公司",
    " 中加特电气 （青岛）\n股份有限公司 ",
    "中加特电气【青岛】股份有限公司",
    "中加特电气（青岛）股份有限公司\u3000",
])
def test_spellings_of_one_name_meet(variant):
    assert normalize_name(variant) == normalize_name("中加特电气（青岛）股份有限公司")


def test_different_firms_stay_apart():
    assert normalize_name("上海万位数字技术股份有限公司") != normalize_name("上海曼恒数字技术股份有限公司")


def test_clean_name_keeps_full_width_brackets_and_drops_breaks():
    assert clean_name("中加特电气(青岛)股份\n有限公司 ") == "中加特电气（青岛）股份有限公司"


def test_latin_names_keep_word_spaces():
    assert clean_name("Haier  Smart Home") == "Haier Smart Home"
    assert normalize_name("haier smart home") == normalize_name("HAIER SMART HOME")


@pytest.mark.skipif(not REAL.exists(), reason="shared/real not present")
def test_real_names_normal_forms_are_distinct_per_firm():
    with open(REAL, encoding="utf-8") as fh:
        names = {row["企业名称"] for row in csv.DictReader(fh)}
    keys = {normalize_name(n) for n in names}
    # distinct printed names never collapse onto one key (only spelling differences may)
    assert len(keys) == len(names)
    # brackets printed full-width match their half-width spelling
    bracketed = [n for n in names if "（" in n]
    assert len(bracketed) >= 60
    for n in bracketed:
        assert normalize_name(n.replace("（", "(").replace("）", ")")) == normalize_name(n)
