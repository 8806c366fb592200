"""``goosetier export roster|summary|template`` as a script would run it."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import openpyxl

from tests.exporting.conftest import HAIRONG, SAILUN, ZJT


def run(*args):
    """The goosetier command in a subprocess, without a display (as a script would run it)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "-m", "goosetier", *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=180)


def db_of(registry):
    return registry.path


def test_export_roster_by_program_and_year(sample, tmp_path):
    out = tmp_path / "小巨人.xlsx"
    res = run("--db", db_of(sample), "export", "roster", out, "--program", "little_giant",
              "--year", "2024")
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == f"已导出 1 家企业到 {out}"
    ws = openpyxl.load_workbook(out).active
    assert ws["B4"].value == HAIRONG and ws["C4"].data_type == "s"


def test_export_roster_tiers_clusters_sheets(sample, tmp_path):
    out = tmp_path / "tiers.xlsx"
    res = run("--db", db_of(sample), "export", "roster", out, "--tier", "specialized_new",
              "--tier", "single_champion", "--validity", "any", "--sheet-per-program")
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == f"已导出 3 家企业到 {out}"
    wb = openpyxl.load_workbook(out)
    assert "专精特新“小巨人”企业" in wb.sheetnames and "制造业单项冠军" in wb.sheetnames
    out2 = tmp_path / "cluster.xlsx"
    res = run("--db", db_of(sample), "export", "roster", out2, "--cluster", "汽车",
              "--cluster", "芯屏", "--per-designation")
    assert res.returncode == 0 and "已导出 3 家企业" in res.stdout
    names = {c.value for c in openpyxl.load_workbook(out2).active["B"][3:]}
    assert {ZJT, SAILUN} <= names and HAIRONG not in names


def test_export_summary_and_template(sample, tmp_path):
    out = tmp_path / "汇总.xlsx"
    res = run("--db", db_of(sample), "export", "summary", out, "--plan", "14th", "--year", "2025")
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("已导出十四五汇总表（截至2025年底") and str(out) in res.stdout
    assert "xl/charts/chart1.xml" in zipfile.ZipFile(out).namelist()
    assert openpyxl.load_workbook(out).sheetnames == ["汇总表", "分产业集群"]
    template = tmp_path / "模板.xlsx"
    res = run("--db", db_of(sample), "export", "template", template)
    assert res.returncode == 0 and res.stdout.strip() == f"已导出空白导入模板到 {template}"
    assert b"dataValidation" in zipfile.ZipFile(template).read("xl/worksheets/sheet1.xml")


def test_unknown_program_is_one_coded_line(sample, tmp_path):
    res = run("--db", db_of(sample), "export", "roster", tmp_path / "x.xlsx", "--program", "nope")
    assert res.returncode == 1 and "Traceback" not in res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "“nope”" in lines[0]
    assert "little_giant" in lines[0] and "high_tech" in lines[0]
    assert not (tmp_path / "x.xlsx").exists()
    res = run("--db", db_of(sample), "--lang", "en", "export", "roster", tmp_path / "x.xlsx",
              "--tier", "goose")
    assert res.returncode == 1 and "No tier with id “goose”" in res.stderr


def test_bad_extension_and_unknown_plan(sample, tmp_path):
    res = run("--db", db_of(sample), "export", "roster", tmp_path / "x.csv")
    assert res.returncode == 1 and ".xlsx" in res.stderr and "Traceback" not in res.stderr
    res = run("--db", db_of(sample), "export", "summary", tmp_path / "s.xlsx", "--plan", "十五五")
    assert res.returncode == 1 and "十五五" in res.stderr and not (tmp_path / "s.xlsx").exists()
    res = run("--db", db_of(sample), "export", "roster", tmp_path / "x.xlsx", "--validity", "old")
    assert res.returncode == 2
    res = run("--db", db_of(sample), "export", "roster", tmp_path / "x.xlsx", "--year", "20244")
    assert res.returncode == 1 and "20244" in res.stderr


def test_roster_pdf_goes_to_the_printing_feature(sample, tmp_path):
    out = tmp_path / "roster.pdf"
    res = run("--db", db_of(sample), "export", "roster", out, "--program", "little_giant",
              "--validity", "any")
    if res.returncode == 0:
        assert res.stdout.strip() == f"已导出 2 家企业到 {out}"
        assert out.read_bytes().startswith(b"%PDF")
    else:  # a build without the printing feature says so in one coded line
        assert res.returncode == 1 and "PDF" in res.stderr and "Traceback" not in res.stderr
    res = run("--db", db_of(sample), "export", "roster", out, "--sheet-per-program")
    assert res.returncode == 1 and "--sheet-per-program" in res.stderr


def test_version_does_not_import_excel_writers():
    code = ("import sys; from goosetier.cli import main\n"
            "try: main(['--version'])\nexcept SystemExit: pass\n"
            "print(sorted(m for m in ('xlsxwriter', 'openpyxl', 'sqlalchemy', 'PySide6') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
