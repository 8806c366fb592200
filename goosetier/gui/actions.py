"""The window's actions, menus and toolbar, built in one place so texts can be re-translated.

Every action is created once with its shortcut and slot; ``retranslate`` sets the words, so
switching language changes every menu without rebuilding the window.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle

K = QKeySequence.StandardKey


class Actions(QObject):
    def __init__(self, win: QMainWindow) -> None:
        super().__init__(win)
        self.win = win
        style = win.style()

        def make(name: str, slot, shortcut=None, icon=None) -> QAction:
            action = QAction(win)
            action.setObjectName(name)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
            if icon is not None:
                action.setIcon(style.standardIcon(icon)
                               if isinstance(icon, QStyle.StandardPixmap) else QIcon(icon))
            action.triggered.connect(lambda _checked=False: slot())
            win.addAction(action)
            return action

        P = QStyle.StandardPixmap
        self.import_file = make("actionImport", win.open_import, K.Open, P.SP_DialogOpenButton)
        self.import_history = make("actionImportHistory", win.show_import_history)
        self.print_preview = make("actionPrintPreview", win.print_preview, K.Print,
                                  P.SP_FileDialogContentsView)
        self.print_roster = make("actionPrintRoster", win.print_roster)
        self.export_pdf = make("actionExportPdf", win.export_pdf)
        self.settings = make("actionSettings", win.show_settings, K.Preferences)
        self.quit = make("actionQuit", win.close, K.Quit)
        self.undo = win.editor.stack.createUndoAction(win)
        self.undo.setObjectName("actionUndo")
        self.undo.setShortcut(QKeySequence(K.Undo))
        self.undo.setIcon(style.standardIcon(P.SP_ArrowBack))
        self.redo = win.editor.stack.createRedoAction(win)
        self.redo.setObjectName("actionRedo")
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence(K.Redo)])
        self.redo.setIcon(style.standardIcon(P.SP_ArrowForward))
        self.new_enterprise = make("actionNewEnterprise", win.new_enterprise, K.New,
                                   P.SP_FileIcon)
        self.delete = make("actionDelete", win.delete_selected, K.Delete, P.SP_TrashIcon)
        self.find = make("actionFind", win.focus_search, K.Find)
        self.add_designation = make("actionAddDesignation",
                                    lambda: win.detail.add_designation())
        self.registry_tab = make("actionRegistryTab", lambda: win.tabs.setCurrentIndex(0),
                                 "Ctrl+1")
        self.dashboard_tab = make("actionDashboardTab", lambda: win.tabs.setCurrentIndex(1),
                                  "Ctrl+2", P.SP_ComputerIcon)
        self.refresh = make("actionRefresh", win.refresh_all, K.Refresh, P.SP_BrowserReload)
        self.targets = make("actionTargets", win.show_targets, None, P.SP_FileDialogDetailedView)
        self.sample = make("actionSample", win.load_sample)
        self.search_help = make("actionSearchHelp", win.show_search_help)
        self.about = make("actionAbout", win.show_about)
        for a in (self.undo, self.redo):
            win.addAction(a)
        self.menus: dict[str, QMenu] = {}
        bar = win.menuBar()
        for key in ("file", "edit", "view", "registry", "help"):
            self.menus[key] = bar.addMenu("")
        self.recent = QMenu(win)
        self.columns = QMenu(win)
        m = self.menus
        m["file"].addAction(self.import_file)
        m["file"].addMenu(self.recent)
        m["file"].addAction(self.import_history)
        m["file"].addSeparator()
        for a in (self.print_preview, self.print_roster, self.export_pdf):
            m["file"].addAction(a)
        m["file"].addSeparator()
        m["file"].addAction(self.settings)
        m["file"].addSeparator()
        m["file"].addAction(self.quit)
        for a in (self.undo, self.redo, None, self.new_enterprise, self.delete, None, self.find):
            m["edit"].addSeparator() if a is None else m["edit"].addAction(a)
        for a in (self.registry_tab, self.dashboard_tab, None, self.refresh):
            m["view"].addSeparator() if a is None else m["view"].addAction(a)
        m["view"].addMenu(self.columns)
        for a in (self.new_enterprise, self.add_designation, None, self.targets, None,
                  self.sample):
            m["registry"].addSeparator() if a is None else m["registry"].addAction(a)
        m["help"].addAction(self.search_help)
        m["help"].addAction(self.about)
        self.toolbar = win.addToolBar("")
        self.toolbar.setObjectName("mainToolBar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (self.import_file, self.print_preview, None, self.new_enterprise, self.delete,
                  None, self.undo, self.redo, None, self.targets, self.dashboard_tab):
            self.toolbar.addSeparator() if a is None else self.toolbar.addAction(a)

    def retranslate(self) -> None:
        titles = {"file": self.tr("&File"), "edit": self.tr("&Edit"), "view": self.tr("&View"),
                  "registry": self.tr("&Registry"), "help": self.tr("&Help")}
        for key, menu in self.menus.items():
            menu.setTitle(titles[key])
        self.recent.setTitle(self.tr("Recent files"))
        self.columns.setTitle(self.tr("Columns"))
        self.toolbar.setWindowTitle(self.tr("Toolbar"))
        texts = {
            self.import_file: self.tr("&Import roster…"),
            self.import_history: self.tr("Import &history…"),
            self.print_preview: self.tr("Print pre&view…"),
            self.print_roster: self.tr("Print &roster of the current list…"),
            self.export_pdf: self.tr("Export summary as &PDF…"),
            self.settings: self.tr("&Settings…"),
            self.quit: self.tr("&Quit"),
            self.new_enterprise: self.tr("&New enterprise…"),
            self.delete: self.tr("&Delete enterprise"),
            self.find: self.tr("&Find"),
            self.add_designation: self.tr("Add &designation…"),
            self.registry_tab: self.tr("&Registry"),
            self.dashboard_tab: self.tr("&Dashboard"),
            self.refresh: self.tr("Re&fresh"),
            self.targets: self.tr("Plans and &targets…"),
            self.sample: self.tr("Load the &sample roster"),
            self.search_help: self.tr("&Search syntax"),
            self.about: self.tr("&About GooseTier"),
        }
        for action, text in texts.items():
            action.setText(text)
            plain = re.sub(r"\(&\w\)|&", "", text).rstrip("…")  # "导入名单(&I)…" → "导入名单"
            action.setIconText(plain)
            action.setToolTip(plain)
        # Undo/Redo keep QUndoStack's own texts ("撤销 编辑企业"), translated by qtbase_zh_CN
