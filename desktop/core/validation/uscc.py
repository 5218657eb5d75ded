"""统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet, the last one a
mod-31 check character over the first 17 (via python-stdnum, ``stdnum.cn.uscc``). Characters
9-17 are the organisation's 组织机构代码 (GB 11714-1997), whose own last character is a mod-11
check over its first eight; stdnum does not check that one, so it is checked here."""

from __future__ import annotations

import unicodedata

from stdnum.cn import uscc

from desktop.core.errors import ValidationError

# I, O, Z, S, V are left out of the code so they are never confused with 1, 0, 2, 5 and U.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# What a forbidden letter most likely was meant to be, to tell the user which key to press.
_LOOKALIKES = {"I": "1", "O": "0", "Z": "2", "S": "5"}


def credit_code_check_char(first17: str) -> str:
    """The 18th character for the first 17 (weights 3^i mod 31, check = 31 - sum mod 31)."""
    return uscc.calc_check_digit(first17)


#: GB 11714-1997 weights of the organisation code's eight body characters.
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def org_code_check_char(body8: str) -> str:
    """The 9th character of a 组织机构代码 for its first eight (digits, or letters A=10 …
    Z=35): C = 11 - (sum of value x weight mod 11); 10 is written X and 11 is written 0."""
    total = sum(int(c, 36) * w for c, w in zip(body8, ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def check_credit_code(value: str, *, field: str = "credit_code") -> str:
    """Normalise (no spaces, full-width letters and digits read as ASCII, upper case) and
    check a credit code, its check character and its inner organisation code; refuse with the
    reason (ValidationError)."""
    # Characters nobody sees (zero-width space, BOM, direction marks: category Cf), pasted
    # with the code, are dropped like spaces.
    seen = "".join(ch for ch in str(value) if unicodedata.category(ch) != "Cf")
    code = unicodedata.normalize("NFKC", "".join(seen.split())).upper()
    if not code:
        raise ValidationError("没有填写统一社会信用代码，请照营业执照填写 18 位代码。", field=field)
    if len(code) != 18:
        raise ValidationError(
            f"统一社会信用代码应为 18 位，现在是 {len(code)} 位，请核对。", field=field
        )
    bad = sorted({c for c in code if c not in ALPHABET})
    if bad:
        hints = [f"{c} 可能是数字 {_LOOKALIKES[c]}" for c in bad if c in _LOOKALIKES]
        hint = f"（{'，'.join(hints)}）" if hints else ""
        raise ValidationError(
            f"统一社会信用代码中不能有“{'、'.join(bad)}”{hint}：代码不使用 I、O、Z、S、V，请核对。",
            field=field,
        )
    inner = code[8:17]
    inner_expected = org_code_check_char(inner[:8])
    if inner[8] != inner_expected:
        raise ValidationError(
            f"统一社会信用代码第 9 到 17 位的组织机构代码“{inner}”校验不对（第 17 位应为 "
            f"{inner_expected}），请核对营业执照后重新输入。",
            field=field,
        )
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        raise ValidationError(
            f"统一社会信用代码最后一位校验码不对（应为 {expected}），请核对营业执照后重新输入。",
            field=field,
        )
    return code
