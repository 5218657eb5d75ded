"""Storage costs (issue 9): what a committed change costs with the rollback journal we use
(DELETE + synchronous FULL) against WAL, and what opening, checking and backing up the
100,000-case file take. Prints a table. Copies the cached demo file; never touches it.

    nice python bench/bench_storage.py [--cases 100000] [--commits 200]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.store import open_store  # noqa: E402
from desktop.core.store.backups import vacuum_copy  # noqa: E402
from desktop.core.store.database import quick_problems  # noqa: E402


def commit_cost(folder: Path, mode: str, commits: int) -> list[float]:
    """Milliseconds per committed change of one case (the store's own update path)."""
    path = folder / f"commit-{mode}.sqlite"
    store = open_store(path)
    store.settings.save_committee(name="测试调委会", level=2, region="", abbr="测调")
    store.settings.add_mediator("王调解")
    if mode == "wal":
        store.db.execute("PRAGMA journal_mode = WAL")
    case = store.cases.create(
        {
            "accepted_on": "2026-03-02",
            "source": "当事人申请",
            "category": "02",
            "title": "张三与李四相邻排水纠纷",
            "facts": "李家新砌围墙挡住张家排水沟。",
            "requests": "恢复排水。",
            "people_count": 2,
            "mediator": 1,
            "not_reserved": True,
            "not_pending": True,
            "no_refusal": True,
            "rights_notified": True,
        },
        [
            {"role": "申请人", "kind": "自然人", "name": "张三"},
            {"role": "被申请人", "kind": "自然人", "name": "李四"},
        ],
    )
    times = []
    for i in range(commits):
        t0 = time.perf_counter()
        store.cases.update(case.id, {"facts": f"补充第 {i} 次：围墙高两米。"})
        times.append((time.perf_counter() - t0) * 1000)
    store.close()
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--commits", type=int, default=200)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-storage-"))
    rows: list[tuple[str, float, str]] = []
    try:
        for mode in ("truncate", "wal"):
            t = commit_cost(folder, mode, args.commits)
            label = "TRUNCATE+FULL（采用）" if mode == "truncate" else "WAL+FULL（对照）"
            rows.append((f"一次修改提交 {label} 中位", statistics.median(t), "≤ 20 ms"))
            rows.append((f"一次修改提交 {label} 第95百分位", sorted(t)[int(len(t) * 0.95)], ""))
        cached = ROOT / "bench" / ".cache" / f"demo-{args.cases}.sqlite"
        if cached.exists():
            big = folder / "big.sqlite"
            shutil.copyfile(cached, big)
            open_store(big).close()  # one-time upgrade/conversion, not measured
            size_mb = big.stat().st_size / 1e6
            t0 = time.perf_counter()
            store = open_store(big)
            rows.append((f"打开 {args.cases} 件的案件库", (time.perf_counter() - t0) * 1000, ""))
            t0 = time.perf_counter()
            problems = quick_problems(store.db)
            rows.append(
                (f"PRAGMA quick_check（{size_mb:.0f} MB）", (time.perf_counter() - t0) * 1000, "")
            )
            assert not problems, problems
            t0 = time.perf_counter()
            plain = store.backup()
            rows.append(
                ("备份（VACUUM INTO，不压缩）", (time.perf_counter() - t0) * 1000, "≤ 15 s")
            )
            t0 = time.perf_counter()
            packed = vacuum_copy(store.db, folder / "auto" / "big-自动-x.sqlite.gz", compress=True)
            rows.append(("自动备份（压缩）", (time.perf_counter() - t0) * 1000, ""))
            dest = sqlite3.connect(folder / "api.sqlite")
            t0 = time.perf_counter()
            store.db.conn.backup(dest)
            rows.append(("对照：SQLite 备份接口整页复制", (time.perf_counter() - t0) * 1000, ""))
            dest.close()
            store.close()
            print(
                f"文件 {size_mb:.0f} MB；普通备份 {plain.stat().st_size / 1e6:.0f} MB；"
                f"压缩备份 {packed.stat().st_size / 1e6:.0f} MB"
            )
        print(f"{'项目':<40}{'毫秒':>10}  目标")
        for name, ms, goal in rows:
            print(f"{name:<40}{ms:>10.1f}  {goal}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
