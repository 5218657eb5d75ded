"""Qt's own texts in Chinese: the print dialog, file dialogs, standard buttons and the right-click
menu of every text box (撤销/剪切/复制/粘贴) come from Qt, in English unless its Chinese
translations are installed. PySide6 ships them (``qtbase_zh_CN.qm``)."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

CATALOGS = ("qtbase", "qt")


def install_chinese(app: QApplication) -> list[QTranslator]:
    """Install Qt's zh_CN catalogs; returns the installed translators (kept alive on the app).
    A missing catalog is skipped: the window still works, with those texts in English."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    installed: list[QTranslator] = []
    for name in CATALOGS:
        translator = QTranslator(app)  # parented: lives as long as the application
        if translator.load(locale, name, "_", folder) and app.installTranslator(translator):
            installed.append(translator)
    return installed
