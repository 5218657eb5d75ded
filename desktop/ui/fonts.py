"""Load the bundled Chinese fonts into Qt, so the window never depends on system fonts."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop.core.paths import resource

UI_FAMILY = "Noto Sans SC"


def load_fonts(app: QApplication, point_size: int = 12) -> str:
    """Register every bundled TTF and make the UI font the application default."""
    families: list[str] = []
    for path in sorted(resource("fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id == -1:
            raise RuntimeError(f"无法加载字体文件 {path}")
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    family = UI_FAMILY if UI_FAMILY in families else families[0]
    app.setFont(QFont(family, point_size))
    from desktop.ui.style import apply_style

    apply_style(app, point_size)  # check boxes and scroll bars grow with the text
    return family
