"""居民身份证号 (GB 11643-1999): 18 characters, ISO 7064 MOD 11-2 check digit, a birth date
inside that must agree with any birth date given separately."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.core.errors import ValidationError

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
PROVINCES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
     50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91}
)


@dataclass(frozen=True, slots=True)
class IdNumberInfo:
    number: str
    region_code: str
    birth_date: date
    gender: str  # "男" / "女"


def id_check_digit(first17: str) -> str:
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
    number = "".join(str(value).split()).upper()

    def refuse(message: str) -> ValidationError:
        return ValidationError(message, field=field)

    if len(number) == 15 and number.isdigit():
        raise refuse("这是 15 位的旧身份证号，请填写 18 位的新身份证号。")
    if len(number) != 18:
        raise refuse(f"身份证号应为 18 位，现在是 {len(number)} 位，请核对。")
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise refuse("身份证号前 17 位必须是数字，最后一位是数字或 X，请核对。")
    if int(number[:2]) not in PROVINCES:
        raise refuse(f"身份证号开头的地区代码“{number[:2]}”不存在，请核对前两位。")
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise refuse(f"身份证号第 7 到 14 位的出生日期“{number[6:14]}”不存在，请核对。") from None
    if born < date(1900, 1, 1) or born > (today or date.today()):
        raise refuse(f"身份证号中的出生日期 {_cn(born)} 不合理，请核对。")
    expected = id_check_digit(number[:17])
    if number[17] != expected:
        raise refuse(f"身份证号最后一位校验码不对（按前 17 位应为 {expected}），请核对后重新输入。")
    if birth_date is not None and birth_date != born:
        raise refuse(
            f"身份证号中的出生日期是 {_cn(born)}，与填写的出生日期 {_cn(birth_date)} 不一致，请核对。"
        )
    gender = "男" if int(number[16]) % 2 == 1 else "女"
    return IdNumberInfo(number=number, region_code=number[:6], birth_date=born, gender=gender)


def mask_id_number(value: str) -> str:
    """Keep the region (6) and the last 4: enough for a clerk to match, not to misuse."""
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]
