"""``goosetier selftest``: is this installation whole? One line per check, exit 1 on any failure.

Meant for the installed program (the PyInstaller folder, the .deb, the Windows installer), so IT
can check a machine without opening the window; it works the same from a source checkout. Every
check runs in a scratch folder: a throw-away registry in a temporary GOOSETIER_HOME, never the
officer's registry, backups or settings. A check that cannot run (a missing piece, a missing
system library) prints ``FAIL: <check>: <reason>`` instead of a traceback, and the others still
run.

Checks: the program and its version; every module imports (numpy's BLAS loads); shipped
resources; the Alembic migrations (as files); translations (ours and Qt's qtbase_zh_CN); a
scratch registry migrated to head; the sample roster; a generated roster imported and undone;
the summary sheet as a PDF (offscreen); the main window built and shown offscreen; the
print-support plugin; a printer backend (a system printer, or else Qt's PDF printer: a machine
without CUPS or printers still prints to PDF); the Qt platform plugins (with a desktop session,
its plugin must load).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

GENERATED_ROWS = 12


@dataclass
class Check:
    id: str
    ok: bool
    detail: str

    def line(self, lang: str) -> str:
        from goosetier.core.messages import message

        status = "OK" if self.ok else "FAIL"
        return f"{status}: {message('selftest_' + self.id, None, lang)}: {self.detail}"


class CheckFailed(Exception):
    """A check's own verdict (as opposed to an unexpected error inside it)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def _say(lang: str, code: str, **params: object) -> str:
    from goosetier.core.messages import message

    return message(code, params, lang)


# --- the checks --------------------------------------------------------------------------------


