"""The one place that knows where bundled resources and user data live, frozen or not."""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from pathlib import Path

import platformdirs

from desktop.core.errors import ValidationError

APP_NAME = "wusong"
APP_TITLE = "无讼调解助手"
DB_ENV = "WUSONG_DB"


def resources_dir() -> Path:
    """``resources/`` beside the source tree, or inside a PyInstaller bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def expanded(text: str) -> Path:
    """``text`` as a path with ``~`` read as the home folder; ``~name`` of no such user is
    left as typed (a file of that name here), as a shell leaves it: Path.expanduser raises
    RuntimeError, in English, for it."""
    try:
        return Path(text).expanduser()
    except RuntimeError:
        return Path(text)


#: Characters Windows takes in no file or folder name (its naming rules); Linux takes them.
_WINDOWS_FORBIDDEN = frozenset('<>:"|?*')
#: A Windows path's start that may hold a colon or question mark: C:, \\?\C:, \\.\.
_WINDOWS_ANCHOR = re.compile(r"^(?:[\\/]{2}[?.][\\/])?(?:[A-Za-z]:)?")
#: Names Windows keeps for its devices, whatever the case and extension (NUL.xlsx is the null
#: device on Windows 10: a 台账 “saved” there is gone, and said to be saved).
_WINDOWS_DEVICES = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{port}{n}" for port in ("COM", "LPT") for n in [*"0123456789", "¹", "²", "³"]]
)
#: How a control character is shown back in a sentence (it is invisible or breaks the line).
SHOWN_CONTROL = "□"
#: Whether typed paths follow Windows' naming rules (a test may set it on Linux).
WINDOWS = os.name == "nt"


def path_fault(text: str, *, windows: bool | None = None) -> str | None:
    """What in the typed path ``text`` no file or folder name may hold, in Chinese words
    (“看不见的控制字符”, “字符“?”和“*””), or None when it has nothing such. Control characters
    (NUL, a tab, a line break pasted with the path …) are refused on every system: the operating
    system refuses NUL with Python's English ValueError, Windows all of them, and on Linux
    they make a name nobody can see or type again. ``windows`` (default: ``WINDOWS``): also
    Windows' naming rules after the drive — no <>:"|?*, no device name (NUL, CON, COM1 …,
    with any extension: writing there writes nothing), no name ending in a space or a dot
    (Windows drops them, so the file made is not the one named). Source: Microsoft's “Naming
    Files, Paths, and Namespaces”; a path starting with a backslash pair and ? or . is
    taken as typed there."""
    if any(unicodedata.category(c) == "Cc" for c in text):
        return f"看不见的控制字符（显示为{SHOWN_CONTROL}）"
    try:
        os.fsencode(text)
    except UnicodeError:
        return "无法识别的字符"
    if WINDOWS if windows is None else windows:
        anchor = _WINDOWS_ANCHOR.match(text).end()  # type: ignore[union-attr]
        rest = text[anchor:]
        bad = sorted({c for c in rest if c in _WINDOWS_FORBIDDEN})
        if bad:
            return "字符" + "和".join(f"“{c}”" for c in bad)
        if not text.startswith(("\\\\?\\", "//?/", "\\\\.\\", "//./")):
            return _windows_name_fault(rest)
    return None


def _windows_name_fault(rest: str) -> str | None:
    """The first file or folder name of ``rest`` (a path after its drive) that Windows will
    not make as named, in Chinese words; None when there is none."""
    for name in re.split(r"[\\/]", rest):
        if name in ("", ".", ".."):
            continue
        stem = name.split(".")[0].rstrip(" ").upper()
        if stem in _WINDOWS_DEVICES:
            return f"设备名“{name}”（Windows 把 {stem} 留给设备用，写到那里的内容会不见）"
        if name[-1] in " .":
            end = "空格" if name[-1] == " " else "句点"
            return f"末尾带{end}的名字“{name}”（Windows 会把末尾的{end}去掉）"
    return None


def shown_path(text: str) -> str:
    """``text`` as it can be printed in a sentence: each control character as □."""
    return "".join(SHOWN_CONTROL if unicodedata.category(c) == "Cc" else c for c in text)


def typed_path(text: str, what: str) -> Path:
    """The path a user typed (``what`` names where: “--db”, “环境变量 WUSONG_DB”), ``~`` read
    as :func:`expanded` reads it. Raises ValidationError (one Chinese sentence) when it holds
    a character no file name may hold (:func:`path_fault`)."""
    fault = path_fault(text)
    if fault:
        lead = f"{what} " if what[-1:].isascii() else what  # --db 写的, 台账文件写的
        raise ValidationError(
            f"{lead}写的“{shown_path(text)}”里有{fault}，文件和文件夹的名字里不能有它："
            "请改正这个位置后再试。"
        )
    return expanded(text)


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """``WUSONG_DB`` if set, else ``<user data>/wusong.sqlite``. Raises ValidationError (one
    Chinese sentence) for a ``WUSONG_DB`` holding a character no file name may hold."""
    override = os.environ.get(DB_ENV)
    if override:
        return typed_path(override, f"环境变量 {DB_ENV}")
    return user_data_dir() / "wusong.sqlite"


def data_dir_for(db_path: Path) -> Path:
    """Attachments and generated documents live in a folder beside the database file, so that
    copying the two together moves a committee's whole archive."""
    return db_path.with_name(db_path.stem + "-files")
