"""A field's label in a generated form that wraps only where Chinese text may sensibly break:
after its punctuation (，、；：）…), before an opening bracket or a word that starts a phrase
(或, 只能 …), never inside a word. A run with no such place is given the width it needs
(争议事项 at large text broke as 争议事/项)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QWidget

#: A break may follow these (punctuation and spaces) …
BREAK_AFTER = frozenset("，、；：。！？）)》」 /／")
#: … or come before these.
BREAK_BEFORE = frozenset("（(《「")
#: A long question may also break before a word that starts a new phrase in it (a
#: conjunction, "只能", "可在", "共同"): "不属于法律法规规定/只能由专门机关处理/或禁止调解的纠纷".
PHRASE_STARTS = ("或", "并", "及", "和", "只能", "可在", "共同")
#: Joins the characters of a run so Qt's line breaker keeps them together (Unicode WORD
#: JOINER: no break on either side, nothing drawn).
JOINER = "\u2060"


def runs(text: str) -> list[str]:
    """``text`` cut at the places a line may break: "未被人民法院、公安机关受理" ->
    ["未被人民法院、", "公安机关受理"]."""
    out = [""]
    for i, char in enumerate(text):
        starts = char in BREAK_BEFORE or text.startswith(PHRASE_STARTS, i)
        if out[-1].strip("＊") and (starts or text[i - 1] in BREAK_AFTER):
            out.append("")
        out[-1] += char
    return [r for r in out if r]


class FormLabel(QLabel):
    """Wraps at most ``widest`` pixels wide, only between :func:`runs`; never narrower than
    its longest run. :meth:`words` is the label as written (``text()`` holds the joiners)."""

    def __init__(self, text: str, widest: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.widest = widest
        self.setWordWrap(True)
        self._words = ""
        self.set_words(text)

    def set_words(self, text: str) -> None:
        self._words = text
        self.setText("".join(JOINER.join(run) for run in runs(text)))
        need = self._longest_run()
        self.setMaximumWidth(max(self.widest, need))
        self.updateGeometry()

    def words(self) -> str:
        return self._words

    def _longest_run(self) -> int:
        metrics = self.fontMetrics()
        frame = self.contentsMargins().left() + self.contentsMargins().right() + 2 * self.margin()
        return max((metrics.horizontalAdvance(r) for r in runs(self._words)), default=0) + frame

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), self._longest_run()), hint.height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # One line when it fits ``widest``; else ``widest`` (or its longest run) and wrapped.
        whole = self.fontMetrics().horizontalAdvance(self._words) + self._longest_run()
        width = min(whole, max(self.widest, self._longest_run()))
        return QSize(width, self.heightForWidth(width))
