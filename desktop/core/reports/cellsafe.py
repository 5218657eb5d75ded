"""Spreadsheet cells that cannot run anything and numbers that stay as typed: the one place
every .xlsx and .csv writer of the product asks how to put a piece of text into a cell.

Two kinds of harm are prevented (issue 12, point 6; OWASP "CSV Injection"):

* A text starting with ``= + - @`` (also after leading tabs, carriage returns, line feeds or
  spaces) is read by Excel, WPS and LibreOffice as a formula: ``=HYPERLINK(…)`` in a 情况说明
  becomes a live link. In .xlsx such text is written as a string cell with the "quote prefix"
  style (so even editing the cell keeps it text); in .csv it is written with a leading ``'``.
* A text of digits (an ID number ``330482199001011232``, a mobile ``13900001111``, a landline
  without its hyphen) is turned into a number by a spreadsheet's CSV import and loses digits
  (``3.30482199001011E+017``). In .csv such text gets a leading tab, which both LibreOffice's
  default import and Excel keep as text; .xlsx string cells are text already.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

#: Characters that make a spreadsheet read a cell as a formula (OWASP list).
FORMULA_LEADS = frozenset("=+-@")
# Whitespace a spreadsheet skips before looking for a formula sign.
_LEADING_SPACE = " \t\r\n"
# Characters XML 1.0 forbids: a stray control character in typed text must not break the file.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Text a spreadsheet's CSV import would read as a number or date: digits with number or date
# punctuation only ("330482199001011232", "0573 85123456", "1,000", "2026/10/01", "50%").
_NUMBER_LIKE = re.compile(r"[\d\s.,/:%()\-+]*\d[\d\s.,/:%()\-+eE]*")
#: A cell holds at most 32,767 characters (Excel's limit; longer text is cut there).
MAX_CELL_CHARS = 32_767


def formula_like(text: str) -> bool:
    """True when a spreadsheet would read ``text`` as a formula (``=1+1``, ``\\t=1``,
    ``@SUM(A1)``, ``-2+3``, ``+86…``)."""
    stripped = text.lstrip(_LEADING_SPACE)
    return bool(stripped) and stripped[0] in FORMULA_LEADS


def clean_text(text: str) -> str:
    """Text as an .xlsx cell can hold it: no XML-illegal control characters, line breaks as
    LF (XML turns a bare CR into LF when the file is read), at most MAX_CELL_CHARS
    characters."""
    text = _ILLEGAL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    return text[:MAX_CELL_CHARS]


def csv_text(text: str) -> str:
    """A text field for CSV: a formula-like text gets a leading ``'`` (shown, never run); a
    number-like text gets a leading tab so it stays text with every digit."""
    if formula_like(text):
        return "'" + text
    if _NUMBER_LIKE.fullmatch(text):
        return "\t" + text
    return text


def csv_field(value: object) -> str:
    """Any register value as a CSV field: None empty, amounts (Decimal yuan) with two
    decimals, dates ISO (a spreadsheet reads them as dates), whole numbers as digits, texts
    through ``csv_text``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    return csv_text(str(value))
