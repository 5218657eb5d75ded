"""居民身份证号 (GB 11643-1999): 18 characters, ISO 7064 MOD 11-2 check digit, a birth date
inside that must agree with any birth date given separately."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from desktop.core.errors import ValidationError

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
# GB/T 2260 province-level codes and 71 台湾; 81/82/83 start the 港澳台居民居住证 numbers;
# 91 (国外) is accepted as the common validators do, though it breaks the "first digit 1-8" rule.
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
        91,
    }
)
EARLIEST_BIRTH = date(1900, 1, 1)
_SHAPE = re.compile(r"[0-9]{17}[0-9X]")


@dataclass(frozen=True, slots=True)
class IdNumberInfo:
    number: str
    region_code: str
    birth_date: date
    gender: str  # "男" / "女"


def id_check_digit(first17: str) -> str:
    """The 18th character for the first 17 digits (ISO 7064 MOD 11-2)."""
    return CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def check_id_number(
    value: str,
    birth_date: date | None = None,
    *,
    today: date | None = None,
    field: str = "id_number",
) -> IdNumberInfo:
    """Normalise (no spaces, upper-case X) and check an ID number; refuse with the reason."""
    number = "".join(str(value).split()).upper()

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
    # 外国人永久居留身份证 (2023): 9, then the province code of the issuing office.
    permanent = number[0] == "9" and int(number[1:3]) in PROVINCES
    if int(number[:2]) not in PROVINCES and not permanent:
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
    return IdNumberInfo(number=number, region_code=number[:6], birth_date=born, gender=gender)


def mask_id_number(value: str) -> str:
    """Keep the region (6) and the last 4: enough for a clerk to match, not to misuse."""
    if len(value) <= 10:
        # Too short to keep both ends without showing most of it: hide everything.
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]
