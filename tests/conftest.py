"""Shared fixtures: every test runs in its own GooseTier home, never the developer's."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("GOOSETIER_HOME", str(home))
    monkeypatch.delenv("GOOSETIER_DB", raising=False)
    monkeypatch.delenv("GOOSETIER_LANG", raising=False)
    return home


@pytest.fixture
def registry(tmp_path):
    from goosetier.store.database import open_registry

    reg = open_registry(tmp_path / "registry.sqlite3")
    yield reg
    reg.close()


@pytest.fixture
def session(registry):
    with registry.session() as s:
        yield s
