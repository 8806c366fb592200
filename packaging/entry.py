"""The frozen program's entry point (PyInstaller runs this script, not ``python -m``).

One script serves both executables of the Windows folder: ``goosetier.exe`` (console, for
scripts) runs the command line; ``GooseTierApp.exe`` (windowed, for the Start menu) opens the
window. On Linux the one ``goosetier`` binary does both: no sub-command opens the window.
"""

from __future__ import annotations

import sys
from pathlib import Path

GUI_EXECUTABLE = "goosetierapp"


def _windowed_main() -> int:
    """A windowed program has no console: sys.stdout/stderr are None, so a one-line error from
    the command line would be lost (or crash on print). Collect it and show it in a box."""
    import io

    from goosetier.cli import gui_main

    captured = io.StringIO()
    sys.stdout = sys.stdout or captured
    sys.stderr = sys.stderr or captured
    status = gui_main()
    text = captured.getvalue().strip()
    if status and text:
        from PySide6.QtWidgets import QApplication, QMessageBox

        app = QApplication.instance() or QApplication(sys.argv)
        QMessageBox.critical(None, "GooseTier", text.removeprefix("goosetier: "))
        del app
    return status


def main() -> int:
    if Path(sys.executable).stem.lower() == GUI_EXECUTABLE:
        return _windowed_main()
    from goosetier.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    raise SystemExit(main())
