"""Shared fixtures: every test runs in its own GooseTier home, never the developer's."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# a throwaway PostgreSQL server (pg_server / pg_url fixtures) for the shared-registry tests
pytest_plugins = ["tests.pg_server"]


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


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request) -> str:
    """Run a test on both storage backends (PostgreSQL cases skip, visibly, without a server)."""
    return request.param


@pytest.fixture
def any_registry(backend, tmp_path, request):
    """A fresh migrated and seeded registry on `backend`."""
    from goosetier.store.database import open_registry
    from tests.pg_server import registry_url

    reg = open_registry(registry_url(backend, tmp_path, request))
    yield reg
    reg.close()
