"""Mainland mobile and landline numbers, normalised so the same number is stored one way."""

from __future__ import annotations

import re

from desktop.core.errors import ValidationError

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^(0\d{2,3})(\d{7,8})(?:(?:转|-|#)(\d{1,6}))?$")


def check_phone(value: str, *, field: str = "phone") -> str:
    raw = str(value).strip()
    compact = re.sub(r"[\s()（）\-－]", "", raw.replace("转", "转"))
    compact = re.sub(r"^(\+86|0086)", "", compact)
    if _MOBILE.match(compact):
        return compact
    # Keep the extension separator before stripping hyphens (e.g. 0573-85123456-123).
    ext_split = re.split(r"(?:转|#|-(?=\d{1,6}$))", re.sub(r"[\s()（）]", "", raw))
    digits = re.sub(r"\D", "", ext_split[0])
    digits = digits[2:] if digits.startswith("86") and len(digits) > 11 else digits
    ext = ext_split[1] if len(ext_split) > 1 and ext_split[1].isdigit() else ""
    m = _LANDLINE.match(digits + (f"-{ext}" if ext else ""))
    if m and len(digits) >= 10:
        return f"{m[1]}-{m[2]}" + (f"-{m[3]}" if m[3] else "")
    raise ValidationError(
        f"电话号码“{raw}”不对：手机号应为 1 开头的 11 位数字，座机请带区号，例如 0573-85123456。", field=field
    )


def mask_phone(value: str) -> str:
    if len(value) == 11 and value.isdigit():
        return value[:3] + "****" + value[-4:]
    if len(value) > 4:
        return "*" * (len(value) - 4) + value[-4:]
    return "*" * len(value)
