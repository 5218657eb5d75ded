"""``fonts.missing_glyphs`` remembers the characters it found printable (the 以案定补 list runs
the file self-check for every qualifying case of a month): whatever texts are checked, in
whatever order, the answer is the plain definition — each character neither the font nor a
bundled fallback can print, once, in first-seen order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.fonts import BODY_FONT, FALLBACK_FILES, _ignored, glyphs, missing_glyphs

# Common and rare Han, private use (never printable), spaces, controls, ASCII, variation
# selectors and Extension B.
ALPHABET = st.sampled_from(
    list("调解协议书张三李四 \n\t\x07a1·") + ["\ue000", "\uf8ff", "\ufe0f", "\U00020000", "\u3000"]
) | st.characters(codec="utf-8")


def _plain(text: str) -> list[str]:
    have = glyphs(BODY_FONT)
    out: list[str] = []
    for ch in text:
        printable = _ignored(ch) or ord(ch) in have
        printable = printable or any(ord(ch) in glyphs(n) for n in FALLBACK_FILES)
        if not printable and ch not in out:
            out.append(ch)
    return out


@given(texts=st.lists(st.text(alphabet=ALPHABET, max_size=40), min_size=1, max_size=4))
@settings(max_examples=60, deadline=None)
def test_missing_glyphs_is_the_plain_definition_on_every_call(texts: list[str]) -> None:
    for text in texts + texts[::-1]:  # repeated calls: what is remembered changes nothing
        assert missing_glyphs(text) == _plain(text)
