"""``wusong import-register 台账.xlsx`` (or 台账.csv): bring in an old 台账 kept in Excel or as
CSV (any encoding Excel and WPS save, see reports/register_import_csv). Shows how the columns were
understood and what would be added, skipped and refused (with each row's reason); writes only
after the user confirms (or with --yes), in one transaction."""

from __future__ import annotations

import re
from pathlib import Path

import click

from desktop.cli.chinese import confirm
from desktop.cli.context import CliState, fail, friendly


@click.command(
    name="import-register",
    help="导入旧的台账（Excel 的 .xlsx，或 .csv 文字表格），先预览、确认后才写入。",
)
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--map",
    "overrides",
    multiple=True,
    metavar="表头=项目",
    help=(
        "改正某列的对应，例如 --map 当事人=申请人；项目写“不导入”则这一列不导入。"
        "表头重名时写列字母，例如 --map G=被申请人证件号码。可写多次。"
    ),
)
@click.option(
    "--sheet",
    "sheet_name",
    metavar="表名",
    help="工作簿中有几张台账表（例如每年一张）时导入哪一张，例如 --sheet 2024；不写则为第一张。",
)
@click.option("--yes", is_flag=True, help="不再询问，预览后直接导入。")
@click.pass_obj
@friendly
def import_register_cmd(
    state: CliState, path: Path, overrides: tuple[str, ...], sheet_name: str | None, yes: bool
) -> None:
    from desktop.core.reports.register_import import (
        apply_import,
        import_fields,
        others_sentence,
        plan_import,
        read_sheet,
        summary,
    )

    sheet = read_sheet(path, sheet_name.strip() if sheet_name is not None else None)
    names = {f.field: f.name for f in import_fields()}
    by_name = {f.name: f.field for f in import_fields()} | {
        f.field: f.field for f in import_fields()
    }
    mapping = list(sheet.guess)
    for item in overrides:
        header, eq, target = item.partition("=")
        col = _column(sheet.headers, header.strip(), bool(eq), item)
        target = target.strip()
        if target in ("不导入", ""):
            mapping[col] = None
        elif target in by_name:
            mapping[col] = by_name[target]
        else:
            fail(f"没有“{target}”这个项目，可用的有：{'、'.join(names.values())}。")
    where = f"“{sheet.name}”表的" if sheet.name else ""
    click.echo(f"{where}表头在第 {sheet.header_row} 行，各列的对应：")
    for i, (header, field) in enumerate(zip(sheet.headers, mapping, strict=True)):
        if header:  # the column letter tells two columns of one heading apart (--map G=…)
            click.echo(f"  {_letter(i)} {header} → {names[field] if field else '（不导入）'}")
    with state.open() as store:
        plan = plan_import(store, sheet, tuple(mapping))
        click.echo(summary(plan))
        for refusal in plan.refused:
            click.echo(f"  不能导入：{refusal}")
        if plan.duplicates:
            shown = "、".join(str(n) for n in plan.duplicates[:20])
            more = " 等" if len(plan.duplicates) > 20 else ""
            click.echo(f"  已有而跳过的行：第 {shown}{more} 行")
        if sheet.others:
            click.echo(
                others_sentence(
                    sheet, "再用 --sheet 表名各导入一次，例如 --sheet " + sheet.others[0]
                )
            )
        if not plan.add:
            click.echo("没有可以导入的案件，什么也没有写入。")
            return
        if not yes and not confirm(f"确认导入这 {len(plan.add)} 件案件吗？"):
            click.echo("已取消，什么也没有写入。")
            return
        ids = apply_import(store, plan)
    click.echo(f"已导入 {len(ids)} 件案件（作为已归档的历史案件）。")


def _column(headers: tuple[str, ...], header: str, has_target: bool, item: str) -> int:
    """The column ``--map`` names: by its heading, or by its Excel letter (G) when two
    columns share a heading (申请人 | 身份证号码 | 被申请人 | 身份证号码). Refuses (one
    sentence) a map without “=项目”, which silently meant “不导入” before, an unknown heading
    and a heading that names two columns."""
    example = "例如 --map 当事人=申请人"
    if not has_target or not header:
        fail(f"--map 要写成“表头=项目”，{example}；“{item}”少了{'项目' if header else '表头'}。")
    found = [i for i, h in enumerate(headers) if h == header]
    if len(found) == 1:
        return found[0]
    if found:
        letters = "、".join(f"{_letter(i)} 列" for i in found)
        fail(
            f"表头中有 {len(found)} 列都叫“{header}”（{letters}）：请写列字母，"
            f"例如 --map {_letter(found[-1])}=被申请人证件号码。"
        )
    if re.fullmatch(r"[A-Za-z]{1,3}", header):
        col = 0
        for ch in header.upper():
            col = col * 26 + ord(ch) - 64
        if col <= len(headers):
            return col - 1
    fail(f"表头中没有“{header}”这一列，请核对 --map 的写法（{example}）。")
    raise AssertionError  # fail() raised


def _letter(index: int) -> str:
    """Excel's letter of the 0-based column ``index`` (0 -> A, 26 -> AA)."""
    out = ""
    n = index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out
