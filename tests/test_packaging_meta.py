"""The wheel carries what a non-editable install needs."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_every_subpackage_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
                 ["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "goosetier").rglob("__init__.py")}
    assert found - listed == set()


@pytest.mark.slow
def test_wheel_contains_resources_and_migrations(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("goosetier-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "goosetier/resources/catalog.toml" in names
    assert "goosetier/resources/plans.toml" in names
    assert "goosetier/store/migrations/env.py" in names
    assert "goosetier/store/migrations/versions/0001_initial.py" in names
