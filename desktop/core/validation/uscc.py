"""统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet, the last one a
mod-31 check character over the first 17."""

from __future__ import annotations

from desktop.core.errors import ValidationError

# I, O, Z, S, V are left out of the code so they are never confused with 1, 0, 2, 5 and U.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# What a forbidden letter most likely was meant to be, to tell the user which key to press.
_LOOKALIKES = {"I": "1", "O": "0", "Z": "2", "S": "5"}


def credit_code_check_char(first17: str) -> str:
    """The 18th character for the first 17 (weights 3^i mod 31, check = 31 - sum mod 31)."""
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def check_credit_code(value: str, *, field: str = "credit_code") -> str:
    """Normalise (no spaces, upper case) and check a credit code; refuse with the reason."""
    code = "".join(str(value).split()).upper()
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
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        raise ValidationError(
            f"统一社会信用代码最后一位校验码不对（应为 {expected}），请核对营业执照后重新输入。",
            field=field,
        )
    return code
