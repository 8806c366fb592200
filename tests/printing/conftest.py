"""Registries built in the test, and poppler helpers to read the PDFs back."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from goosetier.store import writes as w

TODAY = dt.date(2026, 11, 20)  # the print date of every sheet in these tests


def poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        pytest.skip(f"poppler-utils ({tool}) is not installed: apt install poppler-utils")
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


def pdf_text(path, page: int | None = None, mode: str = "-layout") -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return poppler("pdftotext", mode, *pages, str(path), "-")


def squash(text: str) -> str:
    """Without white space: -layout drops the narrow spaces of “第 1 页 共 3 页” on a busy line."""
    return "".join(text.split())


def pdf_pages(path) -> int:
    info = poppler("pdfinfo", str(path))
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def pdf_page_size(path) -> tuple[float, float]:
    line = next(x for x in poppler("pdfinfo", str(path)).splitlines()
                if x.startswith("Page size:"))
    parts = line.split()
    return float(parts[2]), float(parts[4])


@pytest.fixture
def sample(registry):
    return build_sample(registry)


def build_sample(registry):
    """Five firms across tiers and clusters; one designation due within six months of TODAY."""
    with registry.session() as s:
        a = w.add_enterprise(s, "青岛海容商用冷链股份有限公司", "91350200776049653A",
                             listed=True, listed_year=2018, cluster="智能家电")
        w.add_designation(s, a, "little_giant", 2023, batch_text="第五批")
        w.add_designation(s, a, "high_tech", 2024)
        w.set_figures(s, a, 2025, revenue=320_000)  # 32亿元: 十亿级
        b = w.add_enterprise(s, "中加特电气（青岛）股份有限公司")
        w.add_designation(s, b, "single_champion", 2021)  # counted 2021–2023 only
        w.add_designation(s, b, "above_scale", 2025)
        c = w.add_enterprise(s, "黄岛海洋重工集团有限公司", "912201011239989159",
                             cluster="船舶海工")
        w.set_figures(s, c, 2025, revenue=6_000_000)  # 600亿元: every bracket
        w.add_designation(s, c, "hidden_champion", 2024)
        d = w.add_enterprise(s, "青岛芯屏显示科技有限公司", cluster="芯屏")
        w.add_designation(s, d, "little_giant", 2024, batch_text="第六批")  # until 2026-12-31
        w.add_designation(s, d, "high_tech", 2025)
        e = w.add_enterprise(s, "青岛小升规示范机械有限公司", cluster="其他")
        w.add_designation(s, e, "above_scale", 2025)
        w.add_designation(s, e, "tech_sme", 2025)
        s.commit()
    return registry
