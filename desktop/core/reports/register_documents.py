"""A party's document in one 台账 cell. A resident ID card, a 外国人永久居留身份证 and a 港澳台居民
居住证 are known from the number itself (GB 11643; first digit 9; 81/82/83); a passport or another
document is not, so the 台账 writes its type after the number — “E12345678（护照）” — and the
Excel 台账 import reads the type back (also written before the number, “护照：E12345678”, as
clerks do by hand). Without it our own 台账 could not be imported back: a passport number was
refused as an ID number of the wrong length."""

from __future__ import annotations

import re

from desktop.core.validation.idcard import CHECKED_ID_TYPES, ID_TYPES

# Other names clerks write for the same documents.
_ALIASES = {"外国护照": "护照", "中国护照": "护照", "其它证件": "其他证件", "身份证": "居民身份证"}
_NAMES = "|".join(re.escape(n) for n in sorted({*ID_TYPES, *_ALIASES}, key=len, reverse=True))
_AFTER = re.compile(rf"^(.+?)\s*[（(]\s*({_NAMES})\s*[)）]$")
_BEFORE = re.compile(rf"^({_NAMES})\s*(?:号码|号)?\s*[:：]?\s*(.+)$")


def document_cell(number: str, id_type: str | None) -> str:
    """The cell text of a party's document number: the number, followed by its type in
    brackets when the number alone does not tell it (护照, 其他证件)."""
    if number and id_type and id_type not in CHECKED_ID_TYPES:
        return f"{number}（{id_type}）"
    return number


def read_document_cell(text: str) -> tuple[str, str | None]:
    """(number, 证件类型 or None when the cell names none) of one person's cell text."""
    text = text.strip()
    found = _AFTER.match(text)
    if found:
        number, kind = found.group(1), found.group(2)
    else:
        found = _BEFORE.match(text)
        if not found:
            return text, None
        kind, number = found.group(1), found.group(2)
    return number.strip(), _ALIASES.get(kind, kind)
