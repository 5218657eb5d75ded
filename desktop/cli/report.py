"""``wusong report monthly|entry`` and ``wusong register``: the monthly report, its screening
figures, and the case register, from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from desktop.cli.context import CliState, friendly
from desktop.cli.formats import format_for
from desktop.core.reports import FORMATS, REGISTER_FORMATS, Month, save_entry, write_monthly
from desktop.core.reports.output import CSV_NOTE

if TYPE_CHECKING:
    from desktop.core.store import Store


def _known_committee(store: Store, committee_id: str | None) -> None:
    """Refuse a --committee-id this file holds no case of: it printed an empty 月报 or 台账
    (0 件) as if the committee had done nothing."""
    from desktop.core.reports.scope import committee_ids

    if committee_id is None:
        return
    known = committee_ids(store.db)
    if committee_id not in known:
        from desktop.core.reports.model import committee_label

        listed = "、".join(f"{committee_label(store, k)[0]} {k}" for k in known) or "没有"
        raise click.UsageError(
            f"这个案件库里没有编号为“{committee_id}”的调委会（库中有：{listed}）："
            "请核对 --committee-id，不写则包括库中全部调委会。"
        )


@click.group(name="report", help="月报：生成月报，填报排查预防数字。")
def report_group() -> None:
    pass


@report_group.command(name="monthly", help="生成某月的月报（PDF、Word 或 Excel）。")
@click.option("--month", required=True, help="月份，例如 2026-10。")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default=None,
    help="pdf、docx 或 xlsx；不写则按文件名的后缀，没有后缀时为 pdf。",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="保存到哪个文件，例如 月报-2026-10.pdf。",
)
@click.option("--narrative", default=None, help="情况说明（不写则用已保存的）。")
@click.option("--filler", default=None, help="填报人。")
@click.option("--reviewer", default=None, help="审核人。")
@click.option(
    "--committee-id", default=None, help="汇总库中只统计这个调委会；不写则统计库中全部调委会。"
)
@click.pass_obj
@friendly
def monthly(
    state: CliState,
    month: str,
    fmt: str | None,
    output: Path,
    narrative: str | None,
    filler: str | None,
    reviewer: str | None,
    committee_id: str | None,
) -> None:
    m = Month.parse(month)
    fmt = format_for(output, fmt, FORMATS, "pdf", "月报")
    with state.open() as store:
        m.begun_by(store.today())
        _known_committee(store, committee_id)
        # Typed texts are saved first, so the next report of this month keeps them.
        texts = {"narrative": narrative, "filler": filler, "reviewer": reviewer}
        if any(v is not None for v in texts.values()):
            save_entry(store, m, committee_id=committee_id, **texts)
        path = write_monthly(store, m, fmt, output, committee_id=committee_id)
    click.echo(f"已生成{m.label}月报（{FORMATS[fmt]}）：{path}")


@report_group.command(name="entry", help="填报某月的排查、预防数字（不来自案件的部分）。")
@click.option("--month", required=True, help="月份，例如 2026-10。")
@click.option("--screenings", type=click.IntRange(0), default=None, help="矛盾纠纷排查次数。")
@click.option("--found", type=click.IntRange(0), default=None, help="排查发现纠纷数。")
@click.option("--prevented", type=click.IntRange(0), default=None, help="预防纠纷数。")
@click.option("--narrative", default=None, help="情况说明。")
@click.option("--filler", default=None, help="填报人。")
@click.option("--reviewer", default=None, help="审核人。")
@click.pass_obj
@friendly
def entry(
    state: CliState,
    month: str,
    screenings: int | None,
    found: int | None,
    prevented: int | None,
    narrative: str | None,
    filler: str | None,
    reviewer: str | None,
) -> None:
    m = Month.parse(month)
    with state.open() as store:
        today = store.today()
        if m > Month.parse(today):  # screenings of 2099-10: a mistyped year, not work done
            raise click.ClickException(
                f"{m.label}还没有到（今天是 {today.year}年{today.month}月{today.day}日），"
                "还不能填报这个月的排查、预防数字：请核对年份和月份。"
            )
        saved = save_entry(
            store,
            m,
            screenings=screenings,
            disputes_found=found,
            prevented=prevented,
            narrative=narrative,
            filler=filler,
            reviewer=reviewer,
        )
    click.echo(
        f"已保存{m.label}填报：排查 {saved.screenings} 次，发现纠纷 {saved.disputes_found} 件，"
        f"预防纠纷 {saved.prevented} 件。"
    )


CLAIM_FORMATS = {"pdf": "PDF", "xlsx": "Excel"}


@report_group.command(name="claims", help="以案定补：某月可申报补贴的案件清单（PDF 或 Excel）。")
@click.option("--month", required=True, help="月份，例如 2026-10。")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(CLAIM_FORMATS)),
    default=None,
    help="pdf 或 xlsx；不写则按文件名的后缀，没有后缀时为 pdf。",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="保存到哪个文件，例如 以案定补-2026-10.pdf。",
)
@click.option("--mark", is_flag=True, help="同时把清单中的案件登记为已申报（以后不会再列入）。")
@click.pass_obj
@friendly
def claims(state: CliState, month: str, fmt: str | None, output: Path, mark: bool) -> None:
    from desktop.core.fsutil import atomic_write
    from desktop.core.reports.claims import claim_list, mark_claimed, yuan_text
    from desktop.core.reports.claims_output import write_claims_pdf, write_claims_xlsx

    m = Month.parse(month)
    fmt = format_for(output, fmt, CLAIM_FORMATS, "pdf", "以案定补")
    with state.open() as store:
        listing = claim_list(store, m.begun_by(store.today()))
        writer = write_claims_pdf if fmt == "pdf" else write_claims_xlsx
        path = atomic_write(output, lambda out: writer(listing, out))
        marked = mark_claimed(store, m) if mark and listing.qualifying else []
    good, left = len(listing.qualifying), len(listing.refused)
    click.echo(
        f"已生成{m.label}以案定补清单（{CLAIM_FORMATS[fmt]}）：可申报 {good} 件，"
        f"共 {yuan_text(listing.total_fen)} 元；未列入 {left} 件（清单中写明原因）。{path}"
    )
    if mark:
        click.echo(f"已登记为已申报：{len(marked)} 件。")


@click.command(name="register", help="导出案件台账（每件案件一行），Excel 或 CSV。")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(REGISTER_FORMATS)),
    default=None,
    help="xlsx 或 csv；不写则按文件名的后缀，没有后缀时为 xlsx。",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--mask", is_flag=True, help="隐去身份证号和电话号码的中间几位。")
@click.option("--month", default=None, help="只导出这个月受理的案件，例如 2026-10。")
@click.option(
    "--year", type=click.IntRange(2000, 2100), default=None, help="只导出这一年受理的案件。"
)
@click.option("--committee-id", default=None, help="汇总库中只导出这个调委会的案件。")
@click.pass_obj
@friendly
def register(
    state: CliState,
    fmt: str | None,
    output: Path,
    mask: bool,
    month: str | None,
    year: int | None,
    committee_id: str | None,
) -> None:
    fmt = format_for(output, fmt, REGISTER_FORMATS, "xlsx", "台账")
    from desktop.core.reports import write_register_csv, write_register_xlsx
    from desktop.core.reports.register import case_ids_for

    if month and year:
        raise click.UsageError("--month 和 --year 只能选一个。")
    with state.open(readonly=True) as store:
        _known_committee(store, committee_id)
        if month:
            Month.parse(month).begun_by(store.today())
        this_year = store.today().year
        if year and year > this_year:
            raise click.UsageError(
                f"{year} 年还没有到（今年是 {this_year} 年），还没有受理的案件：请核对年份。"
            )
        ids = case_ids_for(
            store,
            month=Month.parse(month).key if month else None,
            year=year,
            committee_id=committee_id,
        )
        writer = write_register_xlsx if fmt == "xlsx" else write_register_csv
        path = writer(store, output, cases=ids, mask=mask)
    scope = Month.parse(month).label if month else (f"{year}年" if year else "全部")
    note = "，证件号和电话已隐去中间几位" if mask else ""
    click.echo(f"已导出{scope}案件台账 {len(ids)} 件（{REGISTER_FORMATS[fmt]}{note}）：{path}")
    if fmt == "csv":
        click.echo(CSV_NOTE)
