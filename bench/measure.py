"""Run one child process and measure it: wall time and the child's own peak memory.

Peak memory comes from ``os.wait4``, which returns the resource usage of exactly the child that
was waited for (its ``ru_maxrss``), unlike a before/after difference of
``getrusage(RUSAGE_CHILDREN)`` (a maximum over every child ever waited for, which never goes
down). One trap remains: Linux carries the parent's resident-set high-water mark into a child
started with vfork/posix_spawn (``subprocess`` does), so a child of a 500 MB harness reports at
least 500 MB. Each measured command is therefore started by a tiny wrapper (``python -c
WRAPPER``, importing only os, sys and time, about 9 MB) that spawns it, waits with wait4 and
writes "seconds maxrss status cpu" to a file: the floor is the wrapper's size, not the harness's,
and the wrapper's own start-up is outside the timed span. CPU time (user + system) is kept
too: on a machine shared with other work, wall time swells with the queue for a core while CPU
time hardly moves, so the two together tell noise from a real regression. Output goes to temporary files rather
than pipes so a chatty child cannot block on a full pipe.
"""

from __future__ import annotations

import contextlib
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# ru_maxrss is in kilobytes on Linux, in bytes on macOS.
_RSS_UNIT = 1 if sys.platform == "darwin" else 1024


@dataclass(frozen=True, slots=True)
class Run:
    """One finished child process."""

    argv: tuple[str, ...]
    seconds: float
    peak_rss: int  # bytes
    returncode: int
    stdout: str
    stderr: str
    cpu_seconds: float = 0.0  # user + system time of the child (its children included)

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def last_error_line(self) -> str:
        lines = [ln for ln in self.stderr.splitlines() if ln.strip()]
        return lines[-1].strip() if lines else f"exit status {self.returncode}"


WRAPPER = """\
import os, sys, time
start = time.perf_counter()
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
with open(sys.argv[1], "w") as fh:
    fh.write(f"{seconds!r} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)} "
             f"{usage.ru_utime + usage.ru_stime!r}")
"""


def run_measured(argv: Sequence[str], *, env: Mapping[str, str] | None = None,
                 cwd: str | os.PathLike[str] | None = None, timeout: float = 1800) -> Run:
    """Run `argv` under the wrapper and return its wall time, peak RSS and output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report"
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", WRAPPER, str(report), *argv],
                                stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                env=dict(env) if env is not None else None, cwd=cwd,
                                start_new_session=True)
        # a hung child must not hang the bench: kill the wrapper's whole process group
        killer = threading.Timer(timeout, _kill_group, (proc.pid,))
        killer.start()
        try:
            proc.wait()
        finally:
            killer.cancel()
        outer = time.perf_counter() - start
        try:
            seconds_text, rss_text, code_text, cpu_text = report.read_text().split()
            seconds, peak, code = float(seconds_text), int(rss_text), int(code_text)
            cpu = float(cpu_text)
        except (OSError, ValueError):  # the wrapper itself failed (or was killed)
            seconds, peak, code, cpu = outer, 0, proc.returncode or 1, 0.0
        out.seek(0)
        err.seek(0)
        return Run(tuple(argv), seconds, peak * _RSS_UNIT, code,
                   out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   cpu)


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


@dataclass
class Samples:
    """Repeated measurements of one quantity (seconds or bytes)."""

    values: list[float] = field(default_factory=list)

    def add(self, value: float) -> None:
        self.values.append(value)

    def __bool__(self) -> bool:
        return bool(self.values)

    def __len__(self) -> int:
        return len(self.values)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)
