"""从证件照片填写 through the real dialogs: a photo of an (invented) ID card fills the party
dialog, the mediator checks and saves, and the photo is kept as the case's attachment when so
chosen; a licence fills a 单位 party of the new-case form; corrections are checked again; a
dialog closed while reading does not take the program down."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import applicant, intake, respondent
from prompt_driver import answer_prompts
from PySide6.QtCore import QSettings
from workspace_driver import answer

from desktop.core.idphoto.specimen import specimen
from desktop.core.store import Store
from desktop.ui import id_photo, prefs
from desktop.ui.camera_dialog import CameraDialog
from desktop.ui.id_photo import IdPhotoButton, IdPhotoDialog
from desktop.ui.new_case_page import NewCasePage
from desktop.ui.workspace.record_panel import RecordDialog

pytestmark = pytest.mark.ui
READ_TIMEOUT_MS = 120_000  # the first reading loads the models; the machine may be busy


@pytest.fixture(autouse=True)
def window_ini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    ini = tmp_path / "window.ini"
    monkeypatch.setattr(prefs, "settings", lambda: QSettings(str(ini), QSettings.Format.IniFormat))
    return ini


def photo_of(tmp_path: Path, index: int) -> Path:
    path = tmp_path / f"证件{index}.jpg"
    path.write_bytes(specimen(index).jpeg)
    return path


def choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    answer_prompts(monkeypatch, path)


def confirm_when_read(qtbot, edits: dict[str, str] | None = None):
    def fill(dialog: IdPhotoDialog) -> None:
        qtbot.waitUntil(lambda: dialog.fill_button.isEnabled(), timeout=READ_TIMEOUT_MS)
        for key, text in (edits or {}).items():
            dialog.edits[key].setText(text)
        dialog.fill()

    return fill


def test_a_party_is_filled_from_an_id_card_photo_and_saved_with_the_photo(
    qtbot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = store.cases.create(intake(), [applicant(), respondent()])
    kind = store.catalog.latest().record_kinds["party"]
    opened = answer(monkeypatch, IdPhotoDialog, confirm_when_read(qtbot))
    truth = specimen(1).truth
    # The photo is chosen, then (the first time only) whether to keep it is asked.
    prompts = answer_prompts(monkeypatch, photo_of(tmp_path, 1), "存入案件附件")

    dialog = RecordDialog(store, case.id, kind, initial={"role": "第三人", "kind": "自然人"})
    qtbot.addWidget(dialog)
    assert dialog.id_photo is not None and dialog.id_photo.button.text() == "从证件照片填写…"
    dialog.id_photo.button.click()
    shown = opened[0]
    assert shown.kind_label.text() == "认出的是：居民身份证"
    assert shown.picture.pixmap() is not None and not shown.picture.pixmap().isNull()
    widgets = dialog.form.widgets
    assert widgets["name"].value() == truth["name"]
    assert widgets["id_number"].value() == truth["id_number"]
    assert widgets["address"].value() == truth["address"]
    assert widgets["birth_date"].value().isoformat() == truth["birth_date"]
    assert "请核对后保存" in dialog.id_photo.note.text()
    assert "存入案件的附件" in prompts.texts[1] and prefs.id_photo_keep() is True
    # Nothing is saved until the mediator presses 保存.
    assert len(store.records.parties(case.id)) == 2

    dialog.ok_button.click()
    saved = store.records.parties(case.id)[-1]
    assert (saved.name, saved.id_number, saved.gender) == (
        truth["name"],
        truth["id_number"],
        truth["gender"],
    )
    attachments = store.files.attachments(case.id)
    assert [a.note for a in attachments] == [f"{truth['name']}的身份证明"]
    assert store.files.attachment_path(attachments[0]).read_bytes() == specimen(1).jpeg

    # The choice was asked once: the next time the remembered answer stands.
    second = RecordDialog(store, case.id, kind, initial={"role": "第三人", "kind": "自然人"})
    qtbot.addWidget(second)
    prompts = answer_prompts(monkeypatch, photo_of(tmp_path, 2))
    assert second.id_photo is not None
    second.id_photo.button.click()
    assert len(prompts.asked) == 1 and opened[1].keep.isChecked()


def test_a_licence_fills_a_company_party_of_the_new_case_form(
    qtbot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prefs.set_id_photo_keep(False)
    answer(monkeypatch, IdPhotoDialog, confirm_when_read(qtbot))
    choose(monkeypatch, photo_of(tmp_path, 3))
    page = NewCasePage(store)
    qtbot.addWidget(page)
    box = page.parties[1]
    box.form.set_values({"id_number": specimen(0).truth["id_number"], "gender": "男"})
    box.id_photo.button.click()
    truth = specimen(3).truth
    values = box.values()
    assert values["kind"] == "单位"
    assert {k: values[k] for k in ("name", "credit_code", "legal_rep", "address")} == truth
    assert "id_number" not in values and "gender" not in values  # a person's, emptied
    assert box.id_photo.photo_to_keep is None
    assert page.has_unsaved_changes()


def test_corrections_are_checked_again_before_filling(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prefs.set_id_photo_keep(False)
    dialog = IdPhotoDialog(photo_of(tmp_path, 0))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.fill_button.isEnabled(), timeout=READ_TIMEOUT_MS)
    number = specimen(0).truth["id_number"]
    wrong = number[:5] + str((int(number[5]) + 1) % 10) + number[6:]
    dialog.edits["id_number"].setText(wrong)
    assert not dialog.fill()
    assert "校验码" in dialog.problems["id_number"].text()
    assert dialog.error.text().startswith("有几项没有通过核对")
    dialog.edits["id_number"].setText(number)
    assert dialog.fill() and dialog.values["id_number"] == number


def test_a_dialog_closed_while_reading_leaves_the_reading_to_finish(qtbot, tmp_path: Path) -> None:
    dialog = IdPhotoDialog(photo_of(tmp_path, 4))
    worker = dialog.worker
    dialog.reject()
    dialog.deleteLater()
    qtbot.waitUntil(lambda: worker.isFinished(), timeout=READ_TIMEOUT_MS)
    qtbot.waitUntil(lambda: worker not in id_photo._orphans, timeout=5000)


def test_without_the_recogniser_the_button_says_why(
    qtbot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(id_photo.engine, "available", lambda: False)
    page = NewCasePage(store)
    qtbot.addWidget(page)
    button: IdPhotoButton = page.parties[0].id_photo
    assert not button.button.isEnabled()
    assert "没有装文字识别部件" in button.note.text()


def camera_video(tmp_path: Path, index: int) -> Path:
    """A short video of a specimen card, read through the same OpenCV capture as a camera."""
    import io

    import cv2
    import numpy as np
    from PIL import Image

    frame = np.array(
        Image.open(io.BytesIO(specimen(index).jpeg)).convert("RGB").resize((1280, 960))
    )
    path = tmp_path / "camera.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 10, (1280, 960))
    for _ in range(3):
        writer.write(frame[:, :, ::-1].copy())
    writer.release()
    return path


def test_a_party_is_filled_from_the_camera_and_the_capture_not_left_behind(
    qtbot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prefs.set_id_photo_keep(False)
    taken: list[Path] = []

    def take(dialog: CameraDialog) -> None:
        qtbot.waitUntil(lambda: dialog.take_button.isEnabled(), timeout=10_000)
        assert dialog.take() and dialog.path is not None
        taken.append(dialog.path)

    answer(monkeypatch, CameraDialog, take)
    answer(monkeypatch, IdPhotoDialog, confirm_when_read(qtbot))
    page = NewCasePage(store)
    qtbot.addWidget(page)
    button = page.parties[0].id_photo
    button.camera_source = str(camera_video(tmp_path, 2))
    button.camera_button.click()
    assert page.parties[0].values()["id_number"] == specimen(2).truth["id_number"]
    assert "摄像头拍的照片" in button.note.text()
    assert taken and not taken[0].exists()  # not kept: the capture is gone at once


def test_no_camera_is_said_in_chinese_and_nothing_can_be_taken(qtbot, tmp_path: Path) -> None:
    dialog = CameraDialog(str(tmp_path / "no-such-camera.avi"))
    qtbot.addWidget(dialog)
    assert not dialog.take_button.isEnabled() and not dialog.take()
    assert "没有找到能用的摄像头" in dialog.error.text()
    dialog.reject()
