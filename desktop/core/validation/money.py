"""Money is exact: stored in fen (分) as integers, never floats; shown in yuan with two
decimals and, on documents, in Chinese financial capitals."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from desktop.core.errors import ValidationError

DIGITS = "零壹贰叁肆伍陆柒捌玖"
SMALL_UNITS = ("", "拾", "佰", "仟")
GROUP_UNITS = ("", "万", "亿", "万亿")
MAX_YUAN = 10**12


def parse_yuan(value: str | int | Decimal) -> int:
    """Yuan as typed ("12,000.5", "¥12000元", full-width digits) to fen."""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        amount = Decimal(value)
        shown = str(value)
    else:
        shown = str(value).strip()
        text = shown.translate({ord(c): ord("0") + i for i, c in enumerate("０１２３４５６７８９")})
        text = text.replace("．", ".").replace("，", ",")
        text = re.sub(r"^(人民币|¥|￥|RMB)", "", text.strip()).removesuffix("元").strip().replace(",", "")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValidationError(f"金额“{shown}”不是数字，请只填数字，例如 12000 或 12000.50。") from None
    if not amount.is_finite():
        raise ValidationError(f"金额“{shown}”不是数字，请只填数字。")
    if amount < 0:
        raise ValidationError("金额不能是负数。")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError(f"金额“{shown}”最多只能有两位小数（到分）。")
    if amount >= MAX_YUAN:
        raise ValidationError(f"金额“{shown}”太大了，请核对。")
    return int(amount * 100)


def format_yuan(fen: int) -> str:
    return f"{fen // 100:,}.{fen % 100:02d}"


def _group(n: int) -> str:
    """0 < n < 10000 -> e.g. 1001 -> 壹仟零壹; leading zeros are handled by the caller."""
    out = ""
    zero = False
    for pos in range(3, -1, -1):
        d = n // 10**pos % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += DIGITS[d] + SMALL_UNITS[pos]
    return out


def _yuan_words(yuan: int) -> str:
    groups: list[int] = []
    while yuan:
        groups.append(yuan % 10000)
        yuan //= 10000
    out = ""
    need_zero = False
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            need_zero = bool(out)
            continue
        if out and (need_zero or g < 1000):
            out += "零"
        need_zero = False
        out += _group(g) + GROUP_UNITS[i]
    return out


def capital_amount(fen: int) -> str:
    """人民币 in capitals: 1200050 -> 人民币壹万贰仟元伍角."""
    if fen < 0:
        raise ValueError("negative amount")
    yuan, jiao, cent = fen // 100, fen // 10 % 10, fen % 10
    out = "人民币"
    if yuan:
        out += _yuan_words(yuan) + "元"
    if jiao == 0 and cent == 0:
        return out + ("整" if yuan else "零元整")
    if jiao:
        out += DIGITS[jiao] + "角"
    elif yuan:
        out += "零"
    if cent:
        out += DIGITS[cent] + "分"
    return out
