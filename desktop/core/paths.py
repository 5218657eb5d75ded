"""The one place that knows where bundled resources and user data live, frozen or not."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

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


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """``WUSONG_DB`` if set, else ``<user data>/wusong.sqlite``."""
    override = os.environ.get(DB_ENV)
    if override:
        return expanded(override)
    return user_data_dir() / "wusong.sqlite"


def data_dir_for(db_path: Path) -> Path:
    """Attachments and generated documents live in a folder beside the database file, so that
    copying the two together moves a committee's whole archive."""
    return db_path.with_name(db_path.stem + "-files")
