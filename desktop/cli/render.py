"""``wusong render CASE_NO FORM``: one document of a case, or the whole 卷宗, as PDF or Word."""

from __future__ import annotations

from pathlib import Path

import click

from desktop.cli.context import CliState, friendly


@click.command(
    help="生成案件文书：wusong render 案号 协议书 --format pdf -o 协议书.pdf；整本卷宗用“卷宗”。"
)
@click.argument("case_no")
@click.argument("form")
@click.option(
    "--format", "fmt", type=click.Choice(["pdf", "docx"]), default="pdf", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="写到哪个文件。",
)
@click.option(
    "--committee",
    default=None,
    help="案号在多个调委会都有时（镇、县汇总库），写明是哪个调委会的案件。",
)
@click.option(
    "--force",
    is_flag=True,
    default=False,
    help="有打印不出来的字（字库中没有）也照样生成。",
)
@click.pass_obj
@friendly
def render(
    state: CliState,
    case_no: str,
    form: str,
    fmt: str,
    output: Path,
    committee: str | None,
    force: bool,
) -> None:
    from desktop.core import documents as docs

    with state.open() as store:
        case = store.cases.find_by_no(case_no, committee=committee)
        form_id = docs.resolve_form(form)
        if form_id == docs.DOSSIER and fmt != "pdf":
            raise click.ClickException("整本卷宗只能生成 PDF。")
        doc = docs.generate(store, case.id, form_id, fmt, output, refuse_unprintable=not force)
        findings = docs.self_check(store, case.id)
    click.echo(f"已生成：{output}（SHA-256 {doc.sha256[:16]}…）")
    for f in findings:
        click.echo(f"{f.severity}：{f.message}", err=True)
