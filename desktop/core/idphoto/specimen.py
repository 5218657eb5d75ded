"""Specimen cards for the self-test and the benchmark of ID-photo reading: resident ID cards,
2023 foreign permanent-residence cards and business licences drawn with the bundled fonts,
filled with INVENTED, checksum-valid data (no real person's card), then spoiled the way a phone
photo is: rotated up to ±8°, seen at a slight angle, blurred, unevenly lit, put on a table and
compressed as a JPEG.

Everything is a pure function of the index, so ``specimen(17)`` is the same picture on every
machine; tests and ``bench/bench_id_photo.py`` both draw their corpus from here.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont

from desktop.core.fonts import font_path
from desktop.core.idphoto.fields import ETHNICITIES
from desktop.core.validation.idcard import id_check_digit
from desktop.core.validation.uscc import ALPHABET, credit_code_check_char, org_code_check_char

ID_CARD = "居民身份证"
PERMANENT_RESIDENCE = "外国人永久居留身份证"
LICENCE = "营业执照"

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国红梅文志海燕春林德福荣淑珍晓东"
_PROVINCES = (
    ("11", "北京市", "东城区"),
    ("13", "河北省", "保定市清苑区"),
    ("32", "江苏省", "盐城市大丰区"),
    ("33", "浙江省", "金华市武义县"),
    ("36", "江西省", "赣州市于都县"),
    ("37", "山东省", "临沂市沂南县"),
    ("41", "河南省", "周口市郸城县"),
    ("43", "湖南省", "邵阳市隆回县"),
    ("44", "广东省", "梅州市五华县"),
    ("51", "四川省", "南充市仪陇县"),
    ("52", "贵州省", "毕节市大方县"),
    ("62", "甘肃省", "天水市秦安县"),
)
_TOWNS = ("城关镇", "新华乡", "石桥镇", "东风镇", "青山乡", "河口镇", "柳林乡", "白沙镇")
_VILLAGES = ("前进村", "红旗村", "杨庄村", "李家湾村", "三合村", "平安村", "大王庄村", "新河村")
_ROADS = ("人民路", "建设路", "解放大街", "文化路", "幸福巷", "光明路", "和平街", "工业大道")
_TRADES = ("农业发展", "建筑劳务", "商贸", "物流", "家具制造", "餐饮管理", "电子科技", "养殖")
_SHOP_NAMES = ("丰禾", "顺达", "鑫源", "宏图", "恒信", "金穗", "绿野", "瑞丰", "永兴", "聚福")
_COMPANY_TYPES = ("有限责任公司（自然人投资或控股）", "有限责任公司（自然人独资）", "股份有限公司")
#: (numeric country code of GB/T 2659, Chinese name, alpha-3) for the permanent-residence card.
_NATIONS = (
    ("124", "加拿大", "CAN"),
    ("840", "美国", "USA"),
    ("276", "德国", "DEU"),
    ("392", "日本", "JPN"),
    ("410", "韩国", "KOR"),
    ("250", "法国", "FRA"),
    ("036", "澳大利亚", "AUS"),
    ("702", "新加坡", "SGP"),
)
_LATIN_SURNAMES = ("SMITH", "MUELLER", "TANAKA", "KIM", "MARTIN", "BROWN", "LEE", "NGUYEN")
_LATIN_GIVEN = ("JOHN", "ANNA", "HIROSHI", "MINJI", "PIERRE", "EMMA", "DAVID", "SOPHIE")

LABEL_BLUE = (40, 96, 160)
INK = (20, 20, 20)


@dataclass(frozen=True, slots=True)
class Specimen:
    """One invented document: its kind, what a perfect reading gives (party field ids to text;
    dates ISO), and the spoiled photo as JPEG bytes."""

    index: int
    kind: str
    truth: dict[str, str]
    jpeg: bytes


@lru_cache(maxsize=32)
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(name)), size)


def _person_name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))


def _birth(rng: random.Random) -> date:
    return date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 55))


def _id_number(rng: random.Random, region: str, born: date, male: bool) -> str:
    sequence = f"{rng.randrange(0, 100):02d}{rng.randrange(0, 5) * 2 + (1 if male else 0)}"
    first17 = region + born.strftime("%Y%m%d") + sequence
    return first17 + id_check_digit(first17)


def _address(rng: random.Random, province: str, county: str) -> str:
    if rng.random() < 0.5:
        group, number = rng.randrange(1, 15), rng.randrange(1, 99)
        tail = f"{rng.choice(_TOWNS)}{rng.choice(_VILLAGES)}{group}组{number}号"
    else:
        number, block = rng.randrange(1, 300), rng.randrange(1, 9)
        unit, room = rng.randrange(1, 6), rng.randrange(101, 1802)
        tail = f"{rng.choice(_ROADS)}{number}号{block}栋{unit}单元{room}室"
    return province + county + tail


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


def _card_base(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    """Light card stock with a faint guilloche-like pattern, as the printed security ground."""
    w, h = size
    tint = (rng.randrange(236, 250), rng.randrange(238, 250), rng.randrange(232, 248))
    card = Image.new("RGB", size, tint)
    draw = ImageDraw.Draw(card)
    for i in range(0, w + h, 18):
        draw.line([(i, 0), (i - h, h)], fill=(tint[0] - 10, tint[1] - 6, tint[2] - 2), width=1)
    return card


def _portrait(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int]) -> None:
    """A grey silhouette where the holder's photo is printed (no face of anybody)."""
    x0, y0, x1, y1 = box
    cx, w = (x0 + x1) // 2, x1 - x0
    draw.ellipse(
        [cx - w // 4, y0 + w // 8, cx + w // 4, y0 + w // 8 + w // 2], fill=(150, 150, 155)
    )
    draw.ellipse([x0 + w // 10, y0 + w * 5 // 8, x1 - w // 10, y1 + w // 3], fill=(150, 150, 155))


def _id_card(rng: random.Random) -> tuple[Image.Image, dict[str, str]]:
    code, province, county = rng.choice(_PROVINCES)
    region = code + f"{rng.randrange(1, 20):02d}{rng.randrange(1, 30):02d}"
    male = rng.random() < 0.5
    born = _birth(rng)
    truth = {
        "name": _person_name(rng),
        "gender": "男" if male else "女",
        "ethnicity": ("汉" if rng.random() < 0.7 else rng.choice(sorted(ETHNICITIES))) + "族",
        "birth_date": born.isoformat(),
        "address": _address(rng, province, county),
        "id_number": _id_number(rng, region, born, male),
    }
    card = _card_base(rng, (1000, 630))
    draw = ImageDraw.Draw(card)
    label, value, number = _font("NotoSansSC", 30), _font("NotoSansSC", 36), _font("NotoSansSC", 40)
    x_label, x_value = 60, 170
    draw.text((x_label, 60), "姓  名", font=label, fill=LABEL_BLUE)
    draw.text((x_value, 54), truth["name"], font=_font("NotoSansSC-Bold", 40), fill=INK)
    draw.text((x_label, 140), "性  别", font=label, fill=LABEL_BLUE)
    draw.text((x_value, 134), truth["gender"], font=value, fill=INK)
    draw.text((310, 140), "民  族", font=label, fill=LABEL_BLUE)
    draw.text((420, 134), truth["ethnicity"].removesuffix("族"), font=value, fill=INK)
    draw.text((x_label, 215), "出  生", font=label, fill=LABEL_BLUE)
    draw.text(
        (x_value, 209), f"{born.year}  年  {born.month}  月  {born.day}  日", font=value, fill=INK
    )
    draw.text((x_label, 290), "住  址", font=label, fill=LABEL_BLUE)
    for i, line in enumerate(_wrap(truth["address"], 12)):
        draw.text((x_value, 284 + i * 50), line, font=value, fill=INK)
    draw.text((x_label, 520), "公民身份号码", font=label, fill=LABEL_BLUE)
    draw.text((300, 512), truth["id_number"], font=number, fill=INK)
    _portrait(draw, (700, 80, 940, 420))
    return card, truth


def _permanent_card(rng: random.Random) -> tuple[Image.Image, dict[str, str]]:
    code, _province, _county = rng.choice(_PROVINCES)
    nation_code, nation, alpha3 = rng.choice(_NATIONS)
    male = rng.random() < 0.5
    born = _birth(rng)
    latin = f"{rng.choice(_LATIN_SURNAMES)}, {rng.choice(_LATIN_GIVEN)}"
    chinese = _person_name(rng) if rng.random() < 0.7 else ""
    truth = {
        "name": chinese or latin,
        "gender": "男" if male else "女",
        "birth_date": born.isoformat(),
        "nationality": nation,
        "id_number": _id_number(rng, "9" + code + nation_code, born, male),
    }
    card = _card_base(rng, (1000, 630))
    draw = ImageDraw.Draw(card)
    small, value = _font("NotoSansSC", 24), _font("NotoSansSC", 34)
    draw.text(
        (60, 24), "中华人民共和国外国人永久居留身份证", font=_font("NotoSansSC-Bold", 32), fill=INK
    )
    rows = [
        ("姓名/Name", latin),
        ("中文姓名", chinese),
        ("性别/Sex", f"{truth['gender']}/{'M' if male else 'F'}"),
        ("出生日期/Date of Birth", born.strftime("%Y.%m.%d")),
        ("国籍/Nationality", f"{nation}/{alpha3}"),
    ]
    y = 90
    for caption, text in rows:
        draw.text((60, y), caption, font=small, fill=LABEL_BLUE)
        if text:
            draw.text((60, y + 28), text, font=value, fill=INK)
        y += 82
    issued = date(2023, 12, 1) + timedelta(days=rng.randrange(0, 700))
    valid = f"{issued:%Y.%m.%d}-{issued.replace(year=issued.year + 10):%Y.%m.%d}"
    draw.text((60, 500), "有效期限/Period of Validity", font=small, fill=LABEL_BLUE)
    draw.text((400, 494), valid, font=_font("NotoSansSC", 30), fill=INK)
    draw.text((60, 560), "证件号码/Card No.", font=small, fill=LABEL_BLUE)
    draw.text((300, 550), truth["id_number"], font=_font("NotoSansSC", 40), fill=INK)
    _portrait(draw, (720, 110, 940, 430))
    return card, truth


def _credit_code(rng: random.Random, region: str) -> str:
    # The 组织机构代码 (characters 9-17) carries its own GB 11714 check character.
    org = "".join(rng.choice(ALPHABET[:10]) for _ in range(8))
    first17 = "91" + region + org + org_code_check_char(org)
    return first17 + credit_code_check_char(first17)


def _licence(rng: random.Random) -> tuple[Image.Image, dict[str, str]]:
    code, province, county = rng.choice(_PROVINCES)
    region = code + f"{rng.randrange(1, 20):02d}{rng.randrange(1, 30):02d}"
    place = county[-3:] if county.endswith(("县", "区")) else county[:2]
    truth = {
        "name": f"{place}{rng.choice(_SHOP_NAMES)}{rng.choice(_TRADES)}有限公司",
        "credit_code": _credit_code(rng, region),
        "legal_rep": _person_name(rng),
        "address": _address(rng, province, county),
    }
    sheet = Image.new("RGB", (1400, 990), (250, 246, 236))
    draw = ImageDraw.Draw(sheet)
    draw.rectangle([20, 20, 1380, 970], outline=(190, 150, 90), width=10)
    draw.text((560, 60), "营 业 执 照", font=_font("NotoSansSC-Bold", 64), fill=(180, 30, 30))
    draw.text((80, 180), "统一社会信用代码", font=_font("NotoSansSC", 28), fill=INK)
    draw.text((320, 174), truth["credit_code"], font=_font("NotoSansSC", 34), fill=INK)
    label, value = _font("NotoSansSC-Bold", 30), _font("NotoSerifSC", 30)
    founded = date(2005, 1, 1) + timedelta(days=rng.randrange(0, 6000))
    left = [
        ("名        称", truth["name"]),
        ("类        型", rng.choice(_COMPANY_TYPES)),
        ("法定代表人", truth["legal_rep"]),
        ("经营范围", f"{rng.choice(_TRADES)}；货物进出口。"),
    ]
    right = [
        ("注册资本", f"{rng.randrange(10, 2000)}万元整"),
        ("成立日期", f"{founded.year}年{founded.month:02d}月{founded.day:02d}日"),
        ("住        所", truth["address"]),
    ]
    for column, x_label, x_value, width in ((left, 80, 260, 12), (right, 720, 880, 14)):
        y = 300
        for caption, text in column:
            draw.text((x_label, y), caption, font=label, fill=INK)
            for i, line in enumerate(_wrap(text, width)):
                draw.text((x_value, y + i * 44), line, font=value, fill=INK)
            y += 44 * len(_wrap(text, width)) + 40
    draw.text((960, 820), "登记机关", font=label, fill=INK)
    draw.ellipse([1120, 760, 1300, 940], outline=(200, 40, 40), width=6)
    return sheet, truth


def _perspective_coeffs(
    src: list[tuple[float, float]], dst: list[tuple[float, float]]
) -> list[float]:
    """The 8 coefficients PIL's PERSPECTIVE transform wants, mapping ``dst`` back to ``src``."""
    import numpy as np

    rows = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(rows, dtype=float)
    b = np.array([c for point in src for c in point], dtype=float)
    return [float(c) for c in np.linalg.solve(a, b)]


def _background(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    """A table top: a wood-like or cloth colour with streaks and noise."""
    base = rng.choice(
        [(120, 84, 52), (200, 196, 188), (70, 74, 80), (160, 120, 80), (230, 228, 220)]
    )
    bg = Image.new("RGB", size, base)
    draw = ImageDraw.Draw(bg)
    for y in range(0, size[1], rng.randrange(6, 14)):
        shade = rng.randrange(-18, 18)
        draw.line(
            [(0, y), (size[0], y + rng.randrange(-20, 20))],
            fill=tuple(max(0, min(255, c + shade)) for c in base),
            width=rng.randrange(2, 6),
        )
    return bg


def spoil(document: Image.Image, rng: random.Random) -> bytes:
    """A phone photo of ``document``: on a table, at a slight angle, rotated, blurred, darkened
    unevenly, as a JPEG of modest quality."""
    w, h = document.size
    margin = int(max(w, h) * 0.18)
    j = 0.04  # how far each corner may move: a slight perspective, not a steep one
    dst = [
        (margin + rng.uniform(-j, j) * w, margin + rng.uniform(-j, j) * h),
        (margin + w + rng.uniform(-j, j) * w, margin + rng.uniform(-j, j) * h),
        (margin + w + rng.uniform(-j, j) * w, margin + h + rng.uniform(-j, j) * h),
        (margin + rng.uniform(-j, j) * w, margin + h + rng.uniform(-j, j) * h),
    ]
    canvas = (w + 2 * margin, h + 2 * margin)
    coeffs = _perspective_coeffs([(0, 0), (w, 0), (w, h), (0, h)], dst)
    warped = document.transform(
        canvas, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC
    )
    mask = Image.new("L", document.size, 255).transform(
        canvas, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR
    )
    photo = _background(rng, canvas)
    photo.paste(warped, (0, 0), mask)
    photo = photo.rotate(
        rng.uniform(-8, 8),
        resample=Image.Resampling.BICUBIC,
        expand=False,
        fillcolor=photo.getpixel((2, 2)),
    )
    photo = photo.filter(ImageFilter.GaussianBlur(rng.uniform(0.0, 1.6)))
    photo = ImageEnhance.Brightness(photo).enhance(rng.uniform(0.6, 1.0))
    # Uneven light: a lamp on one side leaves the other darker.
    ramp = Image.linear_gradient("L").resize(canvas).rotate(rng.choice((0, 90, 180, 270)))
    shade = Image.new("RGB", canvas, (0, 0, 0))
    photo = Image.composite(shade, photo, ramp.point(lambda v: int(v * rng.uniform(0.15, 0.4))))
    scale = rng.uniform(0.75, 1.1)
    photo = photo.resize(
        (int(canvas[0] * scale), int(canvas[1] * scale)), Image.Resampling.BILINEAR
    )
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=rng.randrange(45, 86))
    return out.getvalue()


def kind_of(index: int) -> str:
    """Three ID cards, one licence, one permanent-residence card in every five."""
    return (ID_CARD, ID_CARD, ID_CARD, LICENCE, PERMANENT_RESIDENCE)[index % 5]


def specimen(index: int) -> Specimen:
    """The ``index``-th specimen, the same on every run and machine."""
    rng = random.Random(f"wusong-specimen-{index}")
    kind = kind_of(index)
    draw = {ID_CARD: _id_card, LICENCE: _licence, PERMANENT_RESIDENCE: _permanent_card}[kind]
    document, truth = draw(rng)
    return Specimen(index, kind, truth, spoil(document, rng))


def clean_document(index: int) -> Image.Image:
    """The unspoiled drawing of specimen ``index`` (as a scanner would give it)."""
    rng = random.Random(f"wusong-specimen-{index}")
    draw = {ID_CARD: _id_card, LICENCE: _licence, PERMANENT_RESIDENCE: _permanent_card}
    return draw[kind_of(index)](rng)[0]
