"""Benchmark of the core at scale: open, search, list, open a case; each beside the raw SQLite
doing the same lookup, as a ratio (our layers' overhead). Prints a table.

    python bench/bench_core.py [--cases 100000] [--db PATH] [--repeat 30]

The demo database is built once (it takes minutes at 100,000 cases) and kept in
bench/.cache/demo-<N>.sqlite. Targets from SPEC section 5: search under 50 ms at 100k cases,
opening a case under 100 ms.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pypinyin import Style, lazy_pinyin  # noqa: E402

from desktop.core.models import CaseFilter  # noqa: E402
from desktop.core.store import Store, open_store  # noqa: E402
from desktop.core.store.search import plan_text  # noqa: E402


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    fn()  # warm the page cache: we measure steady use, not the first disk read
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def p95(xs: list[float]) -> float:
    return sorted(xs)[max(0, int(len(xs) * 0.95) - 1)]


def build(path: Path, cases: int) -> None:
    from desktop.core.demo import generate

    part = path.with_name(path.name + ".part")
    part.unlink(missing_ok=True)
    t = time.perf_counter()
    with open_store(part) as store:
        generate(store, cases, seed=7)
    part.replace(path)
    print(f"built {cases} demo cases in {time.perf_counter() - t:.0f} s -> {path}")


def pick_terms(store: Store, rng: random.Random) -> dict[str, list[str]]:
    db = store.db
    names = [
        r[0]
        for r in db.execute(
            "SELECT name FROM parties WHERE kind = '自然人' ORDER BY random() LIMIT 400"
        )
    ]
    two = [n for n in names if len(n) == 2][:20]
    three = [n for n in names if len(n) == 3][:20]
    nos = [r[0] for r in db.execute("SELECT case_no FROM cases ORDER BY random() LIMIT 20")]
    ids = [
        r[0]
        for r in db.execute(
            "SELECT id_number FROM parties WHERE id_number != '' ORDER BY random() LIMIT 20"
        )
    ]
    return {
        "1 字（姓）": [n[0] for n in names[:20]],
        "2 字（姓名）": two,
        "3 字（姓名）": three,
        "6 字（案情）": [
            "将原有排水沟",
            "宅基地相邻。",
            "拖欠工资八千"[:6],
            "在卫生院治疗",
            "双方多次交涉",
            "共用一口水井",
        ],
        "拼音首字母（zs、wjp）": [
            "".join(lazy_pinyin(n, style=Style.FIRST_LETTER)).lower() for n in (two + three)[:20]
        ],
        "案号": nos,
        "身份证号": ids,
    }


def raw_search(conn: sqlite3.Connection, store: Store, text: str) -> list[tuple]:
    """The same index lookups as the store's plan, issued straight to SQLite."""
    plan = plan_text(store.db, text)
    if plan.driver is not None:
        source, clauses, params, order = plan.streaming()
    else:
        clauses, params = plan.in_clauses()
        source, order = "cases c", "c.accepted_on DESC, c.id DESC"
    return conn.execute(
        f"SELECT c.id, c.case_no FROM {source} WHERE {' AND '.join(clauses)}"
        f" ORDER BY {order} LIMIT 50",
        params,
    ).fetchall()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    path = args.db or ROOT / "bench" / ".cache" / f"demo-{args.cases}.sqlite"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        build(path, args.cases)
    # Work on a copy so the cached file is never touched by a benchmark run.
    tmp = Path(tempfile.mkdtemp()) / "bench.sqlite"
    shutil.copy(path, tmp)
    rows: list[tuple[str, float, float, float, str]] = []

    # The first open of a file made by an older version migrates it, after a backup copy.
    t = time.perf_counter()
    open_store(tmp).close()
    first_open = (time.perf_counter() - t) * 1000
    rows.append(
        ("首次打开（如需升级则先备份）", first_open, first_open, float("nan"), "只发生一次")
    )
    t = time.perf_counter()
    store = open_store(tmp)
    ours_open = (time.perf_counter() - t) * 1000
    store.close()
    t = time.perf_counter()
    conn = sqlite3.connect(tmp)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    raw_open = (time.perf_counter() - t) * 1000
    rows.append(("打开数据库", ours_open, ours_open, raw_open, ""))

    store = open_store(tmp)
    total = store.cases.count()
    rng = random.Random(3)
    terms = pick_terms(store, rng)
    for label, words in terms.items():
        ours: list[float] = []
        raw: list[float] = []
        hits = []
        for w in words:
            times = max(2, args.repeat // len(words))
            ours += timed(partial(store.cases.search, w), times)
            raw += timed(partial(raw_search, conn, store, w), times)
            hits.append(len(store.cases.search(w)))
        rows.append(
            (
                f"检索 {label}",
                statistics.median(ours),
                p95(ours),
                statistics.median(raw),
                f"< 50 ms；首页命中中位 {statistics.median(hits):.0f} 条",
            )
        )

    offsets = [rng.randrange(0, max(1, total - 50)) for _ in range(args.repeat)]
    it = iter(offsets * 3)
    ours = timed(lambda: store.cases.list(CaseFilter(), limit=50, offset=next(it)), args.repeat)
    it = iter(offsets * 3)
    raw = timed(
        lambda: conn.execute(
            "SELECT c.*, (SELECT group_concat(name, '、') FROM parties p WHERE p.case_id = c.id)"
            " FROM cases c"
            " ORDER BY c.accepted_on DESC, c.id DESC LIMIT 50 OFFSET ?",
            [next(it)],
        ).fetchall(),
        args.repeat,
    )
    rows.append(
        (
            "案件列表一页 50 件（按日期）",
            statistics.median(ours),
            p95(ours),
            statistics.median(raw),
            "滚动不卡",
        )
    )

    ids = [r[0] for r in store.db.execute("SELECT id FROM cases ORDER BY random() LIMIT 50")]
    it = iter(ids * 3)
    ours = timed(lambda: store.cases.detail(next(it)), args.repeat)
    it = iter(ids * 3)

    def raw_detail() -> None:
        cid = next(it)
        conn.execute("SELECT * FROM cases WHERE id = ?", [cid]).fetchall()
        for table in (
            "parties",
            "investigations",
            "sessions",
            "terms",
            "return_visits",
            "receipts",
            "escalations",
            "terminations",
            "extensions",
            "attachments",
            "documents",
        ):
            conn.execute(f"SELECT * FROM {table} WHERE case_id = ?", [cid]).fetchall()

    raw = timed(raw_detail, args.repeat)
    rows.append(
        (
            "打开一件案件（含当事人和记录）",
            statistics.median(ours),
            p95(ours),
            statistics.median(raw),
            "< 100 ms",
        )
    )
    store.close()
    conn.close()

    size = tmp.stat().st_size / 1e6
    print(f"\n案件数 {total:,}；数据库文件 {size:.1f} MB（{path.name}）\n")
    print(f"{'操作':<30}{'中位 ms':>10}{'p95 ms':>10}{'原始SQLite ms':>15}{'倍数':>8}  目标/说明")
    for name, med, p, raw_med, note in rows:
        ratio = med / raw_med if raw_med > 0 else float("nan")
        print(f"{name:<30}{med:>10.2f}{p:>10.2f}{raw_med:>15.2f}{ratio:>8.1f}  {note}")
    shutil.rmtree(tmp.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
