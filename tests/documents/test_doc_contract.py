"""One renderer contract for documents and the monthly report, and walks over document blocks
that cannot drop a block type silently: every Block member reaches every walker, and an
unknown block stops each of them (``assert_never``)."""

from __future__ import annotations

import io
import subprocess
import sys
import typing
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.core import documents as docs
from desktop.core import reports
from desktop.core.documents import model as m
from desktop.core.documents.docx import build_docx
from desktop.core.documents.pdf import _styles, page_count, story
from desktop.core.renderers import Renderer

ROOT = Path(__file__).resolve().parents[2]

ONE_OF_EACH: dict[type, m.Block] = {
    m.Title: m.Title("标题", "副标题"),
    m.Meta: m.Meta("（2026）星调字第1号"),
    m.Heading: m.Heading("一、纠纷事实"),
    m.Para: m.Para("正文", align="center"),
    m.Grid: m.Grid(((("姓名", "张建国"), ("电话", "13900001111")),)),
    m.Table: m.Table(("序号", "名称"), (("1", "协议书"),)),
    m.Signatures: m.Signatures((m.Signer("申请人", "张建国"),)),
    m.Seal: m.Seal("星光村人民调解委员会", "二〇二六年三月二日"),
    m.Spacer: m.Spacer(4),
    m.PageBreak: m.PageBreak(),
    m.PlainPage: m.PlainPage(),
    m.TermList: m.TermList(("1. 付款", "2. 道歉")),
}


def test_the_sample_covers_every_block_type() -> None:
    assert set(typing.get_args(m.Block)) == set(ONE_OF_EACH)


def test_every_block_reaches_every_walker() -> None:
    model = m.DocumentModel("probe", "探针", tuple(ONE_OF_EACH.values()), header="页眉")
    text = model.text()
    for word in ("副标题", "星调字", "张建国", "协议书", "二〇二六年三月二日", "2. 道歉"):
        assert word in text
    # groups kept together (heading with its text, signatures with the seal) count by content
    flat = [x for f in story(model, _styles()) for x in getattr(f, "_content", [f])]
    assert len(flat) >= len(ONE_OF_EACH)
    assert page_count(model) == 2  # the PageBreak is honoured
    assert "2. 道歉" in "\n".join(p.text for p in build_docx(model).paragraphs)


@dataclass(frozen=True)
class Stranger:
    """A block type no walker knows: it must stop them, not vanish from one format."""

    text: str = "不该被悄悄丢掉"


@pytest.mark.parametrize(
    "walk",
    [
        lambda model: model.text(),
        lambda model: story(model, _styles()),
        lambda model: build_docx(model),
    ],
    ids=["text", "pdf", "docx"],
)
def test_an_unknown_block_stops_every_walker(
    walk: typing.Callable[[m.DocumentModel], object],
) -> None:
    model = m.DocumentModel("probe", "探针", (m.Title("标题"), Stranger()))  # type: ignore[arg-type]
    with pytest.raises(AssertionError):
        walk(model)


def test_both_registries_share_one_contract() -> None:
    for registry in (docs.RENDERERS, reports.RENDERERS):
        for fmt, renderer in registry.items():
            assert isinstance(renderer, Renderer) and renderer.fmt == fmt
            hints = typing.get_type_hints(renderer.writer())
            assert hints["out"] is typing.BinaryIO and hints["return"] is type(None)
    assert docs.FORMATS == ("pdf", "docx")
    assert reports.FORMATS == {"pdf": "PDF", "docx": "Word", "xlsx": "Excel"}


def test_a_writer_draws_onto_any_stream(tmp_path: Path) -> None:
    model = m.DocumentModel("probe", "探针", (m.Title("标题"), m.Para("正文")))
    magic = {"pdf": b"%PDF", "docx": b"PK"}
    for fmt, renderer in docs.RENDERERS.items():
        out = io.BytesIO()
        renderer.write(model, out)
        assert out.getvalue().startswith(magic[fmt])
        path = renderer.save(model, tmp_path / f"a.{fmt}")
        assert path.read_bytes().startswith(magic[fmt])
        assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_importing_the_packages_loads_no_renderer() -> None:
    code = (
        "import sys, desktop.core.documents, desktop.core.reports, desktop.core.timeline;"
        " heavy = [m for m in sys.modules if m.split('.')[0] in ('reportlab', 'docx', 'openpyxl')];"
        " assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
