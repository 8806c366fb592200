"""``goosetier selftest`` from the source tree: every check passes, a broken piece is a FAIL line
(never a traceback), and the officer's own registry is never touched."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECKS = ["program", "modules", "resources", "migrations", "translations", "registry", "sample",
          "import_undo", "pdf", "window", "print_plugin", "printer_backend", "platforms"]


def run_selftest(home: Path, *args: str, json_out: bool = False) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(GOOSETIER_HOME=str(home), PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "goosetier", *args, "selftest"] + (["--json"] * json_out)
    return subprocess.run(command, env=env,
                          capture_output=True, text=True, timeout=300, cwd=ROOT)


def test_every_check_passes_from_source(isolated_home):
    proc = run_selftest(isolated_home, "--lang", "en")
    lines = proc.stdout.strip().splitlines()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert len(lines) == len(CHECKS) + 1  # one line per check, then the summary
    assert all(line.startswith("OK: ") for line in lines[:-1]), proc.stdout
    assert lines[-1] == f"self-test: {len(CHECKS)}/{len(CHECKS)} passed"
    assert proc.stderr == ""


def test_json_names_every_check_and_leaves_the_home_alone(isolated_home):
    proc = run_selftest(isolated_home, json_out=True)
    report = json.loads(proc.stdout)
    assert [c["id"] for c in report["checks"]] == CHECKS
    assert report["ok"] is (proc.returncode == 0)
    # the scratch registry lived in a temporary folder: nothing in the officer's home
    assert not (isolated_home / "registry.sqlite3").exists()
    assert not (isolated_home / "backups").exists() or not any(
        (isolated_home / "backups").iterdir())


def test_a_missing_piece_is_a_fail_line_not_a_crash(monkeypatch, isolated_home):
    from goosetier.commands import selftest

    def broken(_test):
        raise ModuleNotFoundError("No module named 'goosetier.gui.printing'")

    def refused(_test):
        raise selftest.CheckFailed("selftest_missing", what="qtbase_zh_CN.qm")

    checks = dict(selftest.CHECKS)
    checks["pdf"], checks["translations"] = broken, refused
    for qt_check in ("modules", "window", "print_plugin", "printer_backend", "platforms"):
        # covered in a subprocess (test_every_check_passes_from_source)
        del checks[qt_check]
    monkeypatch.setattr(selftest, "CHECKS", list(checks.items()))
    results = {r.id: r for r in selftest.run_checks("en")}
    assert not results["pdf"].ok
    assert results["pdf"].line("en").startswith("FAIL: summary PDF: ModuleNotFoundError")
    assert results["translations"].line("en") == "FAIL: translations: missing: qtbase_zh_CN.qm"
    assert results["registry"].ok and results["import_undo"].ok
    assert os.environ["GOOSETIER_HOME"] == str(isolated_home)  # restored after the scratch run


def test_checks_that_need_the_registry_fail_cleanly_without_it(monkeypatch, isolated_home):
    from goosetier.commands import selftest

    def no_registry(_test):
        raise selftest.CheckFailed("selftest_missing", what="registry")

    checks = [(k, no_registry if k == "registry" else v) for k, v in selftest.CHECKS
              if k in ("registry", "sample", "import_undo")]
    monkeypatch.setattr(selftest, "CHECKS", checks)
    lines = [r.line("en") for r in selftest.run_checks("en")]
    assert lines[1] == "FAIL: sample roster: needs the “scratch registry” check to pass first"
    assert lines[2].startswith("FAIL: import and undo: needs")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_check_has_a_name_in_both_languages(lang):
    from goosetier.core.messages import MESSAGES

    for check in CHECKS:
        assert f"selftest_{check}" in MESSAGES