class SelfTest:
    def __init__(self, scratch: Path, lang: str, display: tuple[str, ...]) -> None:
        self.scratch = scratch
        self.lang = lang
        # the platform plugins of the desktop session found before the checks went offscreen
        self.display = display
        self.registry = None

    def say(self, code: str, **params: object) -> str:
        return _say(self.lang, code, **params)

    # each check returns its detail text or raises

    def program(self) -> str:
        from goosetier import __version__

        frozen = getattr(sys, "frozen", False)
        where = Path(sys.executable).resolve().parent if frozen else Path(__file__).parents[2]
        return self.say("selftest_program_detail", version=__version__,
                        kind=self.say("selftest_frozen" if frozen else "selftest_source"),
                        where=str(where), python=sys.version.split()[0])

    def modules(self) -> str:
        """Import every GooseTier module and the libraries the window loads: a module a frozen
        build forgot, or a native library it damaged, shows here rather than at a click."""
        import importlib
        import pkgutil

        import goosetier

        names = [m.name for m in pkgutil.walk_packages(goosetier.__path__, "goosetier.")
                 if ".migrations" not in m.name and not m.name.endswith("__main__")]
        for name in names:
            importlib.import_module(name)
        import numpy

        if float(numpy.dot(numpy.ones(64), numpy.ones(64))) != 64.0:  # loads OpenBLAS
            raise CheckFailed("selftest_numpy_wrong")
        for name in ("pyqtgraph", "pyqtgraph.exporters", "xlsxwriter", "python_calamine",
                     "rapidfuzz", "stdnum", "alembic", "sqlalchemy"):
            importlib.import_module(name)
        try:
            importlib.import_module("psycopg")
            postgres = "psycopg"
        except ImportError:
            postgres = "-"
        return self.say("selftest_modules_detail", count=len(names), numpy=numpy.__version__,
                        postgres=postgres)

    def resources(self) -> str:
        from goosetier.core.catalog import load_catalog, resources_dir
        from goosetier.core.plans import load_default_plans

        root = resources_dir()
        catalog = load_catalog()
        plans = load_default_plans()
        icons = sorted(p.name for p in (root / "icons").glob("goosetier*"))
        if not icons:
            raise CheckFailed("selftest_missing", what=str(root / "icons" / "goosetier.*"))
        return self.say("selftest_resources_detail", programs=len(catalog.programs),
                        plans=len(plans), icons=len(icons), where=str(root))

    def migrations(self) -> str:
        from goosetier.store.database import MIGRATIONS, head_revision, known_revisions

        env = MIGRATIONS / "env.py"
        versions = sorted((MIGRATIONS / "versions").glob("*.py"))
        if not env.is_file() or not versions:
            raise CheckFailed("selftest_missing", what=f"{env}, {MIGRATIONS / 'versions'}/*.py")
        revisions = known_revisions()
        return self.say("selftest_migrations_detail", files=len(versions),
                        revisions=len(revisions), head=head_revision())

    def translations(self) -> str:
        from PySide6.QtCore import QLibraryInfo, QTranslator

        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qtbase = QTranslator()
        if not qtbase.load("qtbase_zh_CN", qt_dir):
            raise CheckFailed("selftest_missing", what=str(Path(qt_dir) / "qtbase_zh_CN.qm"))
        from goosetier.gui import i18n

        qm = i18n.compiled_qm("zh_CN")
        ours = QTranslator()
        if qm is not None and ours.load(str(qm)):
            source = qm.name
        elif i18n.ts_file("zh_CN").exists():
            ours = i18n.TsTranslator(i18n.ts_file("zh_CN"))
            source = i18n.ts_file("zh_CN").name
        else:
            raise CheckFailed("selftest_missing", what=str(i18n.ts_file("zh_CN")))
        if ours.isEmpty():
            raise CheckFailed("selftest_empty_translation", what=source)
        return self.say("selftest_translations_detail", ours=source, qt="qtbase_zh_CN.qm")

    def registry_(self) -> str:
        from sqlalchemy import func, select

        from goosetier.store import models as m
        from goosetier.store.database import current_revision, head_revision, open_registry

        self.registry = open_registry(self.scratch / "registry.sqlite3")
        revision = current_revision(self.registry.engine)
        if revision != head_revision():
            raise CheckFailed("selftest_not_at_head", revision=revision, head=head_revision())
        with self.registry.session() as s:
            programs = s.scalar(select(func.count()).select_from(m.Program))
        return self.say("selftest_registry_detail", path=str(self.registry.path),
                        revision=revision, programs=programs)

    def _need_registry(self):
        if self.registry is None:
            raise CheckFailed("selftest_needs", what=self.say("selftest_registry"))
        return self.registry

    def _enterprises(self) -> int:
        from sqlalchemy import func, select

        from goosetier.store import models as m

        with self._need_registry().session() as s:
            return s.scalar(select(func.count()).select_from(m.Enterprise)) or 0

    def sample(self) -> str:
        try:
            from goosetier.importing.model import ImportOptions
            from goosetier.importing.sample import write_sample
            from goosetier.importing.session import run_import
        except ImportError as exc:
            raise CheckFailed("selftest_unavailable", what="goosetier.importing.sample",
                              detail=str(exc)) from exc
        registry = self._need_registry()
        before = self._enterprises()
        path = write_sample(self.scratch / "示例名录.xlsx")
        result, _plan = run_import(registry, path, options=ImportOptions(mark_sample=True))
        added = self._enterprises() - before
        if added <= 0 or added != result.inserted:
            raise CheckFailed("selftest_sample_empty", result=f"inserted={result.inserted}, "
                              f"rejected={result.rejected}, review={result.needs_review}")
        return self.say("selftest_sample_detail", count=added,
                        designations=result.designations_added)

    def import_undo(self) -> str:
        from goosetier.importing.session import run_import
        from goosetier.importing.undo import undo_import

        registry = self._need_registry()
        roster = write_generated_roster(self.scratch / "自检生成名单.xlsx", GENERATED_ROWS)
        before = self._enterprises()
        result, plan = run_import(registry, roster)
        if result.batch_id is None or result.inserted != GENERATED_ROWS:
            issues = "; ".join(i.code for i in plan.issues[:5])
            raise CheckFailed("selftest_import_counts", expected=GENERATED_ROWS,
                              inserted=result.inserted, rejected=result.rejected,
                              review=result.needs_review, issues=issues or "-")
        after = self._enterprises()
        undone = undo_import(registry, result.batch_id)
        restored = self._enterprises()
        if after - before != GENERATED_ROWS or restored != before:
            raise CheckFailed("selftest_undo_counts", before=before, after=after,
                              restored=restored)
        return self.say("selftest_import_detail", rows=GENERATED_ROWS, batch=result.batch_id,
                        removed=undone.removed_enterprises)

    def pdf(self) -> str:
        try:
            from goosetier.gui.printing import export_summary_pdf
        except ImportError as exc:
            raise CheckFailed("selftest_unavailable", what="goosetier.gui.printing",
                              detail=str(exc)) from exc
        out = self.scratch / "summary.pdf"
        pages = export_summary_pdf(self._need_registry(), out)
        with open(out, "rb") as fh:
            if fh.read(5) != b"%PDF-":
                raise CheckFailed("selftest_not_pdf", path=str(out))
        return self.say("selftest_pdf_detail", pages=pages, size=out.stat().st_size)

    def window(self) -> str:
        """The main window, built on the scratch registry offscreen, shown and closed; its
        dashboard tab drawn (pyqtgraph over numpy) and each chart saved as PNG: a module or Qt
        part the bundle left out that the charts need shows here."""
        from goosetier.gui.app_setup import prepare_application
        from goosetier.gui.main_window import MainWindow

        app = prepare_application([sys.argv[0] if sys.argv else "goosetier"])
        win = MainWindow(self._need_registry())
        try:
            win.resize(1280, 800)
            win.show()
            app.processEvents()
            title = win.windowTitle()
            self._charts(app, win)
        finally:
            win.close()
            win.deleteLater()
            app.processEvents()
        return self.say("selftest_window_detail", title=title)

    def _charts(self, app, win) -> None:
        dashboard = win.dashboard
        win.tabs.setCurrentWidget(dashboard)
        for _ in range(5):
            app.processEvents()
        dashboard.refresh()  # drawn on first show; drawn again here so a failure surfaces
        app.processEvents()
        for chart, stem in ((dashboard.progress_chart, "progress"),
                            (dashboard.trend_chart, "trend"),
                            (dashboard.cluster_chart, "clusters")):
            out = self.scratch / f"chart-{stem}.png"
            chart.save_png(str(out), width=600)
            with open(out, "rb") as fh:
                if fh.read(8) != b"\x89PNG\r\n\x1a\n":
                    raise CheckFailed("selftest_missing", what=str(out))
        win.tabs.setCurrentIndex(0)

    def print_plugin(self) -> str:
        _gui_app()
        from PySide6.QtCore import QLibraryInfo, QPluginLoader

        folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "printsupport"
        found = sorted(p for p in folder.glob("*") if p.suffix in (".so", ".dll", ".dylib"))
        if not found:
            if sys.platform == "win32" or sys.platform == "darwin":
                # Qt 6 builds Windows and macOS printing into QtPrintSupport itself.
                return self.say("selftest_print_builtin", printer=_printer_ok())
            raise CheckFailed("selftest_missing", what=str(folder / "*"))
        errors = []
        for plugin in found:
            loader = QPluginLoader(str(plugin))
            if loader.load():
                return self.say("selftest_print_plugin_detail", plugin=plugin.name,
                                printer=_printer_ok())
            errors.append(f"{plugin.name}: {loader.errorString()}")
        raise CheckFailed("selftest_plugin_load", detail="; ".join(errors))

    def printer_backend(self) -> str:
        _gui_app()
        from PySide6.QtPrintSupport import QPrinterInfo

        names = QPrinterInfo.availablePrinterNames()
        if names:
            default = QPrinterInfo.defaultPrinterName() or names[0]
            return self.say("selftest_printers", count=len(names), default=default)
        out = self.scratch / "printer-test.pdf"
        _print_pdf(out)
        if not out.exists() or out.read_bytes()[:5] != b"%PDF-":
            raise CheckFailed("selftest_no_printer", path=str(out))
        return self.say("selftest_pdf_printer", size=out.stat().st_size)

    def platforms(self) -> str:
        app = _gui_app()
        from PySide6.QtCore import QLibraryInfo, QPluginLoader

        folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
        have = sorted(p.name for p in folder.glob("*") if p.suffix in (".so", ".dll", ".dylib"))
        native = {"win32": ("qwindows",), "darwin": ("libqcocoa",)}.get(
            sys.platform, ("libqxcb", "libqwayland"))
        present = [n for n in have if n.split(".")[0] in native]
        if not present:
            raise CheckFailed("selftest_missing", what=str(folder / f"{native[0]}.*"))
        # Where a desktop session runs, the window must be able to open on it: one of the
        # session's plugins must load (X11: xcb; Wayland: wayland, or xcb through XWayland).
        # Loading finds missing system libraries (libxcb-cursor0 and friends) by name.
        session = [n for n in present if n.split(".")[0] in self.display]
        errors = []
        for name in session:
            loader = QPluginLoader(str(folder / name))
            if loader.load():
                return self.say("selftest_platforms_session", plugin=name,
                                plugins=", ".join(have))
            errors.append(f"{name}: {loader.errorString()}")
        if errors or self.display:
            raise CheckFailed("selftest_plugin_load", detail="; ".join(errors) or "-")
        return self.say("selftest_platforms_detail", plugins=", ".join(have),
                        current=app.platformName())

    def close(self) -> None:
        if self.registry is not None:
            self.registry.close()


