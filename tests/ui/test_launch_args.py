"""The window's command line answers in Chinese: help, and one sentence for any argument it
cannot read (kind: argparse's own English usage/refusal texts reaching the mediator)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.ui.launch_args import parse

ROOT = Path(__file__).resolve().parents[2]
# ASCII words a Chinese sentence may still carry: the option names and the example path.
ALLOWED = {"wusong", "desktop", "db", "demo", "help", "h", "D", "sqlite"}
TOKENS = st.one_of(
    st.sampled_from(["--db", "--demo", "--help", "-h", "--quit-after", "--d", "-", "--", "-x"]),
    st.sampled_from(["--demo=1", "--db=", "--bogus", "x", "案件库.sqlite", "--数据库"]),
    # typed with a Chinese input method: full-width dashes and quotes, an empty path, a folder
    st.sampled_from(["－－db", "——demo", "—h", "--DB", "“案件库.sqlite”", "", " ", "/", "."]),
    # a home folder written as ~: one of a user this machine does not have (~0 crashed)
    st.sampled_from(["~", "~/案件库.sqlite", "~0", "~没有这个人/案件库.sqlite"]),
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
            assert not _english_words(re.sub(r"“.*”", "", sentence)), sentence
        return
    # A path read is a path that can name a file: never empty, never a folder (a folder failed
    # as IsADirectoryError, in English, once the window tried to open it).
    assert args.db is None or (isinstance(args.db, Path) and str(args.db) and not args.db.is_dir())
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


WORDS = st.text(
    alphabet=st.characters(
        whitelist_categories=("Lu", "Ll", "Lo", "Nd"), whitelist_characters="（）()·_&'#％"
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=40, deadline=None)
@given(
    folder=st.lists(WORDS, min_size=2, max_size=3).map(" ".join),
    name=st.lists(WORDS, min_size=1, max_size=2).map(" ".join),
    dashes=st.sampled_from(["--", "－－", "——"]),
    quotes=st.sampled_from([("", ""), ("“", "”"), ('"', '"')]),
)
def test_a_path_split_by_its_spaces_is_read_whole(
    tmp_path_factory, folder: str, name: str, dashes: str, quotes: tuple[str, str]
) -> None:  # noqa: ANN001
    """A shortcut's target ``--db D:\\调解 资料\\案件 库.sqlite`` without quotes reaches the program
    as several words (kind: a path with spaces, Chinese or odd characters cut at each space);
    the words are put back together when they name a file in an existing folder, whatever
    dashes and quotes the input method typed."""
    base = tmp_path_factory.mktemp("launch") / folder
    base.mkdir()
    path = base / f"{name}.sqlite"
    words = f"{quotes[0]}{path}{quotes[1]}".split(" ")
    args = parse([f"{dashes}db", *words, "--demo"])
    assert args.db == path and args.demo


def test_words_after_a_path_that_names_nothing_ask_for_quotes(tmp_path: Path) -> None:
    err = io.StringIO()
    with redirect_stderr(err):
        try:
            parse(["--db", *str(tmp_path / "没有的 文件夹" / "案件库.sqlite").split(" ")])
        except SystemExit as stop:
            assert stop.code == 2
    assert "英文双引号" in err.getvalue() and err.getvalue().count("。") == 1


def test_without_a_console_the_refusal_and_the_help_are_shown_in_a_box(
    qapp, monkeypatch, tmp_path: Path
) -> None:  # noqa: ANN001
    """The packaged window has no console (sys.stderr is None): the sentence went nowhere and
    the app just did not start. It is shown in a box, the exit status kept."""
    from prompt_driver import answer_prompts

    from desktop.ui.app import main

    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setattr(sys, "stdout", None)
    shown = answer_prompts(monkeypatch, "知道了", "知道了", "知道了")
    assert main(["--bogus"]) == 2
    assert main(["--db", str(tmp_path)]) == 2
    assert main(["-h"]) == 0
    assert shown.texts[0].startswith("启动参数“--bogus”看不懂")
    assert "是一个文件夹" in shown.texts[1] and str(tmp_path) in shown.texts[1]
    assert shown.texts[2].startswith("用法：wusong-desktop")


def test_a_folder_given_as_the_case_file_is_refused_by_the_core(tmp_path: Path) -> None:
    """Any opener (the window's 打开 of a file chooser, a restore, the command line) meets
    one Chinese sentence, never IsADirectoryError."""
    from desktop.core.errors import StoreError
    from desktop.core.store import open_store

    try:
        open_store(tmp_path)
    except StoreError as exc:
        assert "是一个文件夹" in exc.message
    else:
        raise AssertionError("a folder was opened as a case file")


@settings(max_examples=30, deadline=None)
@given(user=st.text(alphabet="0123456789abcxyz没有人", min_size=1, max_size=8))
def test_a_home_folder_of_no_such_user_is_left_as_typed(user: str) -> None:
    """``--db ~0`` stopped the window with Python's English RuntimeError (Path.expanduser of
    a user this machine does not have); it is read as typed, as a shell leaves it."""
    typed = f"~{user}9x/案件库.sqlite"  # "9x" keeps the name clear of real users (root, bin …)
    args = parse(["--db", typed])
    assert args.db == Path(typed)


@settings(max_examples=20, deadline=None)
@given(stem=st.text(alphabet="yx案件库~", min_size=300, max_size=400))
def test_a_name_the_system_cannot_look_at_is_refused_in_chinese(stem: str) -> None:
    """A --db name too long or in a folder not to be opened stopped the window with Python's
    English OSError; it is one Chinese sentence."""
    name = stem + ".sqlite"  # longer than any file system allows one name
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as stop, redirect_stdout(out), redirect_stderr(err):
        parse(["--db", name])
    assert stop.value.code == 2
    assert "启动参数 --db" in err.getvalue()
    assert not _english_words(err.getvalue().replace(name, ""))


def test_the_command_line_reads_a_home_folder_as_the_window_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WUSONG_DB=~/x.sqlite made the command line write ./~/x.sqlite in the current folder
    while the window opened the home folder's file: both read ~ as the home folder."""
    from desktop.cli import main

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("WUSONG_DB", "~/案件库.sqlite")
    monkeypatch.chdir(tmp_path / ".." if (tmp_path / "..").is_dir() else tmp_path)
    assert main(["init", "--committee", "星光村人民调解委员会"]) == 0
    assert (tmp_path / "案件库.sqlite").is_file()
    assert parse(["--db", "~/案件库.sqlite"]).db == tmp_path / "案件库.sqlite"
