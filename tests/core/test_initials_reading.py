"""Reading a party name's initials without calling pypinyin per name (issue 10: import speed
with real names) gives EXACTLY what the pypinyin-only reading gave, for every kind of name:
Han names with heteronym and compound surnames, phrases of pypinyin's dictionary inside a
name (长孙, 单于), rare CJK (Extension A, compatibility ideographs), the Yijing hexagrams inside
``_is_han``'s range that pypinyin does not read as Han, Latin letters, digits, middle dots,
spaces and punctuation, names longer than ``MAX_CHARS`` and names with more than
``MAX_SPELLINGS`` combinations."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin import Style, lazy_pinyin, pinyin
from pypinyin.constants import PHRASES_DICT

from desktop.core.store.initials import MAX_CHARS, MAX_SPELLINGS, _is_han, _usual, name_initials


def reference_initials(name: str) -> list[str]:
    """The reading before issue 10, kept verbatim as the reference: pypinyin's lazy_pinyin
    (phrase-aware) for the usual reading, pypinyin's heteronyms per character."""
    chars = [ch for ch in name if _is_han(ch) or ("a" <= ch.lower() <= "z")][:MAX_CHARS]
    han = "".join(ch for ch in chars if _is_han(ch))
    usual = iter(p[:1].lower() for p in lazy_pinyin(han, style=Style.FIRST_LETTER))
    options: list[list[str]] = []
    count = 1
    for ch in chars:
        if not _is_han(ch):
            options.append([ch.lower()])
            continue
        first = next(usual, "")
        readings = [r[:1].lower() for r in pinyin(ch, style=Style.FIRST_LETTER, heteronym=True)[0]]
        letters = [x for x in dict.fromkeys([first, *readings]) if "a" <= x <= "z"]
        if not letters:
            continue
        if count * len(letters) > MAX_SPELLINGS:
            letters = letters[:1]
        count *= len(letters)
        options.append(letters)
    spellings = ("".join(combo) for combo in itertools.product(*options))
    return [s for s in dict.fromkeys(spellings) if len(s) >= 2]


SURNAMES = [
    *"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭肖田董袁潘于蒋蔡余杜叶",
    *"单曾解区仇查乐朴尉盖缪覃召翟",
    "尉迟",
    "长孙",
    "万俟",
    "欧阳",
    "司马",
    "诸葛",
    "单于",
]
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉梅春海云飞鹏辉长行重和乐"
#: Every 100th phrase of pypinyin's phrase dictionary: names holding a known phrase take the
#: segmenter's path, and a phrase's reading may differ from its characters' usual ones.
PHRASES = sorted(PHRASES_DICT)[::100]
MARKS = "·•・‧.。,，、-—_ \u3000()（）【】《》!?！？“”'\"0123456789"

pieces = st.one_of(
    st.sampled_from(SURNAMES),
    st.sampled_from(GIVEN),
    st.sampled_from(PHRASES),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0x3400, max_codepoint=0x4DBF),
    st.characters(min_codepoint=0x4DC0, max_codepoint=0x4DFF),  # hexagrams: kept, not Han
    st.characters(min_codepoint=0xF900, max_codepoint=0xFAFF),
    st.characters(min_codepoint=ord("A"), max_codepoint=ord("z")),
    st.sampled_from(MARKS),
    st.sampled_from("İKÅ"),  # lower() leaves ASCII range or takes two characters
)
names = st.lists(pieces, min_size=1, max_size=8).map("".join)


@settings(max_examples=400, deadline=None)
@given(names)
def test_initials_equal_the_pypinyin_only_reading(name: str) -> None:
    assert name_initials(name) == reference_initials(name)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(PHRASES),
            st.sampled_from(SURNAMES),
            st.characters(min_codepoint=0x3400, max_codepoint=0x9FFF),
            st.characters(min_codepoint=0xF900, max_codepoint=0xFAFF),
        ),
        max_size=8,
    ).map("".join)
)
def test_usual_reading_equals_lazy_pinyin(han: str) -> None:
    """The kind underneath: the usual reading of any text of ``_is_han`` characters, cut into
    phrases or not, is lazy_pinyin's first letters, one for one and in order."""
    assert _usual(han) == [p[:1].lower() for p in lazy_pinyin(han, style=Style.FIRST_LETTER)]


def test_known_names_read_as_before() -> None:
    for name in [
        "王建平",
        "长孙无忌",
        "单于",
        "尉迟恭",
        "万俟卨",
        "张 三",
        "Zhang三",
        "阿卜杜·热合曼",
        "行行重行行长长长长",
        "䷀张䷁三",
        "䷀䷁张三",  # a run pypinyin keeps whole: one reading for two characters
        "",
        "3",
    ]:
        assert name_initials(name) == reference_initials(name), name
    assert name_initials("长孙无忌")[0] == "zswj"  # the phrase's reading comes first
