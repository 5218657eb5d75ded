"""Money is exact: stored in fen (分) as integers, never floats; shown in yuan with two
decimals and, on documents, in Chinese financial capitals."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from desktop.core.errors import ValidationError

DIGITS = "零壹贰叁肆伍陆柒捌玖"
SMALL_UNITS = ("", "拾", "佰", "仟")
MAX_YUAN = 10**12
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")
_PREFIX = re.compile(r"^(人民币|¥|￥|RMB)")


def _not_a_number(shown: str) -> str:
    return f"金额“{shown}”不是数字，请只填数字，例如 12000 或 12000.50。"


def parse_yuan(value: str | int | Decimal, *, field: str | None = None) -> int:
    """Yuan as typed ("12,000.5", "¥12000元", full-width digits) to fen."""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        amount = Decimal(value)
        shown = str(value)
    else:
        shown = str(value).strip()
        text = _PREFIX.sub("", shown.translate(_FULL_WIDTH)).removesuffix("元")
        text = re.sub(r"[,\s]", "", text)
        if not text:
            raise ValidationError("没有填写金额，请填写数字，例如 12000 或 12000.50。", field=field)
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValidationError(_not_a_number(shown), field=field) from None
    if not amount.is_finite():
        raise ValidationError(_not_a_number(shown), field=field)
    if amount < 0:
        raise ValidationError(f"金额不能是负数（填写的是“{shown}”），请填写正数或 0。", field=field)
    # The size test comes before quantize: a huge exponent would make quantize itself fail.
    if amount > MAX_YUAN:
        raise ValidationError(f"金额“{shown}”太大了（超过一万亿元），请核对。", field=field)
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError(f"金额“{shown}”最多只能有两位小数（到分），请核对。", field=field)
    return int(amount * 100)


def format_yuan(fen: int) -> str:
    """1200050 -> "12,000.50": thousands separated, always two decimals."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return f"{sign}{yuan:,}.{cents:02d}"


def _thousands(n: int) -> str:
    """0 < n < 10000 -> e.g. 1001 -> 壹仟零壹; one 零 for a run of zeros inside, none at the end."""
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


def _integer_words(n: int) -> str:
    """n > 0 in sections 亿 / 万 / units; the 亿 section may itself be large (壹万贰仟亿)."""
    sections = ((n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, ""))
    out = ""
    skipped = False
    for value, unit in sections:
        if value == 0:
            # A whole zero section between two spoken ones is read as one 零 (壹亿零壹元).
            skipped = bool(out)
            continue
        words = _integer_words(value) if value >= 10**4 else _thousands(value)
        # Zeros at the top of this section (壹万零伍佰) or a skipped section need one 零; the
        # zeros at the end of the section before do not (壹拾万柒仟, per 支付结算办法).
        if out and (skipped or value < 1000):
            out += "零"
        skipped = False
        out += words + unit
    return out


def capital_amount(fen: int) -> str:
    """人民币 in capitals: 1200050 -> 人民币壹万贰仟元伍角."""
    if fen < 0:
        raise ValueError("capital_amount needs a non-negative amount in fen")
    yuan, jiao, cent = fen // 100, fen // 10 % 10, fen % 10
    out = "人民币"
    if yuan:
        out += _integer_words(yuan) + "元"
    if jiao == 0 and cent == 0:
        return out + ("整" if yuan else "零元整")
    if jiao:
        out += DIGITS[jiao] + "角"
    elif yuan:
        # 壹元零伍分: without the 零 the 伍分 could be misread as 伍角.
        out += "零"
    if cent:
        out += DIGITS[cent] + "分"
    return out
