"""From the text boxes the recogniser found to the raw field texts of a document, by its printed
labels and their places: a value stands right of its label (resident ID card, licence) or under
it (permanent-residence card), and a long one (an address, a company name) runs on in the lines
below, aligned with its first line, until the next label.

Photos are rotated a little, so the boxes are first turned back by their median slant; rows
and columns are then found in that upright frame.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from desktop.core.idphoto.fields import ID_CARD, LICENCE, PERMANENT_RESIDENCE

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Box:
    """One recognised text line in the upright frame: ``text`` without spaces, ``raw`` as read."""

    text: str
    raw: str
    x0: float
    x1: float
    yc: float
    h: float


@dataclass(frozen=True, slots=True)
class Label:
    """How a field's label is recognised and where its value stands."""

    prefixes: tuple[str, ...]  # the printed label, any of these at the start of a box
    keys: tuple[str, ...] = ()  # or one of these (upper case) anywhere in the box
    below: bool = False  # value under the label instead of right of it
    lines: int = 1  # how many lines the value may run to


#: Field labels per document kind (the order fields are taken in), then labels that only end a
#: value (so the 类型 line is never read as part of the 名称 above it).
LAYOUTS: dict[str, tuple[dict[str, Label], tuple[str, ...]]] = {
    ID_CARD: (
        {
            "name": Label(("姓名",)),
            "gender": Label(("性别",)),
            "ethnicity": Label(("民族",)),
            "birth_date": Label(("出生",)),
            "address": Label(("住址",), lines=4),
            "id_number": Label(("公民身份号码", "公民身份号", "身份号码")),
        },
        (),
    ),
    PERMANENT_RESIDENCE: (
        {
            "latin_name": Label(("姓名/",), ("/NAME",), below=True),
            "name": Label(("中文姓名",), below=True),
            "gender": Label(("性别",), ("/SEX",), below=True),
            "birth_date": Label(("出生日期",), ("DATEOFBIRTH",), below=True),
            "nationality": Label(("国籍",), ("NATIONALITY",), below=True),
            "id_number": Label(("证件号码",), ("CARDNO",)),
        },
        ("有效期限", "PERIODOFVALIDITY"),
    ),
    LICENCE: (
        {
            "credit_code": Label(("统一社会信用代码", "社会信用代码", "信用代码")),
            "name": Label(("名称",), lines=3),
            "legal_rep": Label(("法定代表人", "负责人", "经营者", "投资人")),
            "address": Label(("住所", "经营场所", "营业场所"), lines=4),
        },
        ("类型", "经营范围", "注册资本", "成立日期", "营业期限", "登记机关", "组成形式"),
    ),
}

_KIND_MARKS = {
    ID_CARD: ("公民身份号码", "住址", "民族", "出生", "姓名", "性别"),
    PERMANENT_RESIDENCE: ("永久居留", "NATIONALITY", "CARDNO", "DATEOFBIRTH", "中文姓名"),
    LICENCE: ("营业执照", "统一社会信用代码", "法定代表人", "注册资本", "经营范围", "住所"),
}
_ID_SHAPE = re.compile(r"[0-9]{17}[0-9X]")
_CODE_SHAPE = re.compile(r"[0-9A-Z]{18}")
_ENGLISH_HALF = re.compile(r"^/[A-Za-z .]*")
#: On one line, a gap wider than this many line heights separates two columns.
COLUMN_GAP = 4.0


def upright_boxes(raw: Sequence[tuple[Sequence[Point], str]]) -> list[Box]:
    """Boxes (four corners from the top-left, clockwise; text) turned back by their median slant."""
    slants = []
    for corners, _text in raw:
        (x0, y0), (x1, y1) = corners[0], corners[1]
        if abs(x1 - x0) > 1.5 * _height(corners):
            slants.append(math.atan2(y1 - y0, x1 - x0))
    angle = median(slants) if slants else 0.0
    cos, sin = math.cos(angle), math.sin(angle)
    boxes = []
    for corners, text in raw:
        xs = [x * cos + y * sin for x, y in corners]
        ys = [-x * sin + y * cos for x, y in corners]
        boxes.append(
            Box(
                text="".join(text.split()),
                raw=text.strip(),
                x0=min(xs),
                x1=max(xs),
                yc=(min(ys) + max(ys)) / 2,
                h=max(1.0, _height(corners)),
            )
        )
    return sorted(boxes, key=lambda b: (b.yc, b.x0))


