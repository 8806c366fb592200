"""Where GooseTier keeps its files.

Everything persistent lives under one home folder: platformdirs' user data dir by default,
``GOOSETIER_HOME`` overrides it (tests point it at a temporary folder), and ``--db`` overrides the
registry alone. Standard library and platformdirs only: imported at CLI start-up.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "GOOSETIER_HOME"
ENV_DB = "GOOSETIER_DB"
DB_FILE = "registry.sqlite3"


def home() -> Path:
    override = os.environ.get(ENV_HOME)
    if override:
        path = Path(override).expanduser()
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir("GooseTier", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db() -> str:
    """The registry to open when no --db is given: GOOSETIER_DB, else the home's SQLite file."""
    return os.environ.get(ENV_DB) or str(home() / DB_FILE)


def backups_dir() -> Path:
    path = home() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def logs_dir() -> Path:
    if os.environ.get(ENV_HOME):
        path = home() / "logs"
    else:
        import platformdirs

        path = Path(platformdirs.user_log_dir("GooseTier", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def settings_dir() -> Path:
    """Where the window's QSettings file lives (UI state only; shared data is in the registry)."""
    path = home() / "settings"
    path.mkdir(parents=True, exist_ok=True)
    return path
