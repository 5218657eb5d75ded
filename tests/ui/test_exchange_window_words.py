"""What the window says about the exchange is Chinese only (issue 10; BRIEF: every refusal and
warning one clear Chinese sentence, never English). The core's sentences serve the CLI too and
carry its command in brackets — "（命令行 wusong export --since-package 2）" — which the
导入报送包 dialog showed in its red line and its list (and any dialog showing a core refusal,
e.g. a case number in two committees, "（命令行加 --committee 调委会名称）"). Whatever packages a
county imports, in whatever order, and whatever refusal comes back, the window's text names the
window's own choice and no command, option or program name."""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from builders import FixedClock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from village_packages import numbered_packages

from desktop.core.demo import generate
from desktop.core.errors import AmbiguousCaseError
from desktop.core.exchange import import_packages
from desktop.core.store import open_store
from desktop.ui.errors import error_label, show_failure
from desktop.ui.exchange_dialogs import ImportDialog

pytestmark = pytest.mark.ui

K = 4


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("words")
    clock = FixedClock(datetime(2026, 11, 3, 9, 0, 0))
    return numbered_packages(folder, clock, K, cases=4, seed=3, amount="10")


def _latin(text: str, allowed: set[str]) -> set[str]:
    """Latin words on screen other than the package files' own names."""
    for name in allowed:
        text = text.replace(name, "")
    return set(re.findall(r"[A-Za-z-]{2,}", text))


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    batches=st.lists(
        st.lists(st.sampled_from([str(n) for n in range(1, K + 1)]), min_size=1, max_size=2),
        min_size=1,
        max_size=3,
    )
)
def test_the_import_dialog_tells_gaps_without_a_command(
    made: dict[str, Path],
    qtbot: Any,
    tmp_path_factory: pytest.TempPathFactory,
    batches: list[list[str]],
) -> None:
    county = tmp_path_factory.mktemp("county") / "c.sqlite"
    shutil.copy(made["county"], county)
    files = {made[n].name for n in made}
    got: set[int] = set()
    with open_store(county, now=FixedClock(datetime(2026, 11, 4, 9, 0, 0))) as c:
        for batch in batches:
            dialog = ImportDialog(c)
            qtbot.addWidget(dialog)
            dialog.set_paths([made[n] for n in batch])
            assert dialog.run(), dialog.message.text()
            got |= {int(n) for n in batch}
            shown = "\n".join(
                (dialog.preview_text.toPlainText(), dialog.gaps_text.text(), dialog.message.text())
            )
            assert not _latin(shown, files), shown
            if set(range(1, max(got) + 1)) != got:
                assert "没有导入" in dialog.gaps_text.text()
                assert "导出报送包" in dialog.gaps_text.text()  # the window's choice is named


def test_a_refusal_shown_in_the_window_names_no_command_line_option(
    made: dict[str, Path], qtbot: Any, tmp_path: Path
) -> None:
    """A case number both the county's own file and a village use: the core's refusal names
    the CLI's --committee; the window's red line keeps the sentence, not the option."""
    with open_store(tmp_path / "c.sqlite", now=FixedClock(datetime(2026, 11, 4, 9, 0))) as c:
        c.settings.save_committee(name="县里", level=4, abbr="星调")
        generate(c, 4, seed=3, until=date(2026, 10, 31))
        import_packages(c, [made["1"]])
        number = c.cases.list(limit=1)[0].case_no
        with pytest.raises(AmbiguousCaseError) as refused:
            c.cases.find_by_no(number)
    assert "--committee" in refused.value.message  # the CLI's words, for the CLI
    label = error_label()
    qtbot.addWidget(label)
    show_failure(label, refused.value)
    assert "请指明是哪个调委会的案件" in label.text()
    assert not _latin(label.text(), set()), label.text()
