"""Screenshots of the case workspace at 1366x768: each step, the agreement terms, the documents
panel with a self-check finding, the PDF preview, the photos, the history, the dialogs and a
refused 完成本步, at normal and large text, for looking at by eye.

    python bench/workspace_screenshots.py [--out DIR]
    (or under Xvfb: QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" \
        python bench/workspace_screenshots.py)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as a script from any checkout: this checkout's desktop/ and bench/, not an installed copy.
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QFont, QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from sample_cases import agreed_case, person  # noqa: E402

import desktop.ui  # noqa: E402,F401 - applies the PySide6 reference guard first
from desktop.core.store import Store, open_store  # noqa: E402
from desktop.ui.fonts import load_fonts  # noqa: E402
from desktop.ui.prefs import LARGE_POINTS, NORMAL_POINTS  # noqa: E402
from desktop.ui.qt_translations import install_chinese  # noqa: E402


def settle(app: QApplication, seconds: float = 0.0) -> None:
    end = time.monotonic() + seconds
    app.processEvents()
    while time.monotonic() < end:  # the PDF view renders pages in the background
        time.sleep(0.05)
        app.processEvents()


def demo_store(folder: Path) -> tuple[Store, int]:
    store = open_store(
        folder / "workspace.sqlite", now=lambda: datetime(2026, 3, 2, 9), actor="王调解"
    )
    store.settings.save_committee(
        name="星光村人民调解委员会", level=2, region="浙江省平湖市新埭镇", abbr="星调"
    )
    store.settings.add_mediator("王调解", "13812345678", full_time=True)
    case_id = agreed_case(store)
    for i, colour in enumerate(("darkgreen", "steelblue"), start=1):
        image = QImage(800, 600, QImage.Format.Format_RGB32)
        image.fill(QColor(colour))
        painter = QPainter(image)
        painter.setFont(QFont("Noto Sans SC", 60))
        painter.setPen(QColor("white"))
        painter.drawText(100, 300, f"现场照片{i}")
        painter.end()
        photo = folder / f"现场照片{i}.jpg"
        image.save(str(photo))
        store.files.add_attachment(case_id, photo)
    return store, case_id


def shoot(out: Path, points: int, tag: str) -> list[Path]:
    from desktop.ui.workspace import CaseWorkspace
    from desktop.ui.workspace.flow_dialogs import EscalateDialog, ExtendDialog, TerminateDialog

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([])
    load_fonts(app, points)
    install_chinese(app)
    store, case_id = demo_store(Path(tempfile.mkdtemp()))
    saved: list[Path] = []

    def grab(widget: QWidget, name: str, wait: float = 0.0) -> None:
        settle(app, wait)
        path = out / f"ws-{name}-{tag}.png"
        widget.grab().save(str(path))
        saved.append(path)

    ws = CaseWorkspace(store, case_id)
    ws.resize(1366, 768)
    ws.show()
    for step in ws.spec.steps:
        ws.show_step(step.id)
        grab(ws, f"step{step.number}-{step.id}")
    ws.show_step("agree")
    form = ws.current_form()
    ws.scrolls["agree"].ensureWidgetVisible(form.panels["term"].add_button)
    grab(ws, "agreement-terms")
    for name, page in (
        ("documents", ws.documents),
        ("photos", ws.attachments),
        ("history", ws.timeline),
    ):
        ws.tabs.setCurrentWidget(page)
        grab(ws, name, 0.2)
    ws.tabs.setCurrentWidget(ws.documents)
    ws.documents.act("agreement", "preview")
    grab(ws.documents.last_preview, "agreement-preview", 1.0)
    ws.documents.last_preview.close()
    terms = form.panels["term"]
    term_dialog = terms.dialog(terms.items[0])
    term_dialog.show()
    grab(term_dialog, "term-dialog")
    for cls in (EscalateDialog, TerminateDialog, ExtendDialog):
        dialog = cls(store, store.cases.get(case_id))
        dialog.show()
        grab(dialog, cls.__name__)
        dialog.close()

    fresh = store.cases.create(
        {
            "accepted_on": "2026-03-02",
            "category": "10",
            "source": "当事人申请",
            "title": "王某与某建筑公司拖欠工资纠纷",
        },
        [person("申请人", "张建国", "330482199001011232")],
    )
    refused = CaseWorkspace(store, fresh.id)
    refused.resize(1366, 768)
    refused.show()
    refused.current_form().complete_button.click()
    grab(refused, "refused-top")
    refused.scrolls["accept"].ensureWidgetVisible(refused.current_form().complete_button)
    grab(refused, "refused-bottom")
    store.close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--out", type=Path, default=Path(tempfile.gettempdir()) / "wusong-workspace-shots"
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for points, tag in ((NORMAL_POINTS, "normal"), (LARGE_POINTS, "large")):
        for path in shoot(args.out, points, tag):
            print(path)


if __name__ == "__main__":
    main()
