"""统一社会信用代码 (GB 32100-2015): published codes, a check character by hand, every
refusal with its reason, and properties (single changes are always caught)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.errors import ValidationError
from desktop.core.validation import check_credit_code, credit_code_check_char

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"

# The first is the example of GB 32100-2015; the others are published codes recalled from
# business licences, kept only because their check characters agree.
PUBLISHED = [
    "91350100M000100Y43",
    "91110000802100433B",
    "91440300708461136T",  # 深圳市腾讯计算机系统有限公司
    "914403001922038216",  # 华为技术有限公司
    "91110108551385082Q",  # 小米科技有限责任公司
]


def test_check_char_by_hand() -> None:
    # 91350100M000100Y4 with M = 21, Y = 30 and weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24
    # 10 30 28: 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640; 1640 % 31 = 28;
    # 31 - 28 = 3 -> "3".
    assert credit_code_check_char("91350100M000100Y4") == "3"
    # All zeros: sum 0 -> (31 - 0) % 31 = 0 -> "0".
    assert credit_code_check_char("0" * 17) == "0"


def test_weights_are_powers_of_three_mod_31() -> None:
    from desktop.core.validation.uscc import WEIGHTS

    assert tuple(3**i % 31 for i in range(17)) == WEIGHTS


@pytest.mark.parametrize("code", PUBLISHED)
def test_published_codes_pass(code: str) -> None:
    assert check_credit_code(code) == code
    assert credit_code_check_char(code[:17]) == code[17]


def test_lower_case_and_spaces_normalised() -> None:
    assert check_credit_code(" 91110000 802100433b ") == "91110000802100433B"
    assert check_credit_code("91350100m000100y43") == "91350100M000100Y43"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("", ["没有填写统一社会信用代码", "18 位"]),
        ("91350100M000100Y4", ["18 位", "17 位"]),
        ("91350100M000100Y433", ["18 位", "19 位"]),
        ("91350100M0001O0Y43", ["“O”", "O 可能是数字 0", "I、O、Z、S、V"]),
        ("9135010IM000100Y43", ["“I”", "I 可能是数字 1"]),
        ("91350100M00S1Z0Y43", ["“S、Z”", "S 可能是数字 5", "Z 可能是数字 2"]),
        ("91350100M000100V43", ["“V”", "不使用"]),
        ("91350100M000-00Y43", ["“-”"]),
        ("91350100M000100Y44", ["校验码", "应为 3"]),
        ("91110000802100433C", ["校验码", "应为 B"]),
    ],
)
def test_refusals_say_why(value: str, words: list[str]) -> None:
    with pytest.raises(ValidationError) as err:
        check_credit_code(value)
    assert err.value.field == "credit_code"
    for word in words:
        assert word in err.value.message


def test_field_is_passed_on() -> None:
    with pytest.raises(ValidationError) as err:
        check_credit_code("91350100M000100Y44", field="org_code")
    assert err.value.field == "org_code"


def _with_inner_check(head8: str, body8: str) -> str:
    from desktop.core.validation.uscc import org_code_check_char

    return head8 + body8 + org_code_check_char(body8)


# The first 17 characters of a valid code: the inner 组织机构代码 (9-17) carries its GB 11714
# check character.
codes17 = st.builds(
    _with_inner_check,
    st.text(alphabet=ALPHABET, min_size=8, max_size=8),
    st.text(alphabet=ALPHABET, min_size=8, max_size=8),
)


def test_inner_org_code_check_by_hand() -> None:
    from desktop.core.validation.uscc import org_code_check_char

    # 华为 914403001922038216 -> 19220382 with weights 3 7 9 10 5 8 4 2:
    # 3+63+18+20+0+24+32+4 = 164; 164 % 11 = 10; 11 - 10 = 1 -> "1" (the 17th character).
    assert org_code_check_char("19220382") == "1"
    # M=22, A=10, 2, B=11, 3, C=12, 4, D=13: 66+70+18+110+15+96+16+26 = 417; 417 % 11 = 10
    # -> 1; the issue's 91330502MA2B3C4D58 has 5 there, so it is refused.
    assert org_code_check_char("MA2B3C4D") == "1"
    with pytest.raises(ValidationError, match="组织机构代码“MA2B3C4D5”.*应为 1"):
        check_credit_code("91330502MA2B3C4D58")


@given(
    st.text(alphabet=ALPHABET, min_size=8, max_size=8),
    st.text(alphabet=ALPHABET, min_size=8, max_size=8),
    st.sampled_from(ALPHABET),
)
def test_wrong_inner_check_char_is_refused_even_with_a_right_last_char(
    head: str, body: str, inner: str
) -> None:
    from desktop.core.validation.uscc import org_code_check_char

    if inner == org_code_check_char(body):
        return
    first17 = head + body + inner
    code = first17 + credit_code_check_char(first17)  # the outer check agrees
    with pytest.raises(ValidationError, match="组织机构代码"):
        check_credit_code(code)
    good17 = _with_inner_check(head, body)
    good = good17 + credit_code_check_char(good17)
    # Typed with a Chinese input method: full-width digits and letters read as ASCII.
    full = "".join(chr(ord(c) + 0xFEE0) for c in good)
    assert check_credit_code(full) == good


@given(codes17)
def test_computed_code_passes_and_every_other_last_char_fails(first17: str) -> None:
    good = first17 + credit_code_check_char(first17)
    assert check_credit_code(good) == good
    assert check_credit_code(good.lower()) == good
    for other in ALPHABET:
        if other != good[-1]:
            with pytest.raises(ValidationError, match=f"应为 {good[-1]}"):
                check_credit_code(first17 + other)


@given(codes17, st.integers(0, 17), st.sampled_from(ALPHABET))
def test_changing_any_single_char_is_caught(first17: str, pos: int, new: str) -> None:
    good = first17 + credit_code_check_char(first17)
    if new != good[pos]:
        changed = good[:pos] + new + good[pos + 1 :]
        with pytest.raises(ValidationError):
            check_credit_code(changed)


@given(codes17, st.integers(0, 16))
def test_swapping_two_neighbouring_chars_is_caught(first17: str, pos: int) -> None:
    good = first17 + credit_code_check_char(first17)
    if good[pos] != good[pos + 1]:
        swapped = good[:pos] + good[pos + 1] + good[pos] + good[pos + 2 :]
        with pytest.raises(ValidationError):
            check_credit_code(swapped)


@given(codes17, st.integers(0, 17), st.sampled_from("IOZSV"))
def test_forbidden_letter_is_named(first17: str, pos: int, letter: str) -> None:
    good = first17 + credit_code_check_char(first17)
    with pytest.raises(ValidationError, match=f"“{letter}”"):
        check_credit_code(good[:pos] + letter + good[pos + 1 :])


@given(st.text(max_size=20) | st.text(alphabet=ALPHABET + "iozsv -", min_size=17, max_size=19))
def test_anything_is_accepted_or_refused_in_chinese(text: str) -> None:
    try:
        code = check_credit_code(text)
    except ValidationError as err:
        assert "统一社会信用代码" in err.message
    else:
        assert check_credit_code(code) == code and set(code) <= set(ALPHABET)