def _height(corners: Sequence[Point]) -> float:
    (x0, y0), (x3, y3) = corners[0], corners[3]
    return math.hypot(x3 - x0, y3 - y0)


def document_kind(boxes: Sequence[Box]) -> str:
    """The kind whose marks appear most often in the text; "" when none does."""
    text = "".join(b.text for b in boxes).upper()
    scores = {kind: sum(mark in text for mark in marks) for kind, marks in _KIND_MARKS.items()}
    kind, best = max(scores.items(), key=lambda item: item[1])
    return kind if best >= 2 else ""


def _label_at(box: Box, label: Label) -> str | None:
    """The text after the label if ``box`` starts with it (or carries one of its keys)."""
    upper = box.text.upper()
    for prefix in label.prefixes:
        if upper.startswith(prefix.upper()):
            # A bilingual label (证件号码/Card No.) goes on with its English half.
            return _ENGLISH_HALF.sub("", box.text[len(prefix) :])
    for key in label.keys:
        at = upper.find(key)
        if at >= 0:
            return box.text[at + len(key) :]
    return None


def _same_line(a: Box, b: Box) -> bool:
    return abs(a.yc - b.yc) < 0.6 * max(a.h, b.h)


def read_fields(kind: str, boxes: Sequence[Box]) -> dict[str, str]:
    """Raw texts (spaces removed) per field id of ``kind``'s layout; absent fields missing."""
    labels, stops = LAYOUTS[kind]
    printed = [p for label in labels.values() for p in label.prefixes] + list(stops)
    boxes = join_spaced_labels(boxes, printed)
    found: dict[str, tuple[Box, str]] = {}
    stop_boxes: list[Box] = []
    for box in boxes:
        for field_id, label in labels.items():
            rest = _label_at(box, label)
            if rest is not None and field_id not in found:
                found[field_id] = (box, rest)
                stop_boxes.append(box)
                break
        else:
            if any(box.text.upper().startswith(s) or s in box.text.upper() for s in stops):
                stop_boxes.append(box)
    # A label read in the middle of a box (性别女民族高山: two fields read as one line).
    for field_id, label in labels.items():
        if field_id in found:
            continue
        inside = (
            (box, box.text.find(p), p) for box in boxes for p in label.prefixes if p in box.text
        )
        hit = next((h for h in inside if h[1] > 0), None)
        if hit is not None:
            box, at, prefix = hit
            found[field_id] = (box, _ENGLISH_HALF.sub("", box.text[at + len(prefix) :]))
    # A label printed inside a line (性别女民族汉) ends the value before it.
    inline = [p for label in labels.values() for p in label.prefixes]
    values: dict[str, str] = {}
    for field_id, (box, rest) in found.items():
        label = labels[field_id]
        if label.below:
            text = _below(box, boxes, stop_boxes)
        else:
            text = rest + _right_of(box, boxes, stop_boxes)
            text += _runs_on(box, boxes, stop_boxes, label.lines)
        for prefix in inline:
            cut = text.find(prefix)
            if cut > 0:
                text = text[:cut]
        # A colon after the label (姓名：…) is read as part of the value.
        text = text.lstrip(":：;；,，.。、")
        if text:
            values[field_id] = text
    _split_inline_fields(kind, values, found)
    _numbers_anywhere(kind, boxes, values)
    return values


def join_spaced_labels(boxes: Sequence[Box], printed: Sequence[str]) -> list[Box]:
    """Labels printed with wide spaces (名　　称, 住　　所, 姓　名) are often read as two boxes:
    a box that is the start of a label is joined with the box right of it on its line when that
    one goes on with the rest of the label."""
    out = list(boxes)
    for first in list(out):
        if first not in out:
            continue
        for label in printed:
            if not (first.text and label.startswith(first.text) and len(first.text) < len(label)):
                continue
            rest = label[len(first.text) :]
            partners = [
                b
                for b in out
                if b is not first
                and _same_line(b, first)
                and b.x0 > first.x0
                and b.x0 - first.x1 < COLUMN_GAP * first.h
                and b.text.startswith(rest)
            ]
            if partners:
                second = min(partners, key=lambda b: b.x0)
                joined = Box(
                    text=first.text + second.text,
                    raw=f"{first.raw}{second.raw}",
                    x0=first.x0,
                    x1=second.x1,
                    yc=(first.yc + second.yc) / 2,
                    h=max(first.h, second.h),
                )
                out[out.index(first)] = joined
                out.remove(second)
                break
    return sorted(out, key=lambda b: (b.yc, b.x0))


