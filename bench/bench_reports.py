"""Benchmark of the monthly report and the case register at scale. Prints a table.

    python bench/bench_reports.py [--cases 100000] [--month 2026-10] [--repeat 5]

Reuses the demo database bench_core builds (bench/.cache/demo-<N>.sqlite). That file is not
changed: a copy, upgraded to the current schema (the report indexes), is kept beside it as
bench/.cache/reports-<N>.sqlite. Target from SPEC section 5: a monthly report over 100,000
cases under 2 s.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.reports import build_report, render_monthly  # noqa: E402
from desktop.core.reports.register import (  # noqa: E402
    case_ids_for,
    register_csv_bytes,
    register_xlsx_bytes,
)
from desktop.core.reports.statistics import compute  # noqa: E402
from desktop.core.store import Store, open_store  # noqa: E402

CACHE = ROOT / "bench" / ".cache"


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    fn()  # warm the page cache: a mediator makes the report on a machine already running
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def prepared(cases: int) -> Path:
    source = CACHE / f"demo-{cases}.sqlite"
    target = CACHE / f"reports-{cases}.sqlite"
    if not source.exists():
        sys.path.insert(0, str(ROOT / "bench"))
        from bench_core import build

        build(source, cases)
    if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
        part = target.with_name(target.name + ".part")
        shutil.copyfile(source, part)
        t = time.perf_counter()
        open_store(part).close()  # applies pending migrations (the report indexes)
        part.replace(target)
        for leftover in CACHE.glob(f"{part.stem}*-backups"):
            shutil.rmtree(leftover, ignore_errors=True)
        print(f"upgraded a copy of {source.name} in {time.perf_counter() - t:.1f} s -> {target}")
    else:
        open_store(target).close()  # our own copy: bring it up to schema changes made since
        for leftover in CACHE.glob(f"{target.stem}*-backups"):
            shutil.rmtree(leftover, ignore_errors=True)
    return target


def _render(store: Store, month: str, fmt: str) -> bytes:
    return render_monthly(build_report(store, month), fmt)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--month", default="2026-10")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    path = prepared(args.cases)
    store: Store = open_store(path, readonly=True)
    total = store.db.execute("SELECT count(*) FROM cases").fetchone()[0]
    report = build_report(store, args.month)
    year = int(args.month[:4])
    year_ids = case_ids_for(store, year=year)
    month_ids = case_ids_for(store, month=args.month)

    rows: list[tuple[str, list[float], float | None]] = [
        ("figures only (SQL)", timed(lambda: compute(store.db, args.month), args.repeat), None),
        (
            "月报 model (figures + labels)",
            timed(lambda: build_report(store, args.month), args.repeat),
            None,
        ),
    ]
    for fmt, name in (("pdf", "PDF"), ("docx", "Word"), ("xlsx", "Excel")):
        rows.append(
            (
                f"月报 {name}, end to end",
                timed(partial(_render, store, args.month, fmt), args.repeat),
                2.0,
            )
        )
    rows.append(
        (
            f"台账 Excel, one month ({len(month_ids)} cases)",
            timed(lambda: register_xlsx_bytes(store, month_ids, mask=True), args.repeat),
            None,
        )
    )
    rows.append(
        (
            f"台账 Excel, one year ({len(year_ids)} cases)",
            timed(lambda: register_xlsx_bytes(store, year_ids, mask=True), 1),
            None,
        )
    )
    rows.append(
        (
            f"台账 CSV, one year ({len(year_ids)} cases)",
            timed(lambda: register_csv_bytes(store, year_ids, mask=True), 1),
            None,
        )
    )

    print(
        f"\n{total} cases in {path.name}; report month {args.month}: accepted "
        f"{report.value('accepted')}, this year {report.value('accepted', 'year')}\n"
    )
    print(f"{'operation':<44} {'median s':>9} {'max s':>8} {'target':>8}  ok")
    print("-" * 78)
    for name, times, target in rows:
        med, worst = statistics.median(times), max(times)
        verdict = "" if target is None else ("yes" if worst < target else "NO")
        shown = "" if target is None else f"< {target:.0f} s"
        print(f"{name:<44} {med:>9.3f} {worst:>8.3f} {shown:>8}  {verdict}")
    store.close()


if __name__ == "__main__":
    main()
