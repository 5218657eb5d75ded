"""Start the window: load the bundled fonts, open (or create with demo data) the database."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.errors import MediationError
from desktop.core.paths import APP_TITLE, default_db_path
from desktop.core.store import Store, open_store
from desktop.ui.fonts import load_fonts
from desktop.ui.main_window import MainWindow

logger = logging.getLogger(__name__)
DEMO_CASES = 300


def open_or_create(path: Path) -> Store:
    """Open the committee's database; on a machine with none yet, make one with demo cases so
    the mediator can try everything at once (the first-start wizard replaces this later)."""
    fresh = not path.exists()
    store = open_store(path)
    if fresh and not store.settings.initialised:
        from desktop.core.demo import generate

        generate(store, DEMO_CASES, seed=1)
    return store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wusong-desktop", description=APP_TITLE)
    parser.add_argument("--db", type=Path, default=None, help="案件数据库文件")
    parser.add_argument("--quit-after", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    load_fonts(app)  # type: ignore[arg-type]
    try:
        store = open_or_create(args.db or default_db_path())
    except MediationError as exc:
        QMessageBox.critical(None, APP_TITLE, exc.message)
        return 1
    window = MainWindow(store)
    window.show()
    if args.quit_after:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(args.quit_after, app.quit)
    try:
        return app.exec()
    finally:
        store.close()
