"""The goosetier command as a script would use it: exit codes, one-line errors, JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from goosetier import __version__
from goosetier.store import writes as w
from goosetier.store.database import open_registry


def run(*args, env_home=None, check=False):
    env = dict(os.environ)
    if env_home:
        env["GOOSETIER_HOME"] = str(env_home)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run([sys.executable, "-m", "goosetier", *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=120, check=check)


def test_version():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"GooseTier {__version__}"


def test_summary_json_counts_the_registry(tmp_path):
    db = tmp_path / "r.sqlite3"
    reg = open_registry(db)
    with reg.session() as s:
        a = w.add_enterprise(s, "青岛海容商用冷链股份有限公司", "91350200776049653A",
                             listed=True, listed_year=2018)
        w.add_designation(s, a, "little_giant", 2023)
        w.add_designation(s, a, "high_tech", 2024)
        w.set_figures(s, a, 2025, revenue=320_000)  # 32亿元
        b = w.add_enterprise(s, "中加特电气（青岛）股份有限公司")
        w.add_designation(s, b, "single_champion", 2021)  # ended 2023
        w.add_designation(s, b, "above_scale", 2025)
        s.commit()
    reg.close()
    out = run("--db", db, "summary", "--json", "--plan", "14th", "--year", "2025", check=True)
    data = json.loads(out.stdout)
    assert data["plan"] == "十四五" and data["year"] == 2025 and data["district"] == "青岛西海岸新区"
    metrics = {x["id"]: x for x in data["metrics"]}
    assert set(metrics) >= {"head_goose_50b", "head_goose_30b", "head_goose_10b", "head_goose_1b",
                            "listed", "high_tech", "little_giant", "single_champion",
                            "hidden_champion", "scale_up", "above_scale", "tech_sme"}
    assert all(set(x) >= {"id", "name", "count", "baseline", "target", "completion"}
               for x in data["metrics"])
    assert metrics["little_giant"]["count"] == 1
    assert metrics["little_giant"]["completion"] == round(1 / 30, 4)
    assert metrics["high_tech"] == {**metrics["high_tech"], "count": 1, "baseline": 739,
                                    "target": 1500}
    assert metrics["single_champion"]["count"] == 0
    assert metrics["head_goose_1b"]["count"] == 1 and metrics["head_goose_10b"]["count"] == 0
    assert metrics["scale_up"]["count"] == 1 and metrics["listed"]["count"] == 1
    # the year defaults to the plan's target year
    default = json.loads(run("--db", db, "summary", "--json", check=True).stdout)
    assert default["year"] == 2025


def test_errors_are_one_line_without_traceback(tmp_path):
    bad = tmp_path / "not-a-db.sqlite3"
    bad.write_text("hello")
    out = run("--db", bad, "check")
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and "不是 SQLite" in out.stderr
    out = run("--db", tmp_path / "r.sqlite3", "summary", "--plan", "十五五")
    assert out.returncode == 1 and "十五五" in out.stderr and "十四五" in out.stderr


def test_usage_error_exit_2(tmp_path):
    out = run("--db", tmp_path / "r.sqlite3", "summary", "--year", "twenty")
    assert out.returncode == 2
    # argparse's own words in Chinese too, the type named as a word
    assert "goosetier summary：命令行有误：参数 --year：取值 'twenty' 无效（应为整数）" in out.stderr


def test_command_line_mistakes_in_the_language_asked_for(capsys, monkeypatch):
    import pytest

    from goosetier.cli import main

    monkeypatch.delenv("GOOSETIER_LANG", raising=False)
    with pytest.raises(SystemExit) as ended:
        main(["import"])  # the roster's file left out
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("用法：goosetier import")
    assert err.strip().endswith("goosetier import：命令行有误：缺少必需的参数：file")
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "选项:" in out and "显示本帮助并退出" in out and "显示版本号并退出" in out
    with pytest.raises(SystemExit):
        main(["--lang", "en", "import"])
    assert "error: the following arguments are required: file" in capsys.readouterr().err
    monkeypatch.setenv("GOOSETIER_LANG", "en_US")
    with pytest.raises(SystemExit):
        main(["import", "a.xlsx", "--kind", "renewal"])
    assert "invalid choice: 'renewal'" in capsys.readouterr().err
    monkeypatch.delenv("GOOSETIER_LANG")
    with pytest.raises(SystemExit):
        main(["import", "a.xlsx", "--kind", "renewal"])
    assert "参数 --kind：取值 'renewal' 无效（可选：'new', 'review'）" in capsys.readouterr().err


def test_check_and_backup(tmp_path):
    db = tmp_path / "r.sqlite3"
    out = run("--db", db, "check", "--json", check=True)
    info = json.loads(out.stdout)
    assert info["at_head"] and info["integrity"] == "ok" and info["counts"]["program"] == 16
    target = tmp_path / "copy.sqlite3"
    run("--db", db, "backup", target, check=True)
    assert json.loads(run("--db", target, "check", "--json", check=True).stdout)["at_head"]


def test_no_subcommand_without_display_says_so(tmp_path):
    out = run("--db", tmp_path / "r.sqlite3")
    assert out.returncode == 1 and "图形显示" in out.stderr and "Traceback" not in out.stderr


def test_version_does_not_import_qt_or_sqlalchemy():
    code = ("import sys; from goosetier.cli import main\n"
            "try: main(['--version'])\nexcept SystemExit: pass\n"
            "print(sorted(m for m in ('PySide6', 'sqlalchemy', 'alembic') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
