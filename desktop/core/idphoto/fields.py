"""What a reading of an ID photo gives, and the checks every field passes before it is offered:
a field the checks refuse is left empty with the reason, never filled with a guess.

Field ids are the party field ids of the workflow file (``name``, ``gender``, ``ethnicity``,
``birth_date`` as ISO text, ``address``, ``id_number``, ``credit_code``, ``legal_rep``), plus
``nationality`` for the permanent-residence card (shown, not saved: parties have no such field).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.core.errors import ValidationError
from desktop.core.validation.idcard import check_id_number
from desktop.core.validation.uscc import check_credit_code

ID_CARD = "居民身份证"
PERMANENT_RESIDENCE = "外国人永久居留身份证"
LICENCE = "营业执照"

#: The 56 民族 as printed on the resident ID card (GB/T 3304-1991, without the trailing 族).
ETHNICITIES = frozenset(
    {
        "汉",
        "蒙古",
        "回",
        "藏",
        "维吾尔",
        "苗",
        "彝",
        "壮",
        "布依",
        "朝鲜",
        "满",
        "侗",
        "瑶",
        "白",
        "土家",
        "哈尼",
        "哈萨克",
        "傣",
        "黎",
        "傈僳",
        "佤",
        "畲",
        "高山",
        "拉祜",
        "水",
        "东乡",
        "纳西",
        "景颇",
        "柯尔克孜",
        "土",
        "达斡尔",
        "仫佬",
        "羌",
        "布朗",
        "撒拉",
        "毛南",
        "仡佬",
        "锡伯",
        "阿昌",
        "普米",
        "塔吉克",
        "怒",
        "乌孜别克",
        "俄罗斯",
        "鄂温克",
        "德昂",
        "保安",
        "裕固",
        "京",
        "塔塔尔",
        "独龙",
        "鄂伦春",
        "赫哲",
        "门巴",
        "珞巴",
        "基诺",
    }
)

#: Labels shown to the mediator beside each field.
LABELS = {
    "name": "姓名或名称",
    "gender": "性别",
    "ethnicity": "民族",
    "birth_date": "出生日期",
    "address": "住址或住所",
    "id_number": "证件号码",
    "nationality": "国籍",
    "credit_code": "统一社会信用代码",
    "legal_rep": "法定代表人",
}
#: What the document itself prints for a field, where that differs from LABELS.
_PRINTED = {
    ID_CARD: {"name": "姓名", "address": "住址", "id_number": "公民身份号码"},
    PERMANENT_RESIDENCE: {"name": "姓名", "birth_date": "出生日期"},
    LICENCE: {"name": "名称", "address": "住所"},
}


def label_of(kind: str, key: str) -> str:
    """The field's name as printed on documents of ``kind`` (名称 on a licence, 姓名 on a card)."""
    return _PRINTED.get(kind, {}).get(key, LABELS[key])


#: Which fields each document carries, in the order they are shown.
FIELDS_OF = {
    ID_CARD: ("name", "gender", "ethnicity", "birth_date", "address", "id_number"),
    PERMANENT_RESIDENCE: ("name", "gender", "birth_date", "nationality", "id_number"),
    LICENCE: ("name", "credit_code", "legal_rep", "address"),
}

_PERSON_ONLY = ("gender", "ethnicity", "birth_date", "id_number")
_COMPANY_ONLY = ("credit_code", "legal_rep")
_PERSON_NAME = re.compile(r"[\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,10})*")
_LATIN_NAME = re.compile(r"[A-Z][A-Z' -]*(?:, ?[A-Z][A-Z' -]*)?")
_DATE_CN = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_DATE_DOT = re.compile(r"(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})")


@dataclass
class Reading:
    """The outcome of reading one photo.

    ``kind`` is one of ID_CARD / PERMANENT_RESIDENCE / LICENCE, or "" when no known document was
    recognised (``problems[""]`` then says why). ``fields`` holds only values that passed their
    checks; ``problems`` maps a field id to the Chinese reason it was left empty. ``seconds`` is
    the recognition time (wall clock) and ``lines`` the raw text read, top to bottom.
    """

    kind: str = ""
    fields: dict[str, str] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "fields": self.fields,
            "problems": self.problems,
            "lines": self.lines,
            "seconds": round(self.seconds, 3),
        }

    def party_values(self) -> dict[str, Any]:
        """The fields as party values for the store (dates as ``date``; 单位 for a licence).
        The fields of the other kind of party are emptied (None): a licence read into a form
        that held a person's ID number must not leave it there."""
        other = _PERSON_ONLY if self.kind == LICENCE else _COMPANY_ONLY
        values: dict[str, Any] = dict.fromkeys(other)
        values.update((k, v) for k, v in self.fields.items() if k in LABELS and k != "nationality")
        if values.get("birth_date"):
            values["birth_date"] = date.fromisoformat(values["birth_date"])
        values["kind"] = "单位" if self.kind == LICENCE else "自然人"
        return values


