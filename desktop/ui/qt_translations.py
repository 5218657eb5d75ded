"""Qt's own texts in Chinese: the print dialog, file dialogs, standard buttons and the right-click
menu of every text box (撤销/剪切/复制/粘贴) come from Qt, in English unless its Chinese
translations are installed. PySide6 ships them (``qtbase_zh_CN.qm``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop.core.paths import resource
from desktop.core.resources import load_toml

CATALOGS = ("qtbase", "qt")
_KEPT: list[QTranslator] = []


def load_extra_texts(path: Path | None = None) -> dict[str, dict[str, str]]:
    """Qt context -> English source text -> Chinese, from ``path`` (default
    resources/qt/zh_CN_extra.toml). Raises ResourceError naming the file and the key."""
    root = load_toml(path or resource("qt", "zh_CN_extra.toml"))
    return {context: root.text_map(context) for context in root}


class ExtraChinese(QTranslator):
    """The few texts of Qt's own dialogs the shipped catalog leaves in English (the file
    dialog's 查找范围 and 文件类型, the print dialog's 页面范围), from resources/qt."""

    def __init__(self, parent: QApplication) -> None:
        super().__init__(parent)
        self.texts = load_extra_texts()

    def translate(  # noqa: D102 - Qt's virtual
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None, not "": Qt asks the next catalog only when the answer is a null string.
        return self.texts.get(context, {}).get(source)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's virtual
        return False


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
    extra = ExtraChinese(app)
    if app.installTranslator(extra):  # asked first: installed last
        installed.append(extra)
        # Its translate() is Python: the Python object must outlive every dialog, or Qt
        # would call into a collected wrapper and fall back to English.
        _KEPT.append(extra)
    return installed