CHECKS: list[tuple[str, Callable[[SelfTest], str]]] = [
    ("program", SelfTest.program),
    ("modules", SelfTest.modules),
    ("resources", SelfTest.resources),
    ("migrations", SelfTest.migrations),
    ("translations", SelfTest.translations),
    ("registry", SelfTest.registry_),
    ("sample", SelfTest.sample),
    ("import_undo", SelfTest.import_undo),
    ("pdf", SelfTest.pdf),
    ("window", SelfTest.window),
    ("print_plugin", SelfTest.print_plugin),
    ("printer_backend", SelfTest.printer_backend),
    ("platforms", SelfTest.platforms),
]


# --- helpers -----------------------------------------------------------------------------------


def _session_plugins() -> tuple[str, ...]:
    """The platform plugins that could show the window in this session (none when headless)."""
    if os.environ.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal"):
        return ()
    if sys.platform == "win32":
        return ("qwindows",)
    if sys.platform == "darwin":
        return ("libqcocoa",)
    return (("libqxcb",) * bool(os.environ.get("DISPLAY"))
            + ("libqwayland",) * bool(os.environ.get("WAYLAND_DISPLAY")))


def _gui_app():
    from goosetier.gui.printing.fonts import ensure_gui_app

    return ensure_gui_app()


