"""The one intermediate document model: plain data that both the PDF and the Word renderer
draw, so the two formats always say the same thing (calibre's idea, scaled down)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import assert_never


@dataclass(frozen=True, slots=True)
class Title:
    text: str
    subtitle: str = ""


@dataclass(frozen=True, slots=True)
class Meta:
    """A right-aligned line under the title, e.g. the case number."""

    text: str


@dataclass(frozen=True, slots=True)
class Heading:
    text: str


@dataclass(frozen=True, slots=True)
class Para:
    text: str
    indent: bool = True
    bold: bool = False
    align: str = "justify"  # justify | center | right | left


@dataclass(frozen=True, slots=True)
class Grid:
    """A bordered form grid: each row is (label, value) pairs; the value may span."""

    rows: tuple[tuple[tuple[str, str], ...], ...]
    label_width: float = 0.18  # fraction of the text width per label column


@dataclass(frozen=True, slots=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # fractions of the text width; empty = equal


@dataclass(frozen=True, slots=True)
class Signer:
    """One signature block: 签名 line and, for people, a fingerprint box; for organisations a
    seal area and the legal representative's signature."""

    role: str
    name: str
    organisation: bool = False
    fingerprint: bool = True
    representative: str = ""  # an organisation's 法定代表人, printed by the seal box


@dataclass(frozen=True, slots=True)
class Signatures:
    """The signature area. Signers with a fingerprint box or a seal (the parties) stand
    ``columns()`` to a row; the staff (mediator, recorder) two to a row. ``date_text``, when
    given, is printed under them (a form without a committee seal, e.g. the 申请书)."""

    signers: tuple[Signer, ...]
    date_text: str = ""

    @property
    def boxed(self) -> tuple[Signer, ...]:
        return tuple(s for s in self.signers if s.fingerprint or s.organisation)

    @property
    def staff(self) -> tuple[Signer, ...]:
        return tuple(s for s in self.signers if not (s.fingerprint or s.organisation))

    def columns(self) -> int:
        """Parties per row: two, or three from nine parties on, so that the text's last lines,
        every signature and the seal fit on one page for up to 13 parties (and more at 3 per
        row in the PDF's measured layout)."""
        return 2 if len(self.boxed) <= 8 else 3


#: A grid cell longer than this (characters) is printed as a paragraph between tables, in
#: both formats: a table row never breaks across pages, and 4,000 characters of facts would
#: not fit on one.
LONG_CELL = 300

#: Width of a fingerprint or seal box, mm, and of the text column per signer, both formats.
BOX_MM = 24.0
TEXT_WIDTH_MM = 210 - 28 - 20
SIGNER_FONT_PT = 10.5


def signer_label(s: Signer, width_mm: float, size_pt: float = SIGNER_FONT_PT) -> str:
    """``角色：姓名`` on one line when it fits ``width_mm``, else the name on a line of its
    own, so a short name is never broken across lines (both writers print this text)."""
    text = f"{s.role}：{s.name}"
    per_line = int(width_mm / (size_pt * 0.3528))  # full-width characters per line
    if s.name and _cells(text) > per_line:
        return f"{s.role}：\n{s.name}"
    return text


def text_cells(text: str) -> float:
    """Width of ``text`` in full-width character cells (ASCII counts half)."""
    return _cells(text)


def _cells(text: str) -> float:
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


@dataclass(frozen=True, slots=True)
class Seal:
    """The committee's seal area with its name and the date."""

    committee: str
    date_text: str


@dataclass(frozen=True, slots=True)
class Spacer:
    height_mm: float = 6


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


@dataclass(frozen=True, slots=True)
class PlainPage:
    """The page this stands on carries no running header and no page number (cover, back
    cover): inside the bound 卷宗 they are still counted, as the contents count them."""


@dataclass(frozen=True, slots=True)
class TermList:
    """Numbered agreement terms, printed with a hanging indent so each number stands out."""

    items: tuple[str, ...]


Block = (
    Title
    | Meta
    | Heading
    | Para
    | Grid
    | Table
    | Signatures
    | Seal
    | Spacer
    | PageBreak
    | PlainPage
    | TermList
)


@dataclass(frozen=True, slots=True)
class DocumentModel:
    form: str
    name: str
    blocks: tuple[Block, ...]
    header: str = ""  # small text at the top of every page (committee and case number)
    footer_note: str = ""  # e.g. "本协议一式三份"; page numbers are always added
    number_pages: bool = True
    meta: dict[str, str] = field(default_factory=dict)

    def text(self) -> str:
        """Every word of the document, for checks and tests."""
        parts: list[str] = [self.header, self.footer_note]
        for b in self.blocks:
            match b:
                case Title():
                    parts += [b.text, b.subtitle]
                case Meta() | Heading() | Para():
                    parts.append(b.text)
                case Grid():
                    parts += [x for row in b.rows for pair in row for x in pair]
                case Table():
                    parts += list(b.headers) + [x for row in b.rows for x in row]
                case TermList():
                    parts += list(b.items)
                case Signatures():
                    parts += [f"{s.role}{s.name}{s.representative}" for s in b.signers]
                    parts.append(b.date_text)
                case Seal():
                    parts += [b.committee, b.date_text]
                case Spacer() | PageBreak() | PlainPage():
                    pass  # layout only: no words
                case _:
                    assert_never(b)
        return "\n".join(p for p in parts if p)
