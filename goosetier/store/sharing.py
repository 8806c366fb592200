"""Sharing one registry: network-share detection, busy retries, passwords kept out of settings.

Network shares. An SQLite file on a network share (a UNC path ``\\\\server\\share\\…``, a mapped
drive Windows reports as DRIVE_REMOTE, an NFS/CIFS/SMB/… mount in Linux's /proc/mounts) is
at risk when two PCs write it: file locking over the network is unreliable and SQLite's WAL
cannot work there at all. `network_share_kind(path)` says which kind of share a path is on;
`registry_warnings(registry)` returns message codes for the window and `goosetier check`
(advice: use the shared PostgreSQL server instead).

Busy. Two programs on one SQLite file take turns: a writer waits up to the busy timeout, then
SQLite reports "database is locked". `with_retry(work, on_busy=…)` runs a whole unit of work
again after a short pause, calling `on_busy(attempt, error)` first so the window can show
台账正忙，正在重试… (code ``db_busy_retrying``); PostgreSQL deadlocks and serialization failures
are retried the same way, and so is opening a file another program is writing
(`with_retry(lambda: open_registry(path), on_busy=…)`). After the last attempt it raises
RegistryError("db_busy").

Passwords. The window's settings store a server URL *without* its password (`strip_password`).
The password comes from libpq's password file (`pgpass_path()`: ~/.pgpass, on Windows
%APPDATA%\\postgresql\\pgpass.conf, or PGPASSFILE) or a service file (PGSERVICEFILE,
``postgresql+psycopg:///?service=goosetier``); when neither has it, the window asks once per
session and keeps it in memory only (`with_password`).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, OperationalError

if TYPE_CHECKING:
    from goosetier.store.database import Registry

T = TypeVar("T")

# file systems whose locking SQLite cannot trust (Linux /proc/mounts names)
NETWORK_FS = {
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "coda", "9p",
    "ceph", "glusterfs", "lustre", "gpfs", "davfs", "fuse.sshfs", "fuse.davfs2",
    "fuse.glusterfs", "fuse.cephfs", "fuse.rclone", "fuse.s3fs", "fuse.gvfsd-fuse",
}
DRIVE_REMOTE = 4  # GetDriveTypeW

# PostgreSQL: serialization_failure, deadlock_detected, lock_not_available
RETRY_SQLSTATES = {"40001", "40P01", "55P03"}
SQLITE_BUSY_TEXT = ("database is locked", "database is busy", "database table is locked")


# --- network shares ----------------------------------------------------------------------------


def _unescape_mount(field: str) -> str:
    """/proc/mounts writes spaces and the like as octal escapes (\\040)."""
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and field[i + 1:i + 4].isdigit() and len(field) >= i + 4:
            out.append(chr(int(field[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def _linux_fs_type(path: Path, mounts_text: str) -> str | None:
    """The file system type of the mount holding `path` (longest mount point that is a prefix)."""
    best, best_type = "", None
    target = str(path)
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point, fstype = _unescape_mount(parts[1]), parts[2]
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, fstype
    return best_type


def _windows_drive_remote(path: str) -> bool:  # pragma: no cover - needs Windows
    import ctypes

    drive = os.path.splitdrive(path)[0]
    if not drive:
        return False
    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE


def network_share_kind(path: str | os.PathLike[str], *, platform: str | None = None,
                       mounts_text: str | None = None) -> str | None:
    """"unc", "mapped_drive" or the Linux file system type (nfs, cifs …) when `path` is on a
    network share, else None. `platform` and `mounts_text` are for tests."""
    platform = platform or sys.platform
    raw = os.fspath(path)
    if raw.startswith(("\\\\", "//")) and not raw.startswith(("\\\\?\\", "\\\\.\\")):
        return "unc"
    if raw.startswith("\\\\?\\UNC\\"):
        return "unc"
    if platform == "win32":
        return "mapped_drive" if _windows_drive_remote(raw) else None
    if platform.startswith("linux"):
        if mounts_text is None:
            try:
                mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
            except OSError:
                return None
        fstype = _linux_fs_type(Path(raw).resolve(), mounts_text)
        if fstype and (fstype in NETWORK_FS or fstype.split(".")[0] in NETWORK_FS):
            return fstype
    return None


def registry_warnings(registry: Registry) -> list[str]:
    """Message codes (goosetier.core.messages_share) the window shows once after opening."""
    codes: list[str] = []
    if registry.is_sqlite and registry.path is not None:
        if network_share_kind(registry.path):
            codes.append("db_on_network_share")
    elif url_has_password(registry.url):
        codes.append("db_password_in_url")
    return codes


def warning_params(registry: Registry) -> dict[str, object]:
    """Parameters for the messages of `registry_warnings`."""
    kind = network_share_kind(registry.path) if registry.path is not None else None
    return {"path": str(registry.path) if registry.path else strip_password(registry.url),
            "kind": kind or "", "pgpass": str(pgpass_path())}


# --- busy, retrying ----------------------------------------------------------------------------


def is_busy_error(exc: BaseException) -> bool:
    """A failure that goes away if the same work runs again a moment later (including opening
    a registry another program is writing: RegistryError "db_locked")."""
    if getattr(exc, "code", None) == "db_locked" and hasattr(exc, "params"):
        return True
    if isinstance(exc, OperationalError) and any(
            t in str(getattr(exc, "orig", exc)).lower() for t in SQLITE_BUSY_TEXT):
        return True
    if isinstance(exc, DBAPIError):
        sqlstate = getattr(getattr(exc, "orig", None), "sqlstate", None)
        return sqlstate in RETRY_SQLSTATES
    return False


def with_retry(work: Callable[[], T], *, attempts: int = 8, delay: float = 0.1,
               max_delay: float = 2.0,
               on_busy: Callable[[int, BaseException], None] | None = None,
               sleep: Callable[[float], None] = time.sleep) -> T:
    """Run `work()` (a whole transaction: it must open or roll back its own session) and run it
    again while the registry is busy. `on_busy(attempt, error)` is called before each pause."""
    from goosetier.store.database import RegistryError

    wait = delay
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except (DBAPIError, RegistryError) as exc:
            if not is_busy_error(exc):
                raise
            if attempt == attempts:
                raise RegistryError("db_busy", attempts=attempts,
                                    detail=str(getattr(exc, "orig", exc)).splitlines()[0]) \
                    from exc
            if on_busy is not None:
                on_busy(attempt, exc)
            sleep(wait)
            wait = min(max_delay, wait * 2)
    raise AssertionError("unreachable")  # pragma: no cover


# --- passwords ---------------------------------------------------------------------------------


def url_has_password(url: str) -> bool:
    try:
        return bool(make_url(url).password)
    except Exception:
        return False


def strip_password(url: str) -> str:
    """The URL to keep in settings: everything but the password."""
    try:
        parsed = make_url(url)
    except Exception:
        return url
    if not parsed.password:
        return url
    bare = URL.create(parsed.drivername, parsed.username, None, parsed.host, parsed.port,
                      parsed.database, parsed.query)
    return bare.render_as_string(hide_password=False)


def with_password(url: str, password: str | None) -> str:
    """The URL to connect with for this session (never stored)."""
    if not password:
        return url
    return make_url(url).set(password=password).render_as_string(hide_password=False)


def pgpass_path() -> Path:
    """Where libpq looks for saved passwords on this machine."""
    override = os.environ.get("PGPASSFILE")
    if override:
        return Path(override)
    if sys.platform == "win32":  # pragma: no cover - Windows
        return Path(os.environ.get("APPDATA", "~")).expanduser() / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"
