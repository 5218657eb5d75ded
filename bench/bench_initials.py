"""Pinyin initials of party names never seen before (issue 10: a county importing 50 villages'
packages meets ~100,000 mostly distinct names; the reading process builds every name's
initials). The reading before issue 10 (pypinyin's lazy_pinyin per name, kept below verbatim)
against desktop/core/store/initials.py, each in a fresh process, alternating, the median of
the rounds: microseconds per distinct name, the process's peak memory (VmHWM, pypinyin's
dictionaries included), and whether both gave the same spellings for every name. Prints a table.
The last row is the worst case, not a county's names: characters drawn from the whole indexed
range, so nearly every name brings characters never met before and each is looked up once.

    python bench/bench_initials.py [--rounds 3]

Target (issue 10): at least 5x faster on distinct names, the same output, little memory added.
On a machine shared with other work, run it as ``chrt -f 10 python bench/bench_initials.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SURNAMES = [
    *"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程",
    *"苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛",
    *"郝龚邵万钱严覃武戴莫孔向汤单解区仇查乐朴",
    *["尉迟", "长孙", "万俟", "欧阳", "司马", "诸葛"],
]
GIVEN = "".join(
    dict.fromkeys(
        "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉梅春海云飞鹏辉波宇浩然子轩"
        "涵萱晨欣怡佳琪思雨博文俊凯瑞天宏德福贵荣昌盛永长生金银宝珍凤花菊莲琴燕萍婷倩雪颖慧君秋"
        "冬霖鑫淑惠素芬芝翠莉玲彩丹晓露瑶璐嘉璇悦琳蕾薇馨蓉妍茜雯艺晴岚梦婉新利清彬富顺发成康安定"
        "立正光亮东南北中山江河湖森树松柏青恒益兴旺庆喜禄寿齐家治和义仁礼智信忠孝廉诚学习书武斌"
        "泽洪澜滨洲航帆舟远达向进兵卫旗胜跃锋峰岩坚壮健乐欢笑朝阳振宁翔毅鸿铭峻"
    )
)
# Words written with spaces between, as one reads them (split once).
PLACES = "青山 柳河 石桥 大湾 新村 李家 王庄 河口 东岗 西沟 南坪 北塬".split()  # noqa: SIM905
TRADES = "建材 养殖 农机 物流 商贸 食品 运输 建筑 劳务 电子 农业 种植 水产 家具".split()  # noqa: SIM905
FORMS = "有限公司 有限责任公司 专业合作社 加工厂 经营部".split()  # noqa: SIM905
SYLLABLES = "阿卜杜热合曼买提古丽努尔艾力吾斯坦巴依克木拉汗帕夏再娜"


def han_names(rnd: random.Random) -> str:
    return rnd.choice(SURNAMES) + "".join(rnd.choices(GIVEN, k=rnd.choice([1, 2, 2, 2, 3])))


def company_names(rnd: random.Random) -> str:
    own = "".join(rnd.choices(GIVEN, k=2))
    return rnd.choice(PLACES) + own + rnd.choice(TRADES) + rnd.choice(FORMS)


def mixed_names(rnd: random.Random) -> str:
    kind = rnd.randrange(4)
    if kind == 0:  # a Uyghur name in Chinese characters with a middle dot
        return "·".join("".join(rnd.choices(SYLLABLES, k=rnd.randint(2, 4))) for _ in range(2))
    if kind == 1:  # a rare character (one of 300 of CJK Extension A) in the given name
        return rnd.choice(SURNAMES) + rnd.choice(GIVEN) + chr(0x3400 + rnd.randrange(300) * 20)
    if kind == 2:  # Latin letters and digits (a foreigner, a numbered co-operative member)
        return "".join(rnd.choices("ABCDEFGHJKLMNPRSTWXYZ", k=2)) + rnd.choice(GIVEN) + "2"
    return rnd.choice(SURNAMES) + " " + "".join(rnd.choices(GIVEN, k=2)) + "（代）"


def any_han(rnd: random.Random) -> str:
    # The worst case for memory: 2-8 characters anywhere in the indexed range (~28,000), so
    # every character's readings are looked up and kept.
    return "".join(chr(rnd.choice(ANY_HAN)) for _ in range(rnd.randint(2, 8)))


ANY_HAN = [*range(0x3400, 0xA000), *range(0xF900, 0xFB00)]
#: Kind of names -> (how to make one, how many distinct names).
KINDS: dict[str, tuple[Callable[[random.Random], str], int]] = {
    "常见姓名 2-4 字": (han_names, 100_000),
    "单位名称（含词语）": (company_names, 20_000),
    "少数民族·生僻字·字母": (mixed_names, 20_000),
    "任意汉字（最坏情况）": (any_han, 50_000),
}


def distinct(kind: str) -> list[str]:
    make, count = KINDS[kind]
    rnd = random.Random(10)
    out: dict[str, None] = {}
    while len(out) < count:
        out[make(rnd)] = None
    return list(out)


# The reading before issue 10, verbatim: pypinyin's lazy_pinyin (phrase-aware, ~50 µs a
# call) for each name's usual reading, heteronyms per character (cached).
_MAX_CHARS, _MAX_SPELLINGS = 8, 16


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


@cache
def _readings(ch: str) -> tuple[str, ...]:
    from pypinyin import Style, pinyin

    return tuple(r[:1].lower() for r in pinyin(ch, style=Style.FIRST_LETTER, heteronym=True)[0])


@lru_cache(maxsize=65536)
def _old_initials(name: str) -> tuple[str, ...]:
    from pypinyin import Style, lazy_pinyin

    chars = [ch for ch in name if _is_han(ch) or ("a" <= ch.lower() <= "z")][:_MAX_CHARS]
    han = "".join(ch for ch in chars if _is_han(ch))
    usual = iter(p[:1].lower() for p in lazy_pinyin(han, style=Style.FIRST_LETTER))
    options: list[list[str]] = []
    count = 1
    for ch in chars:
        if not _is_han(ch):
            options.append([ch.lower()])
            continue
        first = next(usual, "")
        letters = [x for x in dict.fromkeys([first, *_readings(ch)]) if "a" <= x <= "z"]
        if not letters:
            continue
        if count * len(letters) > _MAX_SPELLINGS:
            letters = letters[:1]
        count *= len(letters)
        options.append(letters)
    spellings = ("".join(combo) for combo in itertools.product(*options))
    return tuple(s for s in dict.fromkeys(spellings) if len(s) >= 2)


def old_name_initials(name: str) -> list[str]:
    return list(_old_initials(name))


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as fh:
        return next(int(x.split()[1]) for x in fh if x.startswith(field)) / 1024


def child(which: str, kind: str) -> None:
    """One round in this fresh process: read every distinct name once; print µs per name,
    peak memory (MB) and a digest of all spellings as one JSON line."""
    names = distinct(kind)
    # Both import the module (and the desktop package around it), so memory is compared alike.
    from desktop.core.store.initials import name_initials

    read = old_name_initials if which == "old" else name_initials
    read("王建平")  # loads pypinyin's dictionaries (both do; not part of a name's cost)
    t = time.perf_counter()
    out = [read(name) for name in names]
    secs = time.perf_counter() - t
    digest = hashlib.sha256(json.dumps(out, ensure_ascii=False).encode()).hexdigest()
    print(json.dumps({"us": secs / len(names) * 1e6, "mb": _status_mb("VmHWM"), "sha": digest}))


def run(which: str, kind: str) -> dict[str, float | str]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", which, kind],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()[-1]
    result: dict[str, float | str] = json.loads(out)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("WHICH", "KIND"))
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    print(
        f"{'名称类别':<14}{'不同名称':>8}{'旧 µs/名':>10}{'新 µs/名':>10}{'倍数':>7}"
        f"{'旧峰值 MB':>11}{'新峰值 MB':>11}  结果相同"
    )
    for kind, (_, count) in KINDS.items():
        rounds: dict[str, list[dict[str, float | str]]] = {"old": [], "new": []}
        for i in range(args.rounds):
            # Alternating (and swapping who goes first) so a busy moment hurts both alike.
            for which in ("old", "new") if i % 2 == 0 else ("new", "old"):
                rounds[which].append(run(which, kind))
        us = {w: statistics.median(float(r["us"]) for r in rs) for w, rs in rounds.items()}
        mb = {w: max(float(r["mb"]) for r in rs) for w, rs in rounds.items()}
        same = len({r["sha"] for rs in rounds.values() for r in rs}) == 1
        print(
            f"{kind:<14}{count:>10,}{us['old']:>10.1f}{us['new']:>10.1f}"
            f"{us['old'] / us['new']:>8.1f}x{mb['old']:>10.0f}{mb['new']:>11.0f}"
            f"  {'是' if same else '否'}"
        )


if __name__ == "__main__":
    main()
