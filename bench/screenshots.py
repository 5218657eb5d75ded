"""Screenshots of every main screen, at normal and large text, for looking at by eye.

QT_QPA_PLATFORM=offscreen python bench/screenshots.py [--out DIR]
(or under Xvfb: xvfb-run -a -s "-screen 0 1366x768x24" python bench/screenshots.py)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

import desktop.ui  # noqa: E402,F401 - applies the PySide6 reference guard first
from desktop.core.demo import generate  # noqa: E402
from desktop.core.models import DONE  # noqa: E402
from desktop.core.store import open_store  # noqa: E402
from desktop.ui.fonts import load_fonts  # noqa: E402
from desktop.ui.prefs import LARGE_POINTS, NORMAL_POINTS  # noqa: E402

TODAY = date(2026, 11, 22)


def shoot(out: Path, points: int, tag: str) -> list[Path]:
    from desktop.ui.first_start import FirstStartDialog
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings_dialog import SettingsDialog

    app = QApplication.instance() or QApplication([])
    load_fonts(app, points)  # type: ignore[arg-type]
    folder = Path(tempfile.mkdtemp())
    saved: list[Path] = []

    def grab(widget, name: str) -> None:  # noqa: ANN001
        widget.resize(1366, 768)
        widget.show()
        for _ in range(5):
            app.processEvents()
        path = out / f"{name}-{tag}.png"
        widget.grab().save(str(path))
        saved.append(path)

    first = FirstStartDialog(folder / "new.sqlite")
    grab(first, "01-first-start")
    first.close()
    store = open_store(folder / "demo.sqlite")
    generate(store, 400, seed=1, until=TODAY)
    window = MainWindow(store, today=lambda: TODAY)
    window.home.refresh()
    grab(window, "02-home")
    window.show_cases()
    window.cases.search_box.setText("王")
    window.cases.apply()
    grab(window, "03-case-list-search")
    window.show_new_case()
    grab(window, "04-new-case")
    open_id = store.db.execute("SELECT id FROM cases WHERE step_now = 'agree' LIMIT 1").fetchone()
    done_id = store.db.execute(
        "SELECT id FROM cases WHERE step_now = ? AND status = '调解成功' LIMIT 1", [DONE]
    ).fetchone()
    for name, row in (("05-workspace-open", open_id), ("06-workspace-closed", done_id)):
        if row:
            window.open_case(row[0])
            grab(window, name)
    settings = SettingsDialog(store, window)
    grab(settings, "07-settings")
    settings.close()
    window.close()
    store.close()
    return saved


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / ".cache" / "screens")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for points, tag in ((NORMAL_POINTS, "normal"), (LARGE_POINTS, "large")):
        for path in shoot(args.out, points, tag):
            print(path)


if __name__ == "__main__":
    main()
