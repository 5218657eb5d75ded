"""居民身份证号 (GB 11643-1999): 18 characters, ISO 7064 MOD 11-2 check digit, a birth date
inside that must agree with any birth date given separately.

The same 18-character shape and check digit are used by the 港澳台居民居住证 (first digits
81/82/83, 国务院办公厅 2018) and by the 2023 外国人永久居留身份证 (first digit 9, then the
issuing province's code, the nationality code, the birth date and a check digit; 国家移民管理局
公告 2023), so one check reads all three and says which document the number belongs to. The
check digit comes from python-stdnum (``stdnum.cn.ric``)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from operator import mul

from stdnum.cn import ric

from desktop.core.errors import ValidationError

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
# GB/T 2260 province-level codes and 71 台湾; 81/82/83 start the 港澳台居民居住证 numbers.
# A first digit 9 is the 外国人永久居留身份证 (its next two digits are a province code).
PROVINCES = frozenset(
    {
        11,
        12,
        13,
        14,
        15,
        21,
        22,
        23,
        31,
        32,
        33,
        34,
        35,
        36,
        37,
        41,
        42,
        43,
        44,
        45,
        46,
        50,
        51,
        52,
        53,
        54,
        61,
        62,
        63,
        64,
        65,
        71,
        81,
        82,
        83,
    }
)
#: 证件类型 of a party, in the order a form lists them. The first three are read and checked
#: from the number; a passport or other document is kept as typed.
ID_TYPES = ("居民身份证", "外国人永久居留身份证", "港澳台居民居住证", "护照", "其他证件")
CHECKED_ID_TYPES = ID_TYPES[:3]
RESIDENT, FOREIGN_PR, HMT = CHECKED_ID_TYPES
# Chinese input methods often leave full-width digits (and a full-width X) in the text.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789XX")
EARLIEST_BIRTH = date(1900, 1, 1)
_GROUP_HYPHENS = frozenset("-－‐‑–—")
_SHAPE = re.compile(r"[0-9]{17}[0-9X]")


@dataclass(frozen=True, slots=True)
class IdNumberInfo:
    number: str
    region_code: str
    birth_date: date
    gender: str  # "男" / "女"
    id_type: str = RESIDENT  # one of CHECKED_ID_TYPES


def id_type_of(number: str) -> str:
    """The document an 18-character number belongs to, from its first digits."""
    if number.startswith("9"):
        return FOREIGN_PR
    if number[:2] in ("81", "82", "83"):
        return HMT
    return RESIDENT


def id_check_digit(first17: str) -> str:
    """The 18th character for the first 17 digits (ISO 7064 MOD 11-2, via stdnum.cn.ric)."""
    if len(first17) != 17 or not (first17.isascii() and first17.isdigit()):
        raise ValueError("id_check_digit needs 17 ASCII digits")
    return ric.calc_check_digit(first17 + "0")


_CHECK_CHARS = "10X98765432"


def is_plain_valid_resident(text: str, latest: date) -> bool:
    """True when ``text`` is already a normal 18-character 居民身份证号 that
    :func:`check_id_number` (``today=latest``) accepts as it stands: ASCII digits (last one may be
    X), a province code, a real birth date from 1900 to ``latest``, the right check digit (ISO
    7064 MOD 11-2). False means "not decided here": call :func:`check_id_number`. A fast path
    for numbers in received packages (2 per case), which are all in this form; it never accepts
    a number the full check refuses (tests/core/test_idcard_fast.py compares both)."""
    if len(text) != 18 or not _SHAPE.fullmatch(text) or not text.isascii():
        return False
    if text[0] == "9" or text[:2] in ("81", "82", "83") or int(text[:2]) not in PROVINCES:
        return False
    try:
        born = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return False
    if born > latest or born < EARLIEST_BIRTH:
        return False
    total = sum(map(mul, map(int, text[:17]), WEIGHTS))
    return text[17] == _CHECK_CHARS[total % 11]


def _unseen_and_separators(text: str) -> str:
    """Text pasted from a web page, a chat or Word carries characters nobody sees (zero-width
    space, BOM, direction marks, soft hyphen: Unicode category Cf), and numbers are often written
    in groups with hyphens (330482-19900101-1232): both dropped, like spaces, so the count of
    digits the refusal names is the count the user sees."""
    if text.isascii():
        # No ASCII character is of category Cf; the only grouping hyphen in ASCII is "-".
        # (Every ID number of an imported package passes here: 2 per case.)
        return text.replace("-", "")
    return "".join(
        ch for ch in text if ch not in _GROUP_HYPHENS and unicodedata.category(ch) != "Cf"
    )


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def check_id_number(
    value: str,
    birth_date: date | None = None,
    *,
    today: date | None = None,
    field: str = "id_number",
    id_type: str | None = None,
) -> IdNumberInfo:
    """Normalise (no spaces, full-width digits and X read as ASCII, upper-case X) and check an
    ID number of a 居民身份证, 港澳台居民居住证 or 外国人永久居留身份证; refuse with the reason.
    ``id_type``, when given, is the 证件类型 the user chose: a number of another document is
    refused with a sentence naming the right one. Raises ValidationError."""
    number = "".join(_unseen_and_separators(str(value)).translate(_FULL_WIDTH).split()).upper()

    def refuse(message: str) -> ValidationError:
        return ValidationError(message, field=field)

    if not number:
        raise refuse("没有填写身份证号，请填写 18 位的身份证号。")
    if len(number) == 15 and number.isascii() and number.isdigit():
        # Pre-1999 numbers carry no check digit; upgrading them by formula would only guess
        # the century, so the person's current card is the reliable source.
        raise refuse("这是 15 位的旧身份证号，请填写 18 位的新身份证号（见当事人现在的身份证）。")
    if len(number) != 18:
        raise refuse(f"身份证号应为 18 位，现在是 {len(number)} 位，请核对。")
    # ASCII only: str.isdigit() would let "²" or "١" through to int() and the check digit.
    if not _SHAPE.fullmatch(number):
        raise refuse("身份证号前 17 位必须是数字，最后一位是数字或 X，请核对。")
    kind = id_type_of(number)
    if id_type is not None and id_type != kind:
        raise refuse(
            f"这个号码是{kind}的号码（{_why(kind)}），与所选证件类型“{id_type}”不一致，"
            f"请把证件类型改为{kind}，或核对号码。"
        )
    if kind == FOREIGN_PR:
        if int(number[1:3]) not in PROVINCES or number[1] in "78":
            raise refuse(
                "外国人永久居留身份证号第 2、3 位应是受理地的省级代码，"
                f"“{number[1:3]}”不存在，请核对。"
            )
    elif int(number[:2]) not in PROVINCES:
        raise refuse(f"身份证号开头的地区代码“{number[:2]}”不存在，请核对前两位。")
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise refuse(f"身份证号第 7 到 14 位的出生日期“{number[6:14]}”不存在，请核对。") from None
    now = today or date.today()
    if born > now:
        raise refuse(f"身份证号中的出生日期 {_cn(born)} 晚于今天，不合理，请核对第 7 到 14 位。")
    if born < EARLIEST_BIRTH:
        raise refuse(
            f"身份证号中的出生日期 {_cn(born)} 早于 1900 年，不合理，请核对第 7 到 14 位。"
        )
    expected = id_check_digit(number[:17])
    if number[17] != expected:
        raise refuse(f"身份证号最后一位校验码不对（按前 17 位应为 {expected}），请核对后重新输入。")
    if birth_date is not None and birth_date != born:
        raise refuse(
            f"身份证号中的出生日期是 {_cn(born)}，"
            f"与填写的出生日期 {_cn(birth_date)} 不一致，请核对。"
        )
    gender = "男" if int(number[16]) % 2 == 1 else "女"
    return IdNumberInfo(
        number=number, region_code=number[:6], birth_date=born, gender=gender, id_type=kind
    )


def _why(kind: str) -> str:
    if kind == FOREIGN_PR:
        return "以 9 开头"
    if kind == HMT:
        return "以 81、82 或 83 开头"
    return "以省份代码开头"


def mask_id_number(value: str) -> str:
    """Keep the region (6) and the last 4: enough for a clerk to match, not to misuse."""
    if len(value) <= 10:
        # Too short to keep both ends without showing most of it: hide everything.
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]
