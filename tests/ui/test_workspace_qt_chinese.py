"""Qt's own texts (print dialog, standard buttons, text-box menus) come out in Chinese once the
shipped zh_CN catalogs are installed, as the app does at start."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from desktop.ui.qt_translations import install_chinese

pytestmark = pytest.mark.ui


def buttons() -> list[str]:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    return sorted(b.text().replace("&", "") for b in box.buttons())


def test_standard_texts_turn_chinese(qapp: QApplication) -> None:
    installed = install_chinese(qapp)
    try:
        assert installed, "PySide6 should ship qtbase_zh_CN.qm"
        assert buttons() == ["取消", "确定"]
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def qt_dialog_texts(dialog) -> list[str]:  # noqa: ANN001
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabWidget, QWidget

    texts = [dialog.windowTitle()]
    for w in dialog.findChildren(QWidget):
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
    return texts


def test_qt_print_and_file_dialogs_have_no_english(qapp: QApplication) -> None:
    """Page Set:, Look in:, Files of type: were English although the catalog was installed:
    the shipped catalog lacks them, so resources/qt supplies them. Every label, button, group
    and tab of Qt's print dialog (with its options open) and of its own file dialogs (open and
    save) is walked."""
    import re

    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QAbstractButton, QFileDialog

    installed = install_chinese(qapp)
    try:
        printer = QPrinter()
        dialogs: list[QDialog] = [QPrintDialog(printer)]
        for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
            fd = QFileDialog(None, "保存")
            fd.setOption(QFileDialog.Option.DontUseNativeDialog, True)
            fd.setAcceptMode(mode)
            fd.setNameFilter("Word 文档 (*.docx)")
            dialogs.append(fd)
        for dialog in dialogs:
            dialog.show()
            for button in dialog.findChildren(QAbstractButton):
                if button.text().replace("&", "") in ("选项 >>", "选项(&O) >>", "选项 >>"):
                    button.click()  # the print dialog's options part
            qapp.processEvents()
            for text in qt_dialog_texts(dialog):
                words = set(re.findall(r"[A-Za-z]{2,}", text.replace("&", "")))
                assert not words - {"PDF", "Word", "docx"}, text
            dialog.close()
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
