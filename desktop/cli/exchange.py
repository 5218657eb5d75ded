"""``wusong export | verify | import``: packages for the county, and their import there."""

from __future__ import annotations

from pathlib import Path

import click

from desktop.cli.context import CliState, friendly
from desktop.core.validation.dates import parse_date


@click.command(
    name="export",
    help=(
        "导出报送包：默认导出上次导出以来变动的案件；也可按月份或起始日期；"
        "上级说缺包时用 --since-package 或 --all 重新导出；--case 导出一件案件移交上级。"
    ),
)
@click.option("--since", default=None, help="起始日期，例如 2026-10-01。")
@click.option("--month", default=None, help="月份，例如 2026-10。")
@click.option(
    "--since-package",
    type=click.IntRange(min=1),
    default=None,
    help="上级说缺包时用：从第几个报送包起，把那以后的全部变动重新导出在一个包里。",
)
@click.option(
    "--all",
    "everything",
    is_flag=True,
    default=False,
    help="导出本调委会的全部案件（完整包；上级缺的包记录不全时用）。",
)
@click.option("--case", "case_no", default=None, help="移交上一级的案件案号。")
@click.option("--reason", default="", help="移交理由（与 --case 一起用）。")
@click.option("--committee", default=None, help="案号在多个调委会都有时，写明调委会。")
@click.option(
    "--masked/--full",
    default=None,
    help="这次导出遮盖（或不遮盖）身份证号、电话和住址；不写则按调委会设置。",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.pass_obj
@friendly
def export_cmd(
    state: CliState,
    since: str | None,
    month: str | None,
    since_package: int | None,
    everything: bool,
    case_no: str | None,
    reason: str,
    committee: str | None,
    masked: bool | None,
    output: Path,
) -> None:
    from desktop.core.exchange import export_handoff, export_period

    with state.open() as store:
        if case_no:
            result = export_handoff(store, output, case_no, reason, committee=committee)
        else:
            start = parse_date(since).isoformat() if since else None
            result = export_period(
                store,
                output,
                since=start,
                month=month,
                masked=masked,
                since_package=since_package,
                everything=everything,
            )
    hidden = "，身份证号、电话、住址已遮盖" if result.masked else ""
    click.echo(f"已导出 {result.cases} 件案件到 {result.path}（{result.period}{hidden}）。")
    if result.clock_warning:
        click.echo(f"注意：{result.clock_warning}", err=True)


@click.command(name="verify", help="检查报送包是否完好（不导入）。")
@click.argument("package", type=click.Path(dir_okay=False, path_type=Path))
@friendly
def verify_cmd(package: Path) -> None:
    from desktop.core.exchange import verify_package

    pkg = verify_package(package)
    m = pkg.manifest
    from desktop.core.exchange.keys import fingerprint

    signed = (
        f"，签名有效（密钥指纹 {fingerprint(pkg.public_key)}）"
        if pkg.signed
        else "，旧格式包没有签名"
    )
    click.echo(
        f"完好：{m['committee_name']}，{m.get('period', '')}，{pkg.case_count} 件案件，"
        f"{len(m['members'])} 个文件，校验值全部相符{signed}。"
    )


@click.command(
    name="import", help="把一个或多个报送包导入本数据库（镇、县汇总用）；有问题的包整包拒绝。"
)
@click.argument(
    "packages", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path)
)
@click.option(
    "--accept-new-key",
    is_flag=True,
    default=False,
    help="确认接受调委会的新签名密钥（对方重装电脑后；请先打电话核对指纹）。",
)
@click.pass_obj
@friendly
def import_cmd(state: CliState, packages: tuple[Path, ...], accept_new_key: bool) -> None:
    from desktop.core.exchange import PackageError, import_packages
    from desktop.core.exchange.trust import KeyChangedError

    with state.open() as store:
        try:
            reports = import_packages(store, list(packages), accept_new_key=accept_new_key)
        except KeyChangedError as exc:
            # The sentence names the window's tick-box; here the choice is an option.
            raise PackageError(
                exc.message.replace("选择“接受新密钥”", "在命令后加上 --accept-new-key ")
            ) from None
    for r in reports:
        click.echo(r.summary())
