"""The printed sheets as PDF, read back with poppler: text, fonts, pages, orientation."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from goosetier.core.messages import message
from goosetier.gui import printing
from goosetier.gui.printing import fonts
from goosetier.gui.printing.layout import Ctx
from goosetier.gui.printing.pdffix import fix_tounicode
from goosetier.reports.clusters import cluster_tier_counts
from goosetier.reports.summary import build_summary
from goosetier.store import writes as w
from goosetier.store.selection import Selection
from tests.printing.conftest import (
    TODAY,
    build_sample,
    pdf_page_size,
    pdf_pages,
    pdf_text,
    poppler,
    squash,
)


def _summary_pdf(registry, out, **kw) -> int:
    return printing.export_summary_pdf(registry, out, plan="十四五", year=2025, today=TODAY, **kw)


def test_summary_sheet_text_is_the_registry(sample, tmp_path):
    out = tmp_path / "summary.pdf"
    pages = _summary_pdf(sample, out)
    assert out.exists() and pages == pdf_pages(out) >= 1
    text = pdf_text(out)
    first = pdf_text(out, 1)
    assert "青岛西海岸新区企业雁阵梯度培育情况汇总表（十四五）" in first
    assert "截至2025年底" in first and "打印日期：2026年11月20日" in first
    assert "⻘" not in text and "⻩" not in text  # radicals put back: 青, 黄 copy as themselves
    for header in ("梯队", "指标", "2020年", "基数", "当前数", "目标", "完成率", "差额", "进度"):
        assert header in first
    with sample.session() as s:
        summary = build_summary(s, "十四五", 2025)
    table = first.split("二、")[0]
    lines = table.splitlines()
    for row in summary.rows:
        line = next(x for x in lines if row.name in x)  # the table row comes first
        cells = line.split()
        assert f"{row.count:,}" in cells, (row.name, line)
        if row.completion is not None:
            assert f"{row.completion:.1%}" in cells, (row.name, line)
    assert summary.row("head_goose_50b").count == 1
    assert summary.row("head_goose_1b").count == 2
    assert summary.row("little_giant").count == 2
    assert "按“达到及以上”统计" in text and "500亿级企业同时计入300亿级" in text
    assert "① " in text and "2020年基数739家含保税区" in text  # the target notes, numbered
    assert "目标完成进度" in text and "目标 100%" in text  # the chart, drawn as text + vectors
    assert "各产业集群梯度企业分布" in text
    for cluster in ("船舶海工", "智能家电", "芯屏", "其他/未填写", "合计"):
        assert cluster in text
    assert "未来6个月内到期的称号" in text and "青岛芯屏显示科技有限公司" in text
    assert f"第1页共{pages}页" in squash(first)


def test_cjk_font_is_embedded(sample, tmp_path):
    out = tmp_path / "summary.pdf"
    _summary_pdf(sample, out)
    rows = poppler("pdffonts", str(out)).splitlines()[2:]
    assert rows, "no fonts in the PDF"
    family = fonts.require_cjk_family().replace(" ", "")
    for row in rows:
        cols = row.split()
        emb = cols[-5]  # name type… encoding emb sub uni object ID
        assert emb == "yes", row
    assert any(family.casefold() in row.casefold() for row in rows), rows


def test_sections_can_be_left_out(sample, tmp_path):
    out = tmp_path / "short.pdf"
    printing.export_summary_pdf(sample, out, year=2025, today=TODAY, sections=("table",))
    text = pdf_text(out)
    assert "各梯队目标完成情况" in text
    assert "目标完成进度" not in text and "产业集群" not in text and "到期" not in text
    with pytest.raises(printing.PrintError) as err:
        printing.export_summary_pdf(sample, tmp_path / "none.pdf", sections=())
    assert err.value.code == "print_no_sections"


def test_landscape_is_wider_than_tall(sample, tmp_path):
    out = tmp_path / "wide.pdf"
    _summary_pdf(sample, out, landscape=True)
    width, height = pdf_page_size(out)
    assert width > height and round(width) == 842 and round(height) == 595
    portrait = tmp_path / "tall.pdf"
    _summary_pdf(sample, portrait)
    width, height = pdf_page_size(portrait)
    assert width < height and round(width) == 595


def _roster_registry(registry, n: int) -> None:
    with registry.session() as s:
        for i in range(n):
            e = w.add_enterprise(s, f"青岛测试{i:03d}号装备有限公司", cluster="高端装备")
            w.add_designation(s, e, "high_tech", 2024, batch_text="第二批")
        s.commit()


def test_roster_of_exactly_three_pages(registry, tmp_path):
    selection = Selection(programs=("high_tech",), year=2025)
    title = printing.roster_title("青岛西海岸新区", selection)
    assert title == "青岛西海岸新区高新技术企业（截至2025年底有效）名单"
    first, following = printing.roster_capacity(Ctx(fonts.require_cjk_family()), title)
    assert 20 < first < following < 60
    _roster_registry(registry, first + 2 * following)  # the third page exactly full
    out = tmp_path / "roster.pdf"
    assert printing.export_roster_pdf(registry, selection, out) == 3 == pdf_pages(out)
    for page in (1, 2, 3):
        text = pdf_text(out, page)
        assert f"第 {page} 页 共 3 页" in pdf_text(out, page, "-raw")
        assert f"第{page}页共3页" in squash(text)
        assert text.count("统一社会信用代码") == 1 and "企业名称" in text  # header repeated
        assert "有效期至" in text and "认定年份/批次" in text
    assert title in pdf_text(out, 1) and f"共 {first + 2 * following:,} 家" in pdf_text(
        out, 1)
    assert "青岛测试000号装备有限公司" in pdf_text(out, 1)
    last = first + 2 * following - 1
    assert f"青岛测试{last:03d}号装备有限公司" in pdf_text(out, 3)
    assert "2024年 第二批" in pdf_text(out, 2) and "2026-12-31" in pdf_text(out, 2)
    _roster_registry_one_more(registry)
    assert printing.export_roster_pdf(registry, selection, out) == 4


def _roster_registry_one_more(registry) -> None:
    with registry.session() as s:
        e = w.add_enterprise(s, "青岛测试999号装备有限公司")
        w.add_designation(s, e, "high_tech", 2024)
        s.commit()


def test_long_names_shrink_then_wrap_then_elide(tmp_path):
    from goosetier.store.selection import RosterLine

    names = ["青岛海容商用冷链股份有限公司",
             "青岛西海岸新区海洋高端装备智能制造产业园投资运营有限公司",
             "中国船舶重工集团青岛北海造船有限公司（青岛）海洋工程装备研究院西海岸新区分院"
             "第二研究所第三实验室联合体"]
    lines = [RosterLine(i, n, None, "船舶海工", None, None, None, None, None, None)
             for i, n in enumerate(names)]
    out = tmp_path / "names.pdf"
    assert printing.write_roster_pdf("长名称测试名单", lines, out) == 1
    text = pdf_text(out)
    assert "青岛海容商用冷链股份有限公司" in text
    assert "…" in text  # the longest name is cut after two lines, not allowed to run on
    assert "联合体" not in text


def test_no_cjk_font_raises_coded_error_and_writes_nothing(sample, tmp_path, monkeypatch):
    monkeypatch.setattr(fonts, "find_cjk_family", lambda: None)
    out = tmp_path / "boxes.pdf"
    with sample.session() as s:
        summary = build_summary(s, year=2025)
    with pytest.raises(printing.PrintError) as err:
        printing.write_summary_pdf(summary, out)
    assert err.value.code == "print_no_cjk_font"
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    text = message("print_no_cjk_font")
    assert "fonts-noto-cjk" in text and "微软雅黑" in text
    assert "fonts-noto-cjk" in message("print_no_cjk_font", lang="en")
    with pytest.raises(printing.PrintError):
        printing.export_roster_pdf(sample, Selection(), out)
    assert not out.exists()


def test_cli_says_which_font_to_install(sample, tmp_path, monkeypatch, capsys):
    from goosetier.cli import main

    monkeypatch.setattr(fonts, "find_cjk_family", lambda: None)
    out = tmp_path / "boxes.pdf"
    status = main(["--db", str(sample.path), "summary", "--pdf", str(out)])
    err = capsys.readouterr().err
    assert status == 1 and "fonts-noto-cjk" in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def _cli(*args):
    env = dict(os.environ)
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(var, None)
    return subprocess.run([sys.executable, "-m", "goosetier", *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=120)


def test_cli_summary_pdf_headless(sample, tmp_path):
    out = tmp_path / "cli.pdf"
    done = _cli("--db", sample.path, "summary", "--pdf", out, "--plan", "14th", "--year", 2025,
                "--no-expiring")
    assert done.returncode == 0, done.stderr
    assert "已生成汇总表 PDF" in done.stdout and out.exists()
    text = pdf_text(out)
    assert "企业雁阵梯度培育情况汇总表（十四五）" in text and "到期" not in text
    assert "各产业集群梯度企业分布" in text
    wide = tmp_path / "wide.pdf"
    done = _cli("--db", sample.path, "summary", "--pdf", wide, "--landscape", "--no-clusters")
    assert done.returncode == 0, done.stderr
    assert pdf_page_size(wide)[0] > pdf_page_size(wide)[1]
    done = _cli("--db", sample.path, "summary", "--pdf", tmp_path / "x.pdf", "--json")
    assert done.returncode == 2  # --pdf and --json exclude each other


def test_cli_print_roster_headless(sample, tmp_path):
    out = tmp_path / "roster.pdf"
    done = _cli("--db", sample.path, "print-roster", out, "--program", "little_giant",
                "--year", 2025, "--landscape")
    assert done.returncode == 0, done.stderr
    text = pdf_text(out)
    assert "青岛西海岸新区专精特新“小巨人”企业（截至2025年底有效）名单" in text
    assert "青岛海容商用冷链股份有限公司" in text and "91350200776049653A" in text
    assert "青岛芯屏显示科技有限公司" in text and "中加特" not in text
    assert pdf_page_size(out)[0] > pdf_page_size(out)[1]
    done = _cli("--db", sample.path, "print-roster", tmp_path / "r.pdf", "--program", "nope")
    assert done.returncode == 1 and "nope" in done.stderr and "Traceback" not in done.stderr
    done = _cli("--db", sample.path, "print-roster", tmp_path / "r.txt")
    assert done.returncode == 1 and ".pdf" in done.stderr


def test_cluster_counts(any_registry):  # SQLite and PostgreSQL
    sample = build_sample(any_registry)
    with sample.session() as s:
        rows = {r.label: r for r in cluster_tier_counts(s, 2025)}
    assert list(rows)[-1] == "其他/未填写"
    assert rows["船舶海工"].count("head_goose") == 1  # by revenue
    assert rows["船舶海工"].count("single_champion") == 1  # 隐形冠军 sits with the champions
    assert rows["智能家电"].count("head_goose") == 1 and rows["智能家电"].tiered == 1
    assert rows["智能家电"].count("specialized_new") == 1
    assert rows["智能家电"].count("other") == 1  # 高企
    other = rows["其他/未填写"]  # NULL and "其他" together
    assert other.enterprises == 2 and other.count("scale_up") == 2
    assert other.count("single_champion") == 0  # 中加特's champion ended in 2023


def test_tounicode_fix_is_in_place():
    cmap = (b"1 0 obj\n<< /Type /Font /ToUnicode 2 0 R >>\nendobj\n"
            b"2 0 obj\n<< /Length 99 >>\nstream\n"
            b"1 beginbfchar\n<0003> <2ED8>\nendbfchar\n"
            b"2 beginbfrange\n<0001> <0002> [<2ED8> <5C9B>]\n<0004> <0004> <2EE9>\nendbfrange\n"
            b"endstream\nendobj\n")
    fixed = fix_tounicode(cmap, {0x2ED8: 0x9752, 0x2EE9: 0x9EC4})
    assert len(fixed) == len(cmap)
    assert b"<0003> <9752>" in fixed and b"[<9752> <5C9B>]" in fixed
    assert b"<0004> <0004> <9EC4>" in fixed
    assert fix_tounicode(cmap, {}) == cmap


def test_unwritable_target_is_a_coded_error(tmp_path):
    with pytest.raises(printing.PrintError) as err:
        printing.write_roster_pdf("名单", [], tmp_path / "missing" / "r.pdf")
    assert err.value.code == "print_write_failed" and "missing" in err.value.params["path"]
    with pytest.raises(printing.PrintError) as err:
        printing.write_roster_pdf("名单", [], tmp_path / "r.docx")
    assert err.value.code == "print_not_pdf"
    empty = tmp_path / "empty.pdf"
    assert printing.write_roster_pdf("空名单", [], empty) == 1
    assert "无符合条件的企业" in pdf_text(empty)


def test_progress_marks_fall_back_without_the_tick_glyph(sample):
    from dataclasses import replace

    from goosetier.gui.printing.summary_sheet import progress_text

    with sample.session() as s:
        summary = build_summary(s, "十四五", 2025)
    done = summary.row("head_goose_50b")  # 1 of 1
    assert progress_text(done, True) == "✓ 已完成" and progress_text(done, False) == "已完成"
    behind = summary.row("high_tech")
    assert behind.on_track is False and progress_text(behind, True) == "滞后"
    on_track = replace(behind, on_track=True)
    assert progress_text(on_track, True) == "✓ 按期" and progress_text(on_track, False) == "正常"
    assert progress_text(summary.row("gazelle"), True) == "—"


def test_long_expiring_list_is_counted_per_program_and_capped(sample, tmp_path):
    """A long list of due designations: counted per programme, the earliest 30 listed."""
    from goosetier.gui.printing.summary_sheet import EXPIRING_LIST_LIMIT
    from goosetier.store.queries import expiring_within

    names = [f"青岛到期测试{i:02d}科技有限公司" for i in range(45)]
    with sample.session() as s:
        for name in names:
            w.add_designation(s, w.add_enterprise(s, name), "little_giant", 2024)
        s.commit()
        due = expiring_within(s, TODAY, 6)
    assert len(due) > EXPIRING_LIST_LIMIT + 10
    out = tmp_path / "summary.pdf"
    pages = _summary_pdf(sample, out)
    text = pdf_text(out)
    assert f"共 {len(due)} 项" in text and "到期项数" in text and "最早到期" in text
    shown = {r.enterprise_name for r in due[:EXPIRING_LIST_LIMIT]}
    assert [n for n in names if n in text] == [n for n in names if n in shown]
    assert f"其余 {len(due) - EXPIRING_LIST_LIMIT} 项未列出" in text
    assert pages <= 3  # uncapped, the list alone ran over two more pages