def _right_of(label: Box, boxes: Sequence[Box], stops: Sequence[Box]) -> str:
    """Texts on the label's line to its right, up to the next label on that line."""
    row = sorted(
        (b for b in boxes if b is not label and b.x0 > label.x0 and _same_line(b, label)),
        key=lambda b: b.x0,
    )
    parts = []
    edge = label.x1
    for b in row:
        if b in stops or b.x0 - edge > COLUMN_GAP * label.h:
            break
        parts.append(b.text)
        edge = b.x1
    return "".join(parts)


def _value_start(label: Box, boxes: Sequence[Box], stops: Sequence[Box]) -> float:
    """Where the value's first line starts: its own box right of the label, or inside it."""
    right = [b for b in boxes if b not in stops and b.x0 > label.x0 and _same_line(b, label)]
    if right:
        return min(b.x0 for b in right)
    # Label and value read as one box: the value starts after the label's characters.
    return label.x0 + (label.x1 - label.x0) * 0.25


def _runs_on(label: Box, boxes: Sequence[Box], stops: Sequence[Box], lines: int) -> str:
    """Continuation lines under the value's first line, aligned with it, until a label."""
    if lines <= 1:
        return ""
    start = _value_start(label, boxes, stops)
    parts: list[str] = []
    last = label
    for _ in range(lines - 1):
        candidates = [
            b
            for b in boxes
            if last.yc + 0.5 * last.h < b.yc < last.yc + 2.2 * max(last.h, b.h)
            and abs(b.x0 - start) < 1.5 * b.h
        ]
        if not candidates:
            break
        nearest = min(candidates, key=lambda b: b.yc)
        # A label of the same column at or above this line ends the value.
        if nearest in stops or any(
            label.yc < s.yc <= nearest.yc + 0.3 * s.h and abs(s.x0 - label.x0) < 3 * label.h
            for s in stops
        ):
            break
        parts.append(nearest.text)
        last = nearest
    return "".join(parts)


def _below(label: Box, boxes: Sequence[Box], stops: Sequence[Box]) -> str:
    """The line right under the label and starting about where it does, unless it is a label."""
    under = [
        b
        for b in boxes
        if label.yc + 0.4 * label.h < b.yc < label.yc + 2.5 * label.h
        and abs(b.x0 - label.x0) < 2 * label.h
    ]
    if not under:
        return ""
    nearest = min(under, key=lambda b: b.yc)
    return "" if nearest in stops else nearest.raw


def _split_inline_fields(
    kind: str, values: dict[str, str], found: dict[str, tuple[Box, str]]
) -> None:
    """Per-kind tidying of what was read beside a label."""
    if kind == PERMANENT_RESIDENCE:
        latin = values.pop("latin_name", "")
        if not values.get("name") and latin:
            # ``NGUYEN,SOPHIE`` and ``NGUYEN, SOPHIE`` are the same printed name.
            values["name"] = re.sub(r"\s*,\s*", ", ", " ".join(latin.split())).upper()
        for key in ("gender", "nationality"):
            if key in values:
                values[key] = values[key].split("/")[0].strip()
        if "birth_date" in values:
            values["birth_date"] = "".join(values["birth_date"].split())


def _numbers_anywhere(kind: str, boxes: Sequence[Box], values: dict[str, str]) -> None:
    """The 18-character number as read beside its label; when that label was not read at all,
    the one box anywhere whose whole text has the number's shape (a misread label must not lose
    a clear number). Nothing is cut out of a longer text: that would be a guess."""
    key, shape = ("credit_code", _CODE_SHAPE) if kind == LICENCE else ("id_number", _ID_SHAPE)
    if key in values:
        values[key] = values[key].upper()
        return
    whole = {b.text.upper() for b in boxes if shape.fullmatch(b.text.upper())}
    if len(whole) == 1:
        values[key] = whole.pop()
