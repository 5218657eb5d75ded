"""Mainland mobile and landline numbers, normalised so the same number is stored one way:
mobiles as 11 digits, landlines as 0573-85123456 (or 0573-85123456-123 with an extension)."""

from __future__ import annotations

import re

from desktop.core.errors import ValidationError

_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
# A bare "86" is only taken as the country code in front of a full mobile number; elsewhere
# it could be the start of a local number.
_COUNTRY = re.compile(r"^(\+86|0086|86(?=1[0-9]{10}$))")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９－＋", "0123456789-+")


def _area_length(digits: str) -> int:
    """Beijing (010) and the 02X cities have 3-digit area codes; every other one has 4."""
    return 3 if digits.startswith(("010", "02")) else 4


def _landline(text: str) -> str | None:
    """ "0573-85123456转123" and its spellings -> "0573-85123456-123"; None if not a landline."""
    ext = ""
    if re.search(r"转|分机|#", text):
        text, ext = re.split(r"转|分机|#", text, maxsplit=1)
        text = text.rstrip("-")
    parts = [p for p in text.split("-") if p]
    if len(parts) == 3:
        parts, ext = parts[:2], parts[2]
    elif len(parts) == 2 and len(parts[0]) >= 10 and len(parts[1]) <= 6:
        # "057385123456-123": the hyphen separates the extension, not the area code.
        parts, ext = [parts[0]], parts[1]
    if len(parts) == 2:
        area, local = parts
    elif len(parts) == 1:
        digits = parts[0]
        # A landline never starts with 8, so a leading 86 can only be the country code.
        digits = digits[2:] if digits.startswith("86") and len(digits) > 12 else digits
        cut = _area_length(digits)
        area, local = digits[:cut], digits[cut:]
    else:
        return None
    if not (re.fullmatch(r"0[0-9]{2,3}", area) and re.fullmatch(r"[0-9]{7,8}", local)):
        return None
    if ext and not re.fullmatch(r"[0-9]{1,6}", ext):
        return None
    return f"{area}-{local}" + (f"-{ext}" if ext else "")


def check_phone(value: str, *, field: str = "phone") -> str:
    """A mobile or landline number as typed -> its one stored spelling; refuse anything else."""
    raw = str(value).strip()
    if not raw:
        raise ValidationError("没有填写电话号码，请填写手机号或带区号的座机号。", field=field)
    text = re.sub(r"[\s()（）]", "", raw.translate(_FULL_WIDTH))
    mobile = _COUNTRY.sub("", text.replace("-", ""))
    if _MOBILE.match(mobile):
        return mobile
    if text.startswith(("+86", "0086")):
        # The international form drops the trunk 0 of the area code: +86-573-85123456.
        text = re.sub(r"^(\+86|0086)-?", "", text)
        text = text if text.startswith("0") else "0" + text
    landline = _landline(text)
    if landline:
        return landline
    raise ValidationError(
        f"电话号码“{raw}”不对：手机号应为 1 开头的 11 位数字，座机请带区号，例如 0573-85123456。",
        field=field,
    )


def mask_phone(value: str) -> str:
    """Hide the middle of a mobile and all but the last 4 digits of anything else."""
    if len(value) == 11 and value.isascii() and value.isdigit():
        return value[:3] + "****" + value[-4:]
    if len(value) > 4:
        return "*" * (len(value) - 4) + value[-4:]
    return "*" * len(value)
