"""``wusong password set | sheet | change | remove | reset``: the optional committee password.
Secrets come from a hidden prompt or the environment (WUSONG_PASSWORD, WUSONG_NEW_PASSWORD,
WUSONG_RECOVERY_KEY), never from the command line."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from desktop.cli.context import CliState, friendly, secret
from desktop.core.errors import MediationError
from desktop.core.store import Store, open_store
from desktop.core.store.keyfile import db_key_from_recovery, key_id
from desktop.core.store.password import (
    WARNING,
    change_password,
    recovery_key_for,
    remove_password,
    set_password,
)
from desktop.core.store.protection import is_encrypted
from desktop.core.store.signin import act_as, cli_person

# Where the recovery sheet goes: the same option for setting a password and for reprinting.
SHEET_OPTION = click.option(
    "--sheet",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="恢复单 PDF 写到哪里（默认当前文件夹“案件库恢复单.pdf”）。打印后请删除这个文件。",
)


@click.group(name="password", help="设置、修改、取消案件库密码（加密案件库和备份）。")
def password_group() -> None:
    pass


@password_group.command(name="set", help="设置密码：加密案件库和备份，并生成恢复单（PDF）。")
@SHEET_OPTION
@click.pass_obj
@friendly
def set_cmd(state: CliState, sheet: Path | None) -> None:
    click.echo(WARNING, err=True)
    sheet = sheet or Path.cwd() / "案件库恢复单.pdf"
    with state.open() as store:
        if store.db_key is not None:
            raise MediationError("案件库已经设了密码；要换密码，请用 wusong password change。")
        password = secret("WUSONG_PASSWORD", "新密码", confirm=True)
        # The sheet is written BEFORE the file is swapped for the encrypted copy: killed at
        # any moment, the file is either still plain or its recovery key is on the sheet.
        done = set_password(store, password, sheet=lambda key: _write(store, state, sheet, key))
    for notice in done.notices:
        click.echo(notice, err=True)
    click.echo(f"已设置密码，案件库和备份都已加密。恢复单：{sheet}")
    click.echo("请马上打印恢复单，锁进保险柜，然后删除这个 PDF 文件。")


@password_group.command(name="sheet", help="重印恢复单：输入现在的密码，再生成一份恢复单（PDF）。")
@SHEET_OPTION
@click.pass_obj
@friendly
def sheet_cmd(state: CliState, sheet: Path | None) -> None:
    sheet = sheet or Path.cwd() / "案件库恢复单.pdf"
    with state.open(readonly=True) as store:
        if store.db_key is None:
            raise MediationError("案件库没有设密码，没有恢复单可以打印。")
        _write(store, state, sheet, recovery_key_for(store, state.password()))
    click.echo(f"已重新生成恢复单：{sheet}")
    click.echo("恢复密钥和原来的一样。请打印后锁进保险柜，然后删除这个 PDF 文件。")


def _write(store: Store, state: CliState, sheet: Path, recovery: str) -> None:
    from desktop.core.recovery_sheet import SheetFacts, write_sheet

    write_sheet(
        sheet,
        SheetFacts(
            committee=store.settings.committee().name,
            db_name=state.db_path.name,
            key_id=key_id(db_key_from_recovery(recovery)),
            recovery_key=recovery,
            made_by=store.actor,
            made_at=store.now(),
        ),
    )


@password_group.command(name="change", help="修改密码（需要原密码 WUSONG_PASSWORD 和新密码）。")
@click.pass_obj
@friendly
def change_cmd(state: CliState) -> None:
    with state.open() as store:
        new = secret("WUSONG_NEW_PASSWORD", "新密码", confirm=True)
        change_password(store, state.password(), new)
    click.echo("已修改密码。恢复单不变，仍然有效。")


@password_group.command(name="remove", help="取消密码：案件库和备份恢复为不加密。")
@click.pass_obj
@friendly
def remove_cmd(state: CliState) -> None:
    with state.open() as store:
        if store.db_key is None:
            raise MediationError("案件库没有设密码，不需要取消。")
        notices = remove_password(store, state.password())
    for notice in notices:
        click.echo(notice, err=True)
    click.echo("已取消密码：案件库和备份不再加密。恢复单作废，可以销毁。")


@password_group.command(name="reset", help="忘了密码：用恢复单上的恢复密钥打开，设一个新密码。")
@click.pass_obj
@friendly
def reset_cmd(state: CliState) -> None:
    if state.actor is not None:
        cli_person(state.actor)  # refused before the file is touched
    if not is_encrypted(state.db_path):
        raise MediationError("案件库没有设密码，不需要恢复。")
    recovery = secret("WUSONG_RECOVERY_KEY", "恢复密钥")
    with open_store(state.db_path, recovery_key=recovery, now=datetime.now) as store:
        act_as(store, state.actor)
        new = secret("WUSONG_NEW_PASSWORD", "新密码", confirm=True)
        change_password(store, None, new)
    click.echo("已用恢复密钥设好新密码。恢复单不变，请放回保险柜。")