def _printer_ok() -> str:
    """Create a QPrinter: the print-support library and its backend initialise."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    return printer.pageLayout().pageSize().name() or "QPrinter"


def _print_pdf(out: Path) -> None:
    """Print one page through QPrinter's PDF backend (what 'print to file' uses)."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QPainter
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    painter = QPainter()
    if not painter.begin(printer):
        raise CheckFailed("selftest_no_printer", path=str(out))
    painter.drawText(QPointF(100, 100), "GooseTier")
    painter.end()


def write_generated_roster(path: Path, rows: int) -> Path:
    """A small roster workbook: firms that match nothing in the sample (own codes and names)."""
    import xlsxwriter

    from goosetier.core.codes import make_code

    words = ("澜岳", "篁溪", "砺峰", "鹭汀", "蕴川", "霁林", "枫屿", "棠岭", "翊泽", "珩石",
             "沅芷", "砚湖", "岑岚", "渝桐", "昶洲", "黛岩")
    trades = ("精密机械", "新材料", "智能装备", "生物医药", "电子信息", "海洋科技")
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("名单")
    sheet.write_row(0, 0, ["序号", "企业名称", "统一社会信用代码", "所属区市", "称号", "认定年份"])
    for i in range(rows):
        name = f"青岛{words[i % len(words)]}{trades[i % len(trades)]}有限公司"
        code = make_code("91370211", f"Z{i:07d}".replace("Z", "8"))
        sheet.write_row(i + 1, 0, [i + 1, name, code, "黄岛区", "高新技术企业", 2024])
    book.close()
    return path


