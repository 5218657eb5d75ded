"""The checks every field read from a photo passes before it is offered (GB 11643 check digit,
birth date and sex agreeing with the card, GB 32100 check character, printed shapes), and the
layout reading on boxes placed by hand: no recogniser involved, so these run in milliseconds.

Kind of failure covered: a misread number offered as if right. Every single-character
misreading of a valid ID number or credit code, and every number whose birth date or sex
disagrees with the card, must come back empty with a reason."""

from __future__ import annotations

import math
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.idphoto.fields import (
    ID_CARD,
    LICENCE,
    PERMANENT_RESIDENCE,
    parse_date,
    verify,
)
from desktop.core.idphoto.layout import document_kind, read_fields, upright_boxes
from desktop.core.validation.idcard import check_id_number, id_check_digit
from desktop.core.validation.uscc import ALPHABET, credit_code_check_char, org_code_check_char

births = st.dates(min_value=date(1930, 1, 1), max_value=date(2020, 12, 31))


def make_id(region: str, born: date, seq: int) -> str:
    first17 = f"{region}{born:%Y%m%d}{seq:03d}"
    return first17 + id_check_digit(first17)


def card(number: str, born: date, sex: str, **extra: str) -> dict[str, str]:
    raw = {
        "name": "张建国",
        "gender": sex,
        "ethnicity": "汉",
        "birth_date": f"{born.year}年{born.month}月{born.day}日",
        "address": "浙江省平湖市新埭镇星光村3组12号",
        "id_number": number,
    }
    raw.update(extra)
    return raw


@settings(max_examples=60, deadline=None)
@given(born=births, seq=st.integers(0, 999))
def test_a_valid_card_is_offered_whole(born: date, seq: int) -> None:
    number = make_id("330482", born, seq)
    sex = "男" if seq % 2 else "女"
    reading = verify(ID_CARD, card(number, born, sex), today=date(2026, 3, 2))
    assert reading.problems == {}
    assert reading.fields["id_number"] == number
    assert reading.fields["birth_date"] == born.isoformat()
    assert reading.fields["ethnicity"] == "汉族"


@settings(max_examples=80, deadline=None)
@given(
    born=births,
    seq=st.integers(0, 999),
    at=st.integers(0, 17),
    digit=st.sampled_from("0123456789X"),
)
def test_a_single_misread_character_is_never_offered(
    born: date, seq: int, at: int, digit: str
) -> None:
    number = make_id("330482", born, seq)
    misread = number[:at] + digit + number[at + 1 :]
    sex = "男" if seq % 2 else "女"
    reading = verify(ID_CARD, card(misread, born, sex), today=date(2026, 3, 2))
    if misread == number:
        assert reading.fields["id_number"] == number
    else:
        assert "id_number" not in reading.fields
        assert reading.problems["id_number"]


@settings(max_examples=60, deadline=None)
@given(born=births, other=births, seq=st.integers(0, 999))
def test_a_number_disagreeing_with_the_printed_birth_or_sex_is_left_empty(
    born: date, other: date, seq: int
) -> None:
    number = make_id("330482", born, seq)
    sex = "男" if seq % 2 else "女"
    wrong_sex = "女" if sex == "男" else "男"
    for printed_birth, printed_sex in ((other, sex), (born, wrong_sex)):
        if printed_birth == born and printed_sex == sex:
            continue
        reading = verify(ID_CARD, card(number, printed_birth, printed_sex), today=date(2026, 3, 2))
        assert "id_number" not in reading.fields
        assert "不一致" in reading.problems["id_number"]
        clashing = "birth_date" if printed_birth != born else "gender"
        assert clashing not in reading.fields and clashing in reading.problems


