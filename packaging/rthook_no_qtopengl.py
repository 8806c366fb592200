# PyInstaller runtime hook: a stand-in for PySide6.QtOpenGL, which the bundle leaves out (9 MB).
#
# pyqtgraph imports PySide6.QtOpenGL at import time (PColorMeshItem, PlotCurveItem,
# Qt/OpenGLHelpers) but touches its classes only when it paints through OpenGL, which GooseTier
# switches off (goosetier.gui.qt: useOpenGL=False). The stand-in lets those imports succeed; any
# use of a QtOpenGL class raises AttributeError naming the module. QtOpenGLWidgets (small) stays:
# pyqtgraph subclasses its QOpenGLWidget at import time and checks isinstance() against it.
import glob
import os
import sys
import types


def _install() -> None:
    here = os.path.join(getattr(sys, "_MEIPASS", ""), "PySide6")
    if glob.glob(os.path.join(here, "QtOpenGL.*")):  # a build that carries it: use it
        return

    class _LeftOut(types.ModuleType):
        def __getattr__(self, name: str):
            if name.startswith("__"):
                raise AttributeError(name)
            raise AttributeError(f"PySide6.QtOpenGL.{name}: QtOpenGL is not in this build "
                                 "(GooseTier draws its charts without OpenGL)")

    sys.modules["PySide6.QtOpenGL"] = _LeftOut("PySide6.QtOpenGL")


_install()