@contextlib.contextmanager
def scratch_home() -> Iterator[Path]:
    """A temporary GOOSETIER_HOME: backups, logs and caches of the checks land there."""
    saved = {k: os.environ.get(k) for k in ("GOOSETIER_HOME", "GOOSETIER_DB")}
    with tempfile.TemporaryDirectory(prefix="goosetier-selftest-") as tmp:
        os.environ["GOOSETIER_HOME"] = tmp
        os.environ.pop("GOOSETIER_DB", None)
        try:
            yield Path(tmp)
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


@contextlib.contextmanager
def quiet_qt(collected: list[str]) -> Iterator[None]:
    """Collect Qt's warnings (the offscreen platform's "does not support …") instead of
    printing them between the check lines."""
    try:
        from PySide6.QtCore import qInstallMessageHandler
    except ImportError:
        yield
        return
    previous = qInstallMessageHandler(lambda _mode, _context, text: collected.append(text))
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def run_checks(lang: str = "zh", display: tuple[str, ...] = (),
               qt_messages: list[str] | None = None) -> list[Check]:
    results: list[Check] = []
    with scratch_home() as tmp, quiet_qt(qt_messages if qt_messages is not None else []):
        test = SelfTest(tmp, lang, display)
        try:
            for check_id, fn in CHECKS:
                try:
                    results.append(Check(check_id, True, fn(test)))
                except CheckFailed as exc:
                    results.append(Check(check_id, False, _say(lang, exc.code, **exc.params)))
                except Exception as exc:  # noqa: BLE001 - a broken piece is a failed check
                    results.append(Check(check_id, False, _reason(exc, lang)))
        finally:
            test.close()
    return results


def _reason(exc: BaseException, lang: str) -> str:
    code, params = getattr(exc, "code", None), getattr(exc, "params", None)
    if isinstance(code, str) and isinstance(params, dict):
        return _say(lang, code, **params)
    where = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    at = f" ({Path(where[0].filename).name}:{where[0].lineno})" if where else ""
    return f"{type(exc).__name__}: {exc}{at}"


def cmd_selftest(args: argparse.Namespace) -> int:
    lang = args.lang or ("en" if os.environ.get("GOOSETIER_LANG", "").startswith("en") else "zh")
    display = _session_plugins()
    # Everything is drawn offscreen: a broken display plugin must give a FAIL line (the
    # platforms check loads it explicitly), not abort the process the way QApplication does.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    qt_messages: list[str] = []
    results = run_checks(lang, display, qt_messages)
    failed = [r for r in results if not r.ok]
    if args.json:
        print(json.dumps({"ok": not failed, "checks": [r.__dict__ for r in results],
                          "qt_messages": qt_messages}, ensure_ascii=False, indent=2))
    else:
        for r in results:
            print(r.line(lang), flush=True)
        print(_say(lang, "selftest_summary", passed=len(results) - len(failed),
                   total=len(results)))
    return 1 if failed else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("selftest", help="自检：在临时目录中检查本机安装是否完整（每项一行）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_selftest)
