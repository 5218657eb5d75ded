"""``wusong render CASE_NO FORM``: one document of a case, or the whole 卷宗, as PDF or Word."""

from __future__ import annotations

from pathlib import Path

import click

from desktop.cli.context import CliState, friendly
from desktop.cli.formats import format_for
from desktop.core.errors import ValidationError


@click.command(
    help="生成案件文书：wusong render 案号 协议书 --format pdf -o 协议书.pdf；整本卷宗用“卷宗”。"
)
@click.argument("case_no")
@click.argument("form")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["pdf", "docx"]),
    default=None,
    help="pdf 或 docx；不写则按文件名的后缀，没有后缀时为 pdf。",
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
    fmt: str | None,
    output: Path,
    committee: str | None,
    force: bool,
) -> None:
    from desktop.core import documents as docs

    fmt = format_for(output, fmt, ("pdf", "docx"), "pdf", "文书")
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


@click.command(
    "blank",
    help="打印空白文书（网格员现场手填）：wusong blank 调解记录 -o 调解记录.pdf；全部用“全部”。",
)
@click.argument("form")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["pdf", "docx"]),
    default=None,
    help="pdf 或 docx；不写则按文件名的后缀，没有后缀时为 pdf。",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option(
    "--parties",
    type=click.IntRange(1, 13),
    default=2,
    show_default=True,
    help="留几位当事人的签名栏。",
)
@click.pass_obj
@friendly
def blank(state: CliState, form: str, fmt: str | None, output: Path, parties: int) -> None:
    from desktop.core.documents import RENDERERS, resolve_form
    from desktop.core.documents.blank import blank_forms, build_blank

    fmt = format_for(output, fmt, ("pdf", "docx"), "pdf", "空白文书")
    with state.open() as store:
        form_id = "all" if form.strip() in ("全部", "all") else resolve_form(form)
        if form_id != "all" and form_id not in blank_forms():
            raise click.ClickException(f"“{form}”没有空白表（它由案件内容生成）。")
        model = build_blank(store, form_id, parties)
    RENDERERS[fmt].save(model, output)
    click.echo(f"已生成空白文书：{output}")


@click.command(
    "render-batch",
    help="一次生成多件案件的同一种文书：wusong render-batch 协议书 案号1 案号2 … -o 文件夹。",
)
@click.argument("form")
@click.argument("case_nos", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(["pdf", "docx"]), default="pdf", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="写到哪个文件夹（每件案件一个文件）。",
)
@click.pass_obj
@friendly
def render_batch(
    state: CliState, form: str, case_nos: tuple[str, ...], fmt: str, output: Path
) -> None:
    from desktop.core import documents as docs

    with state.open() as store:
        form_id = docs.resolve_form(form)
        cases = [store.cases.find_by_no(no) for no in case_nos]  # all found before any is written
        name = docs.form_names().get(form_id, form_id)
        output.mkdir(parents=True, exist_ok=True)
        # A case this form cannot be made for yet (no 调解记录, no written agreement) is told by
        # its number and the others are still made: a refusal saying only “本案…” stopped the
        # batch at that case, leaving the clerk to guess which of the numbers it was.
        left: list[str] = []
        for case in cases:
            safe = "".join(ch for ch in case.case_no if ch not in '\\/:*?"<>|')
            path = output / f"{safe}-{name}.{fmt}"
            try:
                docs.generate(store, case.id, form_id, fmt, path)
            except ValidationError as exc:
                left.append(case.case_no)
                click.echo(f"没有生成 {case.case_no}：{exc.message}", err=True)
                continue
            click.echo(f"已生成：{path}")
        if left:
            raise ValidationError(
                f"{len(cases)} 件中有 {len(left)} 件没有生成{name}（原因见上面各行），"
                f"其余 {len(cases) - len(left)} 件已生成：请按各行的提示补齐后再生成这几件。"
            )
