"""Command definitions for ``wusong``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from desktop import __version__
from desktop.cli.context import CliState, friendly
from desktop.cli.show import print_case, print_summaries
from desktop.core.deadlines import KIND_NAMES, due_on
from desktop.core.models import CaseFilter, CaseStatus
from desktop.core.paths import expanded
from desktop.core.store.database import applied_migrations, integrity_problems, pending_migrations
from desktop.core.validation.dates import parse_date


# -h as --help on every command however the tree is called (click caches each command's help
# option the first time it is asked, so a first call without -h would lose it for later calls).
@click.group(
    help="无讼调解助手命令行：建库、演示数据、查案、检索、到期提醒、检查与备份。",
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="WUSONG_DB",
    help="案件数据库文件（默认在用户数据目录；也可用环境变量 WUSONG_DB 指定）。",
)
@click.option(
    "--as",
    "actor",
    envvar="WUSONG_USER",
    default=None,
    help="以哪位调解员的名义操作（须在本调委会的调解员名单里；也可用环境变量 WUSONG_USER）。"
    "不写则记为“命令行”。",
)
@click.version_option(__version__, prog_name="wusong", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, actor: str | None) -> None:
    # ~ in WUSONG_DB or a quoted --db is the home folder, as the window reads it (same file).
    ctx.obj = CliState(None if db is None else expanded(str(db)), actor)


@cli.command(help="建立新的调委会案件数据库。")
@click.option("--committee", required=True, help="调委会名称，例如“星光村人民调解委员会”。")
@click.option(
    "--level",
    type=click.IntRange(1, 4),
    default=2,
    show_default=True,
    help="调委会所在层级：1 网格，2 村（社区），3 镇（街道），4 县（市）。",
)
@click.option("--region", default="", help="所属地区，例如“浙江省平湖市新埭镇”。")
@click.option("--abbr", default="", help="案号简称，例如“星调”。")
@click.option("--mediator", "mediators", multiple=True, help="调解员姓名，可写多次。")
@click.pass_obj
@friendly
def init(
    state: CliState, committee: str, level: int, region: str, abbr: str, mediators: tuple[str, ...]
) -> None:
    from desktop.core.store.newfile import discard_new_case_file

    made = not state.db_path.exists()
    try:
        with state.open() as store:
            if store.settings.initialised:
                raise click.ClickException(f"数据库 {state.db_path} 已经建立过，不必重复建立。")
            store.settings.set_up(
                list(mediators),
                name=committee,
                level=level,
                region=region,
                abbr=abbr or committee[:2],
            )
    except BaseException:
        # Refused (or stopped) part-way: the file this command made goes, so running init
        # again with the right names works (it was left, half set up: 已经建立过).
        if made:
            discard_new_case_file(state.db_path)
        raise
    click.echo(f"已建立案件数据库：{state.db_path}")


@cli.command(help="生成逼真的演示案件（可复现：同样的 --seed 得到同样的数据）。")
@click.option("--cases", "count", type=click.IntRange(1, 1_000_000), default=200, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True)
@click.pass_obj
@friendly
def demo(state: CliState, count: int, seed: int) -> None:
    from desktop.core.demo import generate

    with state.open() as store:
        made = generate(store, count, seed=seed)
    click.echo(f"已生成 {made} 件演示案件：{state.db_path}")


@cli.group(name="case", help="查看案件。")
def case_group() -> None:
    pass


@case_group.command(name="list", help="列出案件（按受理日期从新到旧）。")
@click.option("--status", type=click.Choice([s.value for s in CaseStatus]), default=None)
@click.option("--month", default=None, help="受理月份，例如 2026-10。")
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@click.pass_obj
@friendly
def case_list(state: CliState, status: str | None, month: str | None, limit: int) -> None:
    with state.open(readonly=True) as store:
        flt = CaseFilter(status=CaseStatus(status) if status else None, month=month)
        rows = store.cases.list(flt, limit=limit)
        print_summaries(rows, total=store.cases.count(flt))


@case_group.command(name="show", help="显示一件案件的全部内容。")
@click.argument("case_no")
@click.option(
    "--committee",
    default=None,
    help="案号在多个调委会都有时（镇、县汇总库），写明是哪个调委会的案件。",
)
@click.pass_obj
@friendly
def case_show(state: CliState, case_no: str, committee: str | None) -> None:
    with state.open(readonly=True) as store:
        case = store.cases.find_by_no(case_no, committee=committee)
        print_case(store, store.cases.detail(case.id))


@cli.command(help="按案号、当事人姓名、身份证号、电话或案情文字检索案件。")
@click.argument("text", nargs=-1, required=True)
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@click.pass_obj
@friendly
def search(state: CliState, text: tuple[str, ...], limit: int) -> None:
    query = " ".join(text)
    if not query.strip():  # it answered "没有找到与“”有关的案件" as if it had looked
        raise click.UsageError(
            "要找的文字是空的：请写上案号、当事人姓名、身份证号、电话或案情中的几个字。"
        )
    with state.open(readonly=True) as store:
        rows = store.cases.search(query, limit=limit)
        if not rows:
            click.echo(f"没有找到与“{query}”有关的案件。")
            return
        print_summaries(rows, total=store.cases.count(CaseFilter(text=query)))


@cli.command(help="列出某日已到期、已超期或七日内到期的事项。")
@click.option("--date", "on", default=None, help="日期，默认今天，例如 2026-10-31。")
@click.option(
    "--days", type=click.IntRange(0, 365), default=7, show_default=True, help="提前几天提醒。"
)
@click.pass_obj
@friendly
def due(state: CliState, on: str | None, days: int) -> None:
    if on is not None and not on.strip():  # an empty --date meant today, unasked
        raise click.UsageError(
            "--date 后面的日期是空的：请写成 2026-10-31 这样；要看今天的就去掉 --date。"
        )
    day = parse_date(on) if on else date.today()
    with state.open(readonly=True) as store:
        items = due_on(store, day, horizon_days=days)
    if not items:
        click.echo("没有到期或即将到期的事项。")
        return
    for item in items:
        left = item.days_left(day)
        flag = "【已超期】" if left < 0 else ("【今天】" if left == 0 else "")
        head = f"{item.case_no} " if item.case_no else ""
        click.echo(f"{flag}{KIND_NAMES[item.kind]}  {head}{item.describe(day)}")


@cli.command(help="检查数据库是否完好、升级到了哪一版（只读：不建立、不升级、不改动文件）。")
@click.pass_obj
@friendly
def check(state: CliState) -> None:
    with state.open(readonly=True, older_ok=True) as store:
        problems = integrity_problems(store.db)
        applied = applied_migrations(store.db)
        pending = pending_migrations(store.db)
        cases = store.cases.count() if not problems else None
    click.echo(f"数据库：{state.db_path}")
    click.echo(
        f"结构版本：{applied[-1] if applied else '无'}"
        f"（已应用 {len(applied)} 个升级，待应用 {len(pending)} 个）"
    )
    if pending:
        click.echo("说明：用窗口或任一修改命令打开时会先备份、再升级。")
    if problems:
        for p in problems[:20]:
            click.echo(f"问题：{p}", err=True)
        raise click.ClickException("数据库检查发现问题，请从备份恢复或联系技术人员。")
    click.echo(f"案件数：{cases}")
    click.echo("检查结果：完好。")


@cli.command(help="备份数据库（默认放在数据库旁的备份文件夹）。")
@click.option(
    "--to",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="备份到哪个文件夹，例如 U 盘。",
)
@click.pass_obj
@friendly
def backup(state: CliState, folder: Path | None) -> None:
    with state.open(readonly=True) as store:
        target = store.backup(folder)
    click.echo(f"已备份到：{target}")


@cli.command(help="输出数据库结构（用于更新 db/schema.sql）。")
def schema() -> None:
    from desktop.core.store.database import connect
    from desktop.core.store.schema import dump_schema
    from desktop.core.store.upgrade import apply_all

    db = connect(":memory:")
    apply_all(db)
    click.echo(dump_schema(db), nl=False)


# Reports (月报, 排查填报, 台账) live in their own module.
from desktop.cli.report import register as _register_command  # noqa: E402
from desktop.cli.report import report_group as _report_group  # noqa: E402

cli.add_command(_report_group)
cli.add_command(_register_command)

from desktop.cli.import_register import import_register_cmd  # noqa: E402

cli.add_command(import_register_cmd)


from desktop.cli.render import blank, render, render_batch  # noqa: E402 - after the group

cli.add_command(render)
cli.add_command(blank)
cli.add_command(render_batch)

from desktop.cli.exchange import export_cmd, import_cmd, verify_cmd  # noqa: E402

for _command in (export_cmd, verify_cmd, import_cmd):
    cli.add_command(_command)

from desktop.cli.read_id import read_id_cmd  # noqa: E402

cli.add_command(read_id_cmd)

from desktop.cli.password import password_group  # noqa: E402

cli.add_command(password_group)
