"""The window's command line answers in Chinese: help, and one sentence for any argument it
cannot read (kind: argparse's own English usage/refusal texts reaching the mediator)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.ui.launch_args import parse

ROOT = Path(__file__).resolve().parents[2]
# ASCII words a Chinese sentence may still carry: the option names and the example path.
ALLOWED = {"wusong", "desktop", "db", "demo", "help", "h", "D", "sqlite"}
TOKENS = st.one_of(
    st.sampled_from(["--db", "--demo", "--help", "-h", "--quit-after", "--d", "-", "--", "-x"]),
    st.sampled_from(["--demo=1", "--db=", "--bogus", "x", "案件库.sqlite", "--数据库"]),
    st.text(min_size=1, max_size=8).filter(lambda t: "\x00" not in t),
)


def _english_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[A-Za-z]+", text) if w not in ALLOWED}


@settings(max_examples=150, deadline=None)
@given(argv=st.lists(TOKENS, max_size=4))
def test_any_arguments_are_read_or_refused_in_one_chinese_sentence(argv: list[str]) -> None:
    out, err = io.StringIO(), io.StringIO()
    try:
        with redirect_stdout(out), redirect_stderr(err):
            args = parse(argv)
    except SystemExit as stop:
        if stop.code == 0:  # -h / --help
            assert out.getvalue().startswith("用法：") and "--demo" in out.getvalue()
            assert not _english_words(out.getvalue())
        else:
            assert stop.code == 2
            sentence = err.getvalue().strip()
            assert sentence and "\n" not in sentence and sentence.endswith("。"), sentence
            # What the mediator typed is quoted back as typed; everything else is Chinese.
            assert not _english_words(re.sub(r"“[^”]*”", "", sentence)), sentence
        return
    assert args.db is None or isinstance(args.db, Path)
    assert isinstance(args.demo, bool)


def test_the_help_and_a_wrong_argument_from_the_real_launcher() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "desktop", "--help"], cwd=ROOT, capture_output=True, text=True
    )
    assert shown.returncode == 0 and shown.stdout.startswith("用法：wusong-desktop")
    wrong = subprocess.run(
        [sys.executable, "-m", "desktop", "--db"], cwd=ROOT, capture_output=True, text=True
    )
    assert wrong.returncode == 2
    assert wrong.stderr.strip() == (
        "启动参数 --db 后面要写案件数据库文件的位置，例如 --db D:\\调解\\案件库.sqlite。"
    )
