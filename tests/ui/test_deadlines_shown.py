"""Deadlines are all visible (issue 13, failure 4): the case's 期限 column lists every open
item with a count, 今日 looks as far ahead as 设置 says (30 days by default, so a return visit
due in 26 days is there), and an instalment line says who pays whom how much."""

from __future__ import annotations

import re
from datetime import date

import pytest
from builders import run_to_agreement
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QPushButton

from desktop.core.store import Store, open_store
from desktop.core.term_naming import without_ordinal
from desktop.ui.home_page import HomePage
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.workspace import CaseWorkspace

pytestmark = pytest.mark.ui

TODAY = date(2026, 3, 2)


def texts(home: HomePage) -> list[str]:
    return [home.items.item(i).text() for i in range(home.items.count())]


def test_case_column_lists_every_deadline(qtbot, store: Store) -> None:  # noqa: ANN001
    case_id = run_to_agreement(store)  # three terms, a return visit, a 司法确认 window
    ws = CaseWorkspace(store, case_id)
    qtbot.addWidget(ws)
    ws.show()
    text = ws.deadlines.text()
    assert "共 5 项" in text
    assert "应履行：李秀英在围墙底部开排水口" in text  # the term's words, not "第3项"
    assert "第3项" not in text
    assert "应进行回访" in text and "司法确认" in text
    assert "李秀英付给张建国 1,200.00元" in text  # payer, payee, amount


def test_today_looks_as_far_ahead_as_settings_say(qtbot, store: Store) -> None:  # noqa: ANN001
    run_to_agreement(store)
    home = HomePage(store, lambda: TODAY)
    qtbot.addWidget(home)
    assert any("应进行回访" in t and "还有 26 天" in t for t in texts(home))  # default 30 days
    assert any("付给" in t and "元" in t for t in texts(home))
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.horizon.selectAll()
    qtbot.keyClicks(dialog.horizon.lineEdit(), "10")
    save = next(b for b in dialog.findChildren(QPushButton) if b.text() == "保存")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert store.settings.committee().horizon_days == 10
    home.refresh()
    assert not any("应进行回访" in t for t in texts(home))
    assert "10 天" in home.summary.text()


#: How agreements number their terms at the start of the text.
ORDINALS = st.sampled_from(
    ["第{n}项：", "第{n}条、", "{cn}、", "（{n}）", "{n}. ", "第{cn}项 ", ""]
)
WORDS = st.text(alphabet="李秀英张建国拆除围墙赔偿修复排水沟归还借款", min_size=2, max_size=24)
CN = "一二三四五六七八九"


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    terms=st.lists(
        st.tuples(ORDINALS, st.none() | WORDS, st.sampled_from([None, "500", "1200"])),
        min_size=2,
        max_size=5,
    ),
    shared=WORDS,
)
def test_each_term_line_says_which_term_it_is(
    qtbot,  # noqa: ANN001
    tmp_path_factory: pytest.TempPathFactory,
    terms: list[tuple[str, str | None, str | None]],
    shared: str,
) -> None:
    """Terms written with their own numbers (第3项：, 三、, （3）…), the same words or the same
    amount twice (instalments): each line of the 期限 column names its term by its words (or
    who pays whom how much), the lines differ, and none is a bare ordinal; the 期限 column
    repeated "第3项" for several terms."""
    store = open_store(tmp_path_factory.mktemp("d") / "c.sqlite", actor="王调解")
    store.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
    store.settings.add_mediator("王调解", "13812345678", full_time=True)
    values = [
        {
            # No words of its own: the words another term has too (an instalment).
            "content": ordinal.format(n=i, cn=CN[i - 1]) + (shared if words is None else words),
            "obligor": "李秀英",
            "amount": amount,
            "manner": "现金",
            "place": "村调解室",
            "deadline": f"2026-03-{10 + i}",
        }
        for i, (ordinal, words, amount) in enumerate(terms, start=1)
    ]
    case_id = run_to_agreement(store, values)
    ws = CaseWorkspace(store, case_id)
    qtbot.addWidget(ws)
    ws.show()
    shown = QTextDocumentFragment.fromHtml(ws.deadlines.text()).toPlainText().splitlines()
    # After the heading: each item's name, then its date.
    others = ("调解期限", "回访", "司法确认")
    lines = [line for line in shown[1::2] if not any(word in line for word in others)]
    assert len(lines) == len(values)
    assert len(set(lines)) == len(lines), lines
    for line, term in zip(lines, values, strict=True):
        said = line.removeprefix("应履行：")
        assert not re.match(r"第?\s*[0-9一二三四五六七八九]+\s*[项条、.）)]", said), line
        words = without_ordinal(str(term["content"]))[:4]
        assert ("付给" in said and "元" in said) if term["amount"] else words in said, line
    ws.close()
    store.close()
