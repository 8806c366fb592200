"""UI state kept between sessions (QSettings, ini format, under goosetier.paths.settings_dir()).

Only what belongs to this computer's user lives here: window geometry and layout, the last
folder, recent files, the language and where the registry is. Data every officer shares (the
district name, targets) is in the registry. Tests point GOOSETIER_HOME at a temporary folder, so
they never read or write the developer's settings.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

from goosetier import paths

MAX_RECENT = 8
LANGUAGES = ("zh_CN", "en")


def settings() -> QSettings:
    return QSettings(str(paths.settings_dir() / "goosetier.ini"), QSettings.Format.IniFormat)


def _list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value]


def recent_files() -> list[str]:
    return _list(settings().value("files/recent"))


def add_recent_file(path: str) -> list[str]:
    files = [path] + [f for f in recent_files() if f != path]
    files = files[:MAX_RECENT]
    s = settings()
    s.setValue("files/recent", files)
    s.sync()
    return files


def clear_recent_files() -> None:
    s = settings()
    s.remove("files/recent")
    s.sync()


def last_folder() -> str:
    value = settings().value("files/last_folder", "")
    return str(value) if value else os.path.expanduser("~")


def set_last_folder(folder: str) -> None:
    s = settings()
    s.setValue("files/last_folder", folder)
    s.sync()


def language() -> str:
    """zh_CN unless the user chose English (GOOSETIER_LANG overrides, for scripts and tests)."""
    env = os.environ.get("GOOSETIER_LANG", "")
    if env:
        return "en" if env.startswith("en") else "zh_CN"
    value = str(settings().value("ui/language", "zh_CN"))
    return value if value in LANGUAGES else "zh_CN"


def set_language(lang: str) -> None:
    s = settings()
    s.setValue("ui/language", lang if lang in LANGUAGES else "zh_CN")
    s.sync()


def db_location() -> str:
    """The registry chosen in the settings dialog ("" = the default); read at start-up."""
    return str(settings().value("database/location", "") or "")


def set_db_location(location: str) -> None:
    s = settings()
    s.setValue("database/location", location.strip())
    s.sync()