def parse_date(text: str) -> date | None:
    """``1990年1月1日`` or ``1990.01.01`` (spaces ignored) as a date; None if no real date."""
    compact = "".join(text.split())
    match = _DATE_CN.search(compact) or _DATE_DOT.search(compact)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def check_permanent_residence_number(value: str) -> tuple[date, str]:
    """外国人永久居留身份证 number (2023 version): ``9`` + province code (2) + country code
    (3, GB/T 2659) + birth date (8) + sequence (3, odd = 男) + GB 11643 check digit. Returns
    (birth date, sex); raises ValidationError with the reason."""
    info = check_id_number(value, field="id_number")
    if info.number[0] != "9":
        raise ValidationError("永久居留身份证号应以 9 开头，请核对。", field="id_number")
    return info.birth_date, info.gender


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def verify(kind: str, raw: dict[str, str], *, today: date | None = None) -> Reading:
    """Check the raw texts read for ``kind`` and keep only what holds.

    Rules: the ID number's check digit (GB 11643-1999) and the credit code's check character
    (GB 32100-2015) must hold; the birth date and sex encoded in the ID number must agree with the
    出生 and 性别 read (when they were read: a missing one is filled from the number, which is
    derived, not guessed); names, 民族 and dates must have their printed shape.
    """
    reading = Reading(kind=kind)
    out, problems = reading.fields, reading.problems
    for key in FIELDS_OF[kind]:
        text = raw.get(key, "").strip()
        if not text:
            problems[key] = f"没有认出{label_of(kind, key)}，请照证件填写。"
            continue
        if key == "legal_rep" or (key == "name" and kind != LICENCE):
            name = text.replace("•", "·").replace(".", "·")
            if _PERSON_NAME.fullmatch(name) or (
                kind == PERMANENT_RESIDENCE and _LATIN_NAME.fullmatch(text)
            ):
                out[key] = name if _PERSON_NAME.fullmatch(name) else text
            else:
                problems[key] = f"认出的{label_of(kind, key)}“{text}”不像人名，请照证件填写。"
        elif key == "name":
            if len(text) >= 4:
                out[key] = text
            else:
                problems[key] = f"认出的名称“{text}”太短，请照营业执照填写。"
        elif key == "gender":
            first = text[0]
            if first in "男女":
                out[key] = first
            else:
                problems[key] = "没有认清性别，请照证件选择。"
        elif key == "ethnicity":
            bare = text.removesuffix("族")
            if bare in ETHNICITIES:
                out[key] = bare + "族"
            else:
                problems[key] = f"认出的民族“{text}”不是 56 个民族之一，请照证件填写。"
        elif key == "birth_date":
            born = parse_date(text)
            if born is None or born > (today or date.today()) or born.year < 1900:
                problems[key] = f"认出的出生日期“{text}”不是有效日期，请照证件填写。"
            else:
                out[key] = born.isoformat()
        elif key == "address":
            if len(text) >= 6:
                out[key] = text
            else:
                problems[key] = f"认出的地址“{text}”不完整，请照证件填写。"
        elif key == "nationality":
            out[key] = text.split("/")[0]
        elif key == "credit_code":
            try:
                out[key] = check_credit_code(text)
            except ValidationError as exc:
                problems[key] = f"认出的代码“{text}”没有通过校验：{exc.message}"
        elif key == "id_number":
            _check_number(kind, text, reading, today)
    return reading


def _check_number(kind: str, text: str, reading: Reading, today: date | None) -> None:
    out, problems = reading.fields, reading.problems
    try:
        if kind == PERMANENT_RESIDENCE:
            born, sex = check_permanent_residence_number(text)
        else:
            info = check_id_number(text, today=today, field="id_number")
            born, sex = info.birth_date, info.gender
    except ValidationError as exc:
        problems["id_number"] = f"认出的号码“{text}”没有通过校验：{exc.message}"
        return
    number = "".join(text.split()).upper()
    clashes = []
    if "birth_date" in out and out["birth_date"] != born.isoformat():
        clashes.append(("birth_date", f"号码中的出生日期是{_cn(born)}"))
    if "gender" in out and out["gender"] != sex:
        clashes.append(("gender", f"号码显示性别为{sex}"))
    if clashes:
        # Either the number or the other field was misread: neither is offered.
        reason = "，".join(c[1] for c in clashes)
        problems["id_number"] = f"认出的号码与证件上的其他内容不一致（{reason}），请照证件填写。"
        for key, _ in clashes:
            problems[key] = f"与认出的号码不一致（{reason}），请照证件填写。"
            del out[key]
        return
    out["id_number"] = number
    if "birth_date" not in out:
        out["birth_date"] = born.isoformat()
        problems.pop("birth_date", None)
    if "gender" not in out:
        out["gender"] = sex
        problems.pop("gender", None)
