"""统一社会信用代码 (GB 32100-2015): 18 characters, check character mod 31."""

from __future__ import annotations

from desktop.core.errors import ValidationError

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17: str) -> str:
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def check_credit_code(value: str, *, field: str = "credit_code") -> str:
    code = "".join(str(value).split()).upper()
    if len(code) != 18:
        raise ValidationError(f"统一社会信用代码应为 18 位，现在是 {len(code)} 位，请核对。", field=field)
    bad = sorted({c for c in code if c not in ALPHABET})
    if bad:
        raise ValidationError(
            f"统一社会信用代码中不能有“{'、'.join(bad)}”（不使用 I、O、Z、S、V），请核对。", field=field
        )
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        raise ValidationError(
            f"统一社会信用代码最后一位校验码不对（应为 {expected}），请核对营业执照后重新输入。", field=field
        )
    return code
