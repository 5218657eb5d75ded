"""How a reminder names an agreement term (the case's 期限 column, 今日): by what it says, in
the mediator's words, never by a bare ordinal. A term's text often starts with its own number
as the agreement is written ("第3项：…", "三、…", "（3）…"); kept, every line of the column
read "第3项…" and said nothing of what was due."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

#: A leading number of an item, as agreements number their terms: 第3项 / 第三条 / 三、 /
#: 3. / （3） / (三), with what separates it from the text. "第2期" (an instalment) is text.
_NUMERAL = r"[0-9０-９一二三四五六七八九十百零〇两]+"
_ORDINAL = re.compile(
    rf"^\s*(?:第\s*{_NUMERAL}\s*[项条款]|[（(]\s*{_NUMERAL}\s*[)）]|{_NUMERAL}\s*[、.．])"
    r"\s*[：:、，,.．]?\s*"
)
#: Characters of a term's text shown in a reminder before "…".
SHORT_CHARS = 16


def without_ordinal(content: str) -> str:
    """``content`` without the item numbers it starts with ("三、第3项：拆除围墙" -> "拆除围墙");
    unchanged when nothing else would be left."""
    text = content.strip()
    while (match := _ORDINAL.match(text)) and match.end() < len(text):
        text = text[match.end() :]
    return text


def shortened(content: str, chars: int = SHORT_CHARS) -> str:
    """The first ``chars`` characters of ``content`` without its leading ordinal, "…" after."""
    text = without_ordinal(content)
    return text if len(text) <= chars else text[:chars] + "…"


def distinct(lines: Sequence[tuple[int, str]]) -> dict[int, str]:
    """Per term seq its reminder line; lines that would read the same (instalments of one
    amount, a clause used twice) each say which term of the agreement they are:
    "…（协议第2项）"."""
    seen = Counter(line for _seq, line in lines)
    return {seq: line + (f"（协议第{seq}项）" if seen[line] > 1 else "") for seq, line in lines}
