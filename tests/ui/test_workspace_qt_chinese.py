"""Qt's own texts (print dialog, standard buttons, text-box menus) come out in Chinese once the
shipped zh_CN catalogs are installed, as the app does at start."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

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
