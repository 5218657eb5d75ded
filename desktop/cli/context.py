"""Shared CLI plumbing: which database, how errors are shown."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from desktop.core.errors import MediationError
from desktop.core.paths import default_db_path
from desktop.core.store import Store, open_store
from desktop.core.store.signin import act_as

F = TypeVar("F", bound=Callable[..., Any])


class CliState:
    def __init__(self, db: Path | None, actor: str | None = None) -> None:
        self.db_path = Path(db) if db else default_db_path()
        #: ``--as`` / ``WUSONG_USER``; checked against the mediator list when the file opens.
        self.actor = actor

    def open(self, *, readonly: bool = False) -> Store:
        if readonly and not self.db_path.exists():
            raise MediationError(
                f"还没有案件数据库：{self.db_path}。请先运行 wusong init --committee 调委会名称。"
            )
        store = open_store(self.db_path, readonly=readonly)
        try:
            act_as(store, self.actor)
        except BaseException:
            store.close()
            raise
        return store


def fail(message: str, code: int = 1) -> None:
    click.echo(f"错误：{message}", err=True)
    sys.exit(code)


def friendly(func: F) -> F:
    """Turn domain errors into one Chinese line on stderr and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except MediationError as exc:
            fail(exc.message)
        except OSError as exc:
            fail(f"文件操作失败：{exc}")

    return wrapper  # type: ignore[return-value]
