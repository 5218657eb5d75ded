"""Keeping a printed document together across pages (reportlab flowables): a heading travels
with the first lines after it, and the signatures and seal travel with the last lines of the
text before them, so no page carries a seal or signatures without body text (卷宗评查 rejects
such a page; issue 11). Used by pdf.story."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Spacer as RLSpacer
from reportlab.platypus import Table as RLTable

from desktop.core.documents.pdf_page import WIDTH, PlainPage


def _split_lines(
    par: Paragraph, head: int | None = None, tail: int | None = None
) -> list[Flowable]:
    """A paragraph cut after its first ``head`` lines or before its last ``tail`` lines, so
    only those travel with a heading or a signature block (moving 4,000 characters of facts
    to a new page would leave a page half blank). Short paragraphs stay whole."""
    _, height = par.wrap(WIDTH, A4[1])
    lines = head or tail or 1
    keep = lines * par.style.leading
    if height <= keep + 2 * par.style.leading:
        return [par]
    parts = par.split(WIDTH, keep + 0.5 if head else height - keep)
    return parts if len(parts) == 2 else [par]


def _split_table(table: RLTable) -> list[Flowable]:
    """A form grid cut before its last row, so that row travels with the signatures below
    it (the grid is the form's body text)."""
    table.wrap(WIDTH, A4[1])
    heights = table._rowHeights
    if len(heights) < 2:
        return [table]
    parts = table.split(WIDTH, sum(heights[:-1]) + 0.5)
    return parts if len(parts) == 2 else [table]


def _flatten(items: list[Flowable]) -> list[Flowable]:
    # Nested KeepTogethers measure badly in reportlab (the group jumps a page with room left).
    return [x for f in items for x in (f._content if isinstance(f, KeepTogether) else [f])]


def close_with_text(out: list[Flowable], group: list[Flowable]) -> None:
    """Keep the signatures and the seal on one page with the last lines of the text before
    them: a page with a seal or signatures but no body text could be stapled to any
    document, and 卷宗评查 rejects it (issue 11). The seal lines never split."""
    gap: list[Flowable] = []
    while out and isinstance(out[-1], RLSpacer):
        gap.insert(0, out.pop())
    if out and isinstance(out[-1], Paragraph):
        *head, tail = _split_lines(out.pop(), tail=3)
        out += head
        group = [tail, *gap, *group]
    elif out and isinstance(out[-1], RLTable):
        *head, tail = _split_table(out.pop())
        out += head
        group = [tail, *gap, *group]
    elif out and isinstance(out[-1], KeepTogether):
        group = [*out.pop()._content, *group]
    out.append(KeepTogether(_flatten(group)))


def keep_headings(flow: list[Flowable], st: dict[str, ParagraphStyle]) -> list[Flowable]:
    """A title or heading travels with what follows it (the first lines of a long
    paragraph, a whole table or group): no heading alone at the foot of a page."""
    keep_styles = {st["title"].name, st["subtitle"].name, st["heading"].name, st["meta"].name}
    out: list[Flowable] = []
    i = 0
    while i < len(flow):
        run: list[Flowable] = []
        while (
            i < len(flow) and isinstance(flow[i], Paragraph) and flow[i].style.name in keep_styles
        ):
            run.append(flow[i])
            i += 1
        if not run:
            out.append(flow[i])
            i += 1
            continue
        if i < len(flow) and not isinstance(flow[i], RLPageBreak | PlainPage):
            nxt = flow[i]
            i += 1
            if isinstance(nxt, Paragraph):
                first, *rest = _split_lines(nxt, head=2)
                out.append(KeepTogether(_flatten([*run, first])))
                out += rest
            else:
                out.append(KeepTogether(_flatten([*run, nxt])))
        else:
            out += run
    return out