@settings(max_examples=80, deadline=None)
@given(
    body=st.text(ALPHABET, min_size=14, max_size=14),
    at=st.integers(0, 17),
    char=st.sampled_from(ALPHABET + "IOZSV"),
)
def test_a_misread_credit_code_is_never_offered(body: str, at: int, char: str) -> None:
    first17 = "91" + body[:6] + body[6:] + org_code_check_char(body[6:])  # GB 11714 inner check
    code = first17 + credit_code_check_char(first17)
    misread = code[:at] + char + code[at + 1 :]
    raw = {
        "name": "平湖市星光农业发展有限公司",
        "credit_code": misread,
        "legal_rep": "李强",
        "address": "浙江省平湖市新埭镇工业大道8号",
    }
    reading = verify(LICENCE, raw)
    if misread == code:
        assert reading.fields["credit_code"] == code
    else:
        assert "credit_code" not in reading.fields and reading.problems["credit_code"]


def test_missing_birth_and_sex_come_from_a_checked_number_and_shapes_are_checked() -> None:
    number = make_id("330482", date(1980, 5, 6), 123)
    raw = {"name": "张三3", "ethnicity": "火星", "address": "平湖", "id_number": number}
    reading = verify(ID_CARD, raw, today=date(2026, 3, 2))
    assert reading.fields["birth_date"] == "1980-05-06"
    assert reading.fields["gender"] == "男"
    assert set(reading.problems) == {"name", "ethnicity", "address"}
    assert all(reason.endswith("。") for reason in reading.problems.values())


def test_permanent_residence_numbers_start_with_9_and_a_province() -> None:
    born = date(1975, 2, 28)
    first17 = f"931124{born:%Y%m%d}052"  # Shanghai (31), Canada (124)
    number = first17 + id_check_digit(first17)
    assert check_id_number(number).birth_date == born  # a party with this number can be saved
    raw = {
        "name": "MARTIN, ANNA",
        "gender": "女",
        "birth_date": "1975.02.28",
        "nationality": "加拿大",
        "id_number": number,
    }
    reading = verify(PERMANENT_RESIDENCE, raw)
    assert reading.problems == {} and reading.fields["id_number"] == number
    values = reading.party_values()
    assert values["birth_date"] == born and values["kind"] == "自然人"
    assert "nationality" not in values
    assert values["credit_code"] is None and values["legal_rep"] is None  # a company's, emptied


def test_dates_in_both_printed_forms() -> None:
    assert parse_date("1990 年 1 月 2 日") == date(1990, 1, 2)
    assert parse_date("1990.01.02") == date(1990, 1, 2)
    assert parse_date("1990年2月30日") is None
    assert parse_date("") is None


def box(x: float, y: float, text: str, angle: float = 0.0, h: float = 30.0):
    """Four corners of a text box starting at (x, y), as wide as its characters, turned by angle."""
    w = h * len(text)
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    corners = [(0, 0), (w, 0), (w, h), (0, h)]
    return [(x + cx * cos - cy * sin, y + cx * sin + cy * cos) for cx, cy in corners], text


@settings(max_examples=40, deadline=None)
@given(angle=st.floats(-8, 8), merged=st.booleans())
def test_a_turned_id_card_is_read_by_its_labels(angle: float, merged: bool) -> None:
    def at(x: float, y: float, text: str):
        # Place in the card's frame, then turn the whole card by ``angle``.
        r = math.radians(angle)
        return box(
            x * math.cos(r) - y * math.sin(r), x * math.sin(r) + y * math.cos(r), text, angle
        )

    raw = [
        *([at(60, 60, "姓名：张建国")] if merged else [at(60, 60, "姓名"), at(170, 60, "张建国")]),
        *(
            [at(60, 140, "性别男民族汉")]
            if merged
            else [at(60, 140, "性别男"), at(310, 140, "民族汉")]
        ),
        at(60, 215, "出生1980年5月6日"),
        at(60, 290, "住址"),
        at(170, 290, "浙江省平湖市新埭镇星光"),
        at(170, 340, "村3组12号"),
        at(60, 520, "公民身份号码"),
        at(300, 520, "330482198005061231"),
    ]
    boxes = upright_boxes(raw)
    assert document_kind(boxes) == ID_CARD
    fields = read_fields(ID_CARD, boxes)
    assert fields["name"] == "张建国"
    assert fields["gender"] == "男" and fields["ethnicity"] == "汉"
    assert fields["address"] == "浙江省平湖市新埭镇星光村3组12号"
    assert fields["id_number"] == "330482198005061231"


