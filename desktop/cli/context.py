"""Shared CLI plumbing: which database, how errors are shown."""

from __future__ import annotations

import functools
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from desktop.core.errors import MediationError, os_error_message
from desktop.core.paths import default_db_path
from desktop.core.store import Store, open_store, upgrade
from desktop.core.store.database import translate
from desktop.core.store.keyfile import PasswordNeededError
from desktop.core.store.signin import act_as, cli_person

F = TypeVar("F", bound=Callable[..., Any])

#: The case files this process opened, newest last: the last-resort sentences name the file
#: a command was working on, never just "案件库" (nor the case file when none was opened).
OPENED: list[Path] = []


class CliState:
    def __init__(self, db: Path | None, actor: str | None = None) -> None:
        self.db_path = Path(db) if db else default_db_path()
        #: ``--as`` / ``WUSONG_USER``; checked against the mediator list when the file opens.
        self.actor = actor
        self._password: str | None = None

    def password(self) -> str:
        """The committee password: ``WUSONG_PASSWORD``, else asked once without echo. Never
        an option: a command line is visible to other users and kept in shell history."""
        if self._password is None:
            self._password = secret("WUSONG_PASSWORD", "案件库密码")
        return self._password

    def open(self, *, readonly: bool = False, older_ok: bool = False) -> Store:
        """The committee's Store. A read-only open never upgrades, so a file of an earlier
        release (its tables lack what this release reads) is refused with the way out, unless
        ``older_ok`` (``check`` reports the pending upgrades itself)."""
        if self.actor is not None:
            cli_person(self.actor)  # refused before the file is touched
        if readonly and not self.db_path.exists():
            raise MediationError(
                f"还没有案件数据库：{self.db_path}。请先运行 wusong init --committee 调委会名称。"
            )
        OPENED.append(self.db_path)
        try:
            store = open_store(self.db_path, readonly=readonly)
        except PasswordNeededError:
            store = open_store(self.db_path, readonly=readonly, password=self.password())
        if readonly and not older_ok and upgrade.pending(store.db):
            store.close()
            raise MediationError(
                f"{self.db_path.name} 是旧版本程序建的，要先升级一次才能查看：请在窗口里打开它"
                "（升级前会自动备份）；文件现在没有改动。"
            )
        for notice in store.notices:  # a stray journal set aside, a wrong clock
            click.echo(f"注意：{notice}", err=True)
        try:
            act_as(store, self.actor)
        except BaseException:
            store.close()
            raise
        return store


def secret(env: str, prompt: str, *, confirm: bool = False) -> str:
    """A secret from the environment variable ``env``, else typed at a hidden prompt (twice
    when ``confirm``). Raises MediationError when there is no way to ask."""
    value = os.environ.get(env)
    if value:
        return value
    try:
        typed = _ask(prompt)
        if confirm and _ask(f"再输入一次{prompt}") != typed:
            raise MediationError(f"两次输入的{prompt}不一样，什么也没有改。请重新运行这条命令。")
    except (click.Abort, EOFError):
        raise MediationError(
            f"需要{prompt}：请在终端里输入，或先设置环境变量 {env}（不要写在命令里）。"
        ) from None
    return typed


def _ask(prompt: str) -> str:
    """Hidden typing at a terminal; a line read from a pipe otherwise (getpass would warn in
    English that it cannot hide the echo)."""
    if sys.stdin is not None and sys.stdin.isatty():
        return str(click.prompt(prompt, hide_input=True, err=True))
    click.echo(f"{prompt}：", err=True, nl=False)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line:
        raise EOFError
    return line.rstrip("\r\n")


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
            fail(os_error_message(exc))  # the window says the same (desktop.ui.errors)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # click's own: usage errors in Chinese (chinese.py), exits, Ctrl+C
        except Exception as exc:  # noqa: BLE001 - the last resort: one sentence, detail logged
            # SQLite's errors name the file this command works on, never just "案件库".
            state = next((a for a in args if isinstance(a, CliState)), None)
            fail(last_resort(exc, state.db_path if state else None))

    return wrapper  # type: ignore[return-value]


def _command() -> str:
    """“命令“wusong import”” for the command being run (click's context), or “命令”."""
    ctx = click.get_current_context(silent=True)
    path = ctx.command_path if ctx is not None else ""
    words = path.split()[1:] if path else []
    return f"命令“wusong {' '.join(words)}”" if words else "命令"


def last_resort(exc: BaseException, working: Path | None = None) -> str:
    """The one sentence for any exception a command did not expect: the core's own and the
    disk's as they are; SQLite's about the file naming the case file the command works on
    (``working``, else the last one this process opened; never "案件库" for a file it did
    not open); anything else saying which command did not get done and what to do, the class
    and traceback written to the log only (desktop/core/unexpected.py)."""
    from desktop.core.unexpected import is_file_fault, record, unexpected

    if isinstance(exc, MediationError):
        return exc.message
    if isinstance(exc, OSError):
        return os_error_message(exc)
    working = working or (OPENED[-1] if OPENED else None)
    if isinstance(exc, sqlite3.Error) and is_file_fault(exc) and working is not None:
        record(exc, f"{_command()}（{working}）")
        return translate(exc, working.name).message
    return unexpected(_command(), exc, unchanged="已保存的内容不受影响").message
