"""Screenshots of the 当场调解 short path at 1366x768, normal and large text, for looking at by
eye: a walk-in case at step 1 with the 当场调解 button, the 当场调解 form filled in, the case at
回访归档 after saving, and the 文书打印 tab listing the 口头协议登记表.

    Xvfb :53 -screen 0 1366x768x24 &  DISPLAY=:53 openbox &
    DISPLAY=:53 QT_QPA_PLATFORM=xcb python bench/onsite_screenshots.py --out DIR

Under a real X display the whole screen is taken with ImageMagick's ``import -window root`` (the
window manager's frame included); offscreen, each window is grabbed by Qt.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

import desktop.ui  # noqa: E402,F401 - applies the PySide6 reference guard first
from desktop.core.store import open_store  # noqa: E402
from desktop.ui.fonts import load_fonts  # noqa: E402
from desktop.ui.prefs import LARGE_POINTS, NORMAL_POINTS  # noqa: E402
from desktop.ui.qt_translations import install_chinese  # noqa: E402

PARTIES = [
    {"role": "申请人", "kind": "自然人", "name": "张建国", "phone": "13900001111"},
    {"role": "被申请人", "kind": "自然人", "name": "李秀英", "phone": "13900002222"},
]
INTAKE = {
    "accepted_on": "2026-03-02",
    "source": "网格排查",
    "category": "02",
    "facts": "李秀英的车停在张建国家门口，挡住出入。",
    "requests": "请求挪车。",
    "mediator": 1,
    "not_reserved": True,
    "not_pending": True,
    "no_refusal": True,
    "rights_notified": True,
}
ANSWERS = {
    "place": "村口",
    "findings": "李秀英的车停在张建国家门口，挡住出入；双方当场查看属实。",
    "result": "李秀英当场把车挪走，以后不在张家门口停车。",
    "obligor": "李秀英",
    "manner": "当场履行",
    "risk_flags": ("无明显激化风险",),
}


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    app.processEvents()
    while time.monotonic() < end:
        time.sleep(0.05)
        app.processEvents()


def shoot(app: QApplication, widget: QWidget, path: Path) -> None:
    settle(app, 0.6)
    if os.environ.get("QT_QPA_PLATFORM") == "xcb" and shutil.which("import"):
        subprocess.run(["import", "-window", "root", str(path)], check=True)
    else:
        widget.grab().save(str(path))
    print(path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("onsite-screens"))
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    install_chinese(app)
    from desktop.ui.main_window import MainWindow
    from desktop.ui.workspace.onsite_dialog import OnsiteDialog

    for points, size in ((NORMAL_POINTS, "normal"), (LARGE_POINTS, "large")):
        load_fonts(app, points)
        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(
                Path(tmp) / "onsite.sqlite", now=lambda: datetime(2026, 3, 2, 9), actor="王调解"
            )
            store.settings.save_committee(
                name="星光村人民调解委员会", level=2, region="浙江省平湖市新埭镇", abbr="星调"
            )
            store.settings.add_mediator("王调解", "13812345678", full_time=True)
            case_id = store.cases.create(INTAKE, PARTIES, level=1).id
            window = MainWindow(store)
            window.resize(1366, 688)
            window.show()
            window.open_case(case_id)
            ws = window.workspace
            assert ws is not None
            shoot(app, window, out / f"onsite-1-offered-{size}.png")
            spec = store.catalog.latest()
            assert spec.onsite is not None
            dialog = OnsiteDialog(store, case_id, spec.onsite, window)
            for fid, value in ANSWERS.items():
                dialog.form.widgets[fid].set_value(value)
            dialog.show()
            shoot(app, dialog, out / f"onsite-2-form-{size}.png")
            dialog.form.widgets["manner"].set_value("约定期限内履行")
            dialog.form.apply_conditions()
            shoot(app, dialog, out / f"onsite-3-form-deadline-{size}.png")
            dialog.form.widgets["manner"].set_value("当场履行")
            dialog.form.apply_conditions()
            dialog.ok_button.click()
            settle(app)
            ws.current_form().settled_on_spot.emit()
            shoot(app, window, out / f"onsite-4-after-{size}.png")
            ws.tabs.setCurrentWidget(ws.documents)
            shoot(app, window, out / f"onsite-5-documents-{size}.png")
            window.close()
            store.close()


if __name__ == "__main__":
    main()