def test_licence_columns_do_not_run_into_each_other() -> None:
    raw = [
        box(500, 60, "营业执照"),
        box(80, 180, "统一社会信用代码91330482MA2B3C4D5E"),
        box(80, 300, "名称"),
        box(260, 300, "平湖市星光农业发展有限公"),
        box(720, 300, "注册资本"),
        box(880, 300, "100万元整"),
        box(260, 344, "司"),
        box(720, 384, "住所"),
        box(880, 384, "浙江省平湖市新埭镇工业大道"),
        box(80, 388, "类型"),
        box(260, 388, "有限责任公司"),
        box(880, 428, "8号"),
        box(80, 472, "法定代表人李强"),
    ]
    boxes = upright_boxes(raw)
    assert document_kind(boxes) == LICENCE
    fields = read_fields(LICENCE, boxes)
    assert fields["name"] == "平湖市星光农业发展有限公司"
    assert fields["legal_rep"] == "李强"
    assert fields["address"] == "浙江省平湖市新埭镇工业大道8号"
    assert fields["credit_code"] == "91330482MA2B3C4D5E"


def test_an_unknown_picture_is_not_taken_for_a_card() -> None:
    boxes = upright_boxes([box(10, 10, "今日特价"), box(10, 60, "白菜两元一斤")])
    assert document_kind(boxes) == ""


def test_permanent_card_values_stand_under_their_bilingual_labels() -> None:
    raw = [
        box(60, 24, "中华人民共和国外国人永久居留身份证"),
        box(60, 90, "姓名/Name", h=24),
        box(60, 118, "MARTIN,ANNA"),
        box(60, 172, "中文姓名", h=24),
        box(60, 254, "性别/Sex", h=24),
        box(60, 282, "女/F"),
        box(60, 336, "出生日期/Date of Birth", h=24),
        box(60, 364, "1975.02.28"),
        box(60, 418, "国籍/Nationality", h=24),
        box(60, 446, "加拿大/CAN"),
        box(60, 500, "有效期限/Period of Validity", h=24),
        box(60, 560, "证件号码/Card No.", h=24),
        box(300, 554, "931124197502280524"),
    ]
    boxes = upright_boxes(raw)
    assert document_kind(boxes) == PERMANENT_RESIDENCE
    fields = read_fields(PERMANENT_RESIDENCE, boxes)
    # No Chinese name printed (the line under 中文姓名 is the next label): the Latin one.
    assert fields["name"] == "MARTIN, ANNA"
    assert fields["gender"] == "女" and fields["nationality"] == "加拿大"
    assert fields["birth_date"] == "1975.02.28"
    assert fields["id_number"] == "931124197502280524"


@settings(max_examples=30, deadline=None)
@given(angle=st.floats(-8, 8), gap=st.floats(0.5, 3.5))
def test_labels_printed_with_wide_spaces_are_read_as_one(angle: float, gap: float) -> None:
    """名　　称 / 类　　型 / 住　　所 read as two boxes each (the kind seen on licences)."""

    def at(x: float, y: float, text: str):
        r = math.radians(angle)
        return box(
            x * math.cos(r) - y * math.sin(r), x * math.sin(r) + y * math.cos(r), text, angle
        )

    step = 30 * (1 + gap)
    raw = [
        at(500, 60, "营业执照"),
        at(80, 180, "统一社会信用代码91330482MA2B3C4D5E"),
        at(80, 300, "名"),
        at(80 + step, 300, "称"),
        at(260, 300, "平湖市星光农业发展有限公"),
        at(260, 344, "司"),
        at(80, 388, "类"),
        at(80 + step, 388, "型"),
        at(260, 388, "股份有限公司"),
        at(720, 300, "住"),
        at(720 + step, 300, "所"),
        at(880, 300, "浙江省平湖市新埭镇工业大道"),
        at(880, 344, "8号"),
        at(80, 472, "法定代表人李强"),
    ]
    fields = read_fields(LICENCE, upright_boxes(raw))
    assert fields["name"] == "平湖市星光农业发展有限公司"
    assert fields["address"] == "浙江省平湖市新埭镇工业大道8号"
    assert fields["legal_rep"] == "李强"
