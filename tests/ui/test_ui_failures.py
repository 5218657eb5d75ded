"""One way to tell the mediator: any core refusal (MediationError) or disk failure (OSError) of
any action becomes the same Chinese sentence in the red line of the page or dialog (and on the
line beside the field it names), the CLI says the same sentence, and modal questions are
answered through the one prompts seam. Failures are generated and raised where the action
calls the core; the real widgets do the rest."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest
from builders import applicant, intake, respondent, run_to_agreement
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from prompt_driver import answer_prompts

from desktop.cli.main import cli
from desktop.core.errors import (
    CaseClosedError,
    MediationError,
    StoreError,
    ValidationError,
    os_error_message,
)
from desktop.core.store import Store
from desktop.ui.errors import explain
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.workspace.attachments_panel import AttachmentsPanel
from desktop.ui.workspace.documents_panel import DocumentsPanel
from desktop.ui.workspace.record_panel import RecordDialog

pytestmark = pytest.mark.ui

SENTENCE = st.text(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=20
)
NAMES = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\\x00"),
    min_size=1,
    max_size=30,
)
ERRNOS = st.sampled_from(sorted(errno.errorcode)) | st.integers(min_value=-5, max_value=5000)


@st.composite
def os_errors(draw: st.DrawFn) -> OSError:
    name = draw(NAMES)
    if draw(st.booleans()):  # fsutil.atomic_write's temporary name for the file
        name = f".{name}.a1b2c3.part"
    return OSError(draw(ERRNOS), "No space left on device", f"/media/u盘/{name}")


FAILURE = st.one_of(
    SENTENCE.map(lambda s: MediationError(f"{s}，请改正后再试。")),
    SENTENCE.map(lambda s: StoreError(f"{s}，请关闭程序后重新打开。")),
    SENTENCE.map(lambda s: CaseClosedError(f"{s}，本案已办结。")),
    os_errors(),
)


@settings(max_examples=200, deadline=None)
@given(os_errors())
def test_a_disk_failure_is_one_chinese_sentence_naming_the_file(exc: OSError) -> None:
    message = os_error_message(exc)
    name = Path(str(exc.filename)).name
    shown = name[1:-5].rsplit(".", 1)[0] if name.endswith(".part") else name
    assert message.startswith(f"“{shown}”读写失败（") and message.endswith(
        "请换一个文件夹或文件再试。"
    )
    # Never English (the system's strerror); "U 盘" is how mediators say USB stick.
    assert not re.search(r"[A-Za-z]", message.replace(shown, "").replace("U 盘", "")), message
    assert explain(exc) == message


def test_every_action_tells_a_failure_the_same_way(
    store: Store, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:  # noqa: ANN001
    # The same three real widgets meet every generated failure (fewer live widgets per test).
    dialog = SettingsDialog(store)
    case = store.cases.create(intake(), [applicant(), respondent()])
    panel = AttachmentsPanel(store, case.id)
    docs = DocumentsPanel(store, case.id)
    for widget in (dialog, panel, docs):
        qtbot.addWidget(widget)
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"\xff\xd8\xff")

    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
    @given(exc=FAILURE)
    def meet(exc: BaseException) -> None:
        def fail(*_a: object, **_k: object) -> None:
            raise exc

        with monkeypatch.context() as m:
            # 设置 → 添加调解员
            m.setattr(store.settings, "add_mediator", fail)
            dialog.new_mediator.setText("赵调解")
            dialog.add_mediator()
            assert dialog.message.isVisibleTo(dialog) and dialog.message.text() == explain(exc)

            # 附件 → 添加照片: which file, then why
            m.setattr(store.files, "add_attachment", fail)
            answer_prompts(m, [photo])
            panel.choose_files()
            assert panel.error.text() == f"“现场.jpg”没有加进来：{explain(exc)}"

            # 文书 → 生成 (the failure comes back from the worker thread)
            m.setattr("desktop.core.documents.output.build", fail)
            assert docs.act("registration", "generate") is None
            assert docs.error.isVisibleTo(docs) and docs.error.text() == explain(exc)

    meet()


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(message=SENTENCE)
def test_a_refusal_naming_a_field_is_shown_beside_it(
    message: str, store: Store, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    case = store.cases.create(intake(), [applicant(), respondent()])
    kind = store.catalog.latest().record_kinds["party"]
    dialog = RecordDialog(store, case.id, kind, initial={"role": "第三人", "kind": "自然人"})
    qtbot.addWidget(dialog)
    refusal = ValidationError(f"{message}，请改正。", field="phone")

    def refuse(*_a: object, **_k: object) -> None:
        raise refusal

    with monkeypatch.context() as m:
        m.setattr(store.records, "add_party", refuse)
        dialog.form.widgets["name"].set_value("钱阿毛")
        assert not dialog.try_save()
    assert dialog.error.text() == refusal.message
    assert dialog.form.errors.get("phone") == refusal.message


def test_the_cli_and_the_window_word_a_disk_failure_alike(
    store: Store, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    from click.testing import CliRunner

    case_id = run_to_agreement(store)
    case_no = store.cases.get(case_id).case_no
    blocked = tmp_path / "只读"
    blocked.write_text("不是文件夹", encoding="utf-8")  # a file where a folder is needed
    target = blocked / "协议书.pdf"

    panel = DocumentsPanel(store, case_id)
    qtbot.addWidget(panel)
    answer_prompts(monkeypatch, target.with_suffix(".docx"))
    assert panel.act("agreement", "word") is None
    window_says = panel.error.text()
    db = store.path
    assert db is not None
    store.close()
    result = CliRunner().invoke(
        cli, ["--db", str(db), "render", case_no, "协议书", "-o", str(target)]
    )
    assert result.exit_code != 0
    assert result.stderr.strip() == f"错误：{window_says}"
    assert window_says == "“只读”读写失败（那里已有同名的文件），请换一个文件夹或文件再试。"
