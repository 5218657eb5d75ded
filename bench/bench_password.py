"""The committee password at scale: the same 100,000-case file plain and encrypted (SQLCipher),
measured side by side in one run — search p95 and opening a case, alternating between the two
files so both meet the same machine load — plus converting the file, and the whole process
from start to a usable window after the password. Prints tables.

    python bench/bench_password.py [--cases 100000] [--repeat 40]

Target (issue 12): encrypted search p95 and case opening within 1.5x of plain; start to a
usable window after the password within 1 s. Uses the cached demo database (bench/.cache,
never modified: it is copied).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.store import Store, open_store  # noqa: E402
from desktop.core.store.keyfile import (  # noqa: E402
    db_key_from_recovery,
    new_recovery_key,
    seal,
    write_key_file,
)
from desktop.core.store.protection import convert_file  # noqa: E402

PASSWORD = "bench-密码-2026"

WINDOW_CHILD = """
import os, sys, time
t0 = float(sys.argv[3])
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication
import desktop.ui  # noqa: F401
from desktop.core.store import open_store
from desktop.core.store.signin import choices, sign_in
from desktop.ui.fonts import load_fonts
app = QApplication([])
load_fonts(app)
t_pw = time.time()
store = open_store(sys.argv[1], password=sys.argv[2] or None)
t_open = time.time()
sign_in(store, choices(store)[0])
from desktop.ui.main_window import MainWindow
window = MainWindow(store)
window.show()
app.processEvents()
t_end = time.time()
print(f"{(t_end - t0) * 1000:.0f} {(t_open - t_pw) * 1000:.0f} {(t_end - t_pw) * 1000:.0f}")
window.cases.stop()
store.close()
"""


def p95(xs: list[float]) -> float:
    return sorted(xs)[max(0, int(len(xs) * 0.95) - 1)]


def ms(fn) -> float:  # noqa: ANN001
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def terms(store: Store, rng: random.Random) -> list[str]:
    db = store.db
    names = [
        r[0]
        for r in db.execute(
            "SELECT name FROM parties WHERE kind = '自然人' ORDER BY random() LIMIT 200"
        )
    ]
    nos = [r[0] for r in db.execute("SELECT case_no FROM cases ORDER BY random() LIMIT 10")]
    ids = [
        r[0]
        for r in db.execute(
            "SELECT id_number FROM parties WHERE id_number != '' ORDER BY random() LIMIT 10"
        )
    ]
    words = [n[0] for n in names[:10]] + [n for n in names if len(n) >= 2][:20]
    words += ["将原有排水沟", "宅基地相邻", "在卫生院治疗", "双方多次交涉"] + nos + ids
    rng.shuffle(words)
    return words


def start_window(path: Path, password: str) -> tuple[float, float, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    t0 = time.time()
    out = subprocess.run(
        [sys.executable, "-c", WINDOW_CHILD, str(path), password, repr(t0)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    ).stdout.split()
    total, open_ms, after_pw = (float(x) for x in out[:3])
    return total, open_ms, after_pw


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=40)
    ap.add_argument("--starts", type=int, default=3)
    ap.add_argument(
        "--work", type=Path, default=None, help="reuse plain.sqlite/enc.sqlite of an earlier run"
    )
    args = ap.parse_args()
    cached = ROOT / "bench" / ".cache" / f"demo-{args.cases}.sqlite"
    if not cached.exists():
        sys.exit(f"没有 {cached}：先运行 python bench/bench_core.py --cases {args.cases}")
    work = args.work or Path(tempfile.mkdtemp(prefix="wusong-bench-pw-"))
    plain = work / "plain.sqlite"
    enc = work / "enc.sqlite"
    convert_s = float("nan")
    if args.work is None:
        shutil.copy(cached, plain)
        open_store(plain).close()  # a one-time migration is not what is measured
        recovery = new_recovery_key()
        key = db_key_from_recovery(recovery)
        t = time.perf_counter()
        convert_file(plain, None, enc, key)
        convert_s = time.perf_counter() - t
        write_key_file(enc, seal(key, PASSWORD))

    stores = {"plain": open_store(plain), "enc": open_store(enc, password=PASSWORD)}
    rng = random.Random(5)
    words = terms(stores["plain"], rng)
    ids = [
        r[0] for r in stores["plain"].db.execute("SELECT id FROM cases ORDER BY random() LIMIT 60")
    ]
    search: dict[str, list[float]] = {"plain": [], "enc": []}
    detail: dict[str, list[float]] = {"plain": [], "enc": []}
    for s in stores.values():  # warm both page caches the same way
        for w in words:
            s.cases.search(w)
        for cid in ids:
            s.cases.detail(cid)
    rounds = max(1, args.repeat // 10)
    for _ in range(rounds):
        for w in words:
            for kind, s in stores.items():  # alternate: both meet the same load
                search[kind].append(ms(lambda s=s, w=w: s.cases.search(w)))
        for cid in ids:
            for kind, s in stores.items():
                detail[kind].append(ms(lambda s=s, cid=cid: s.cases.detail(cid)))
    total = stores["plain"].cases.count()
    for s in stores.values():
        s.close()

    size = plain.stat().st_size / 1e6
    print(f"\n案件数 {total:,}；明文文件 {size:.0f} MB，加密文件 {enc.stat().st_size / 1e6:.0f} MB")
    print(f"转换为加密文件（sqlcipher_export + 核对行数与完整性）：{convert_s:.1f} s\n")
    head = ("明文 中位", "明文 p95", "加密 中位", "加密 p95", "p95 倍数")
    print(f"{'操作':<22}" + "".join(f"{h:>10}" for h in head))
    for label, data in (("检索（首页 50 条）", search), ("打开一件案件", detail)):
        pm, pp = statistics.median(data["plain"]), p95(data["plain"])
        em, ep = statistics.median(data["enc"]), p95(data["enc"])
        print(f"{label:<22}{pm:>10.2f}{pp:>10.2f}{em:>10.2f}{ep:>10.2f}{ep / pp:>10.2f}")
    n_search, n_detail = len(search["plain"]), len(detail["plain"])
    print(f"\n（检索 {n_search} 次、打开 {n_detail} 次，两种文件交替测量；目标：倍数 ≤ 1.5）\n")
    starts = {
        kind: [start_window(p, pw) for _ in range(args.starts)]
        for kind, p, pw in (("plain", plain, ""), ("enc", enc, PASSWORD))
    }

    print(f"{'启动到可用窗口':<22}{'整个进程 ms':>14}{'其中打开库 ms':>14}{'输入密码后 ms':>14}")
    for kind, runs in starts.items():
        best = min(runs, key=lambda r: r[0])
        med = [statistics.median(col) for col in zip(*runs, strict=True)]
        label = "明文" if kind == "plain" else "加密（含 scrypt）"
        print(
            f"{label:<22}{med[0]:>14.0f}{med[1]:>14.0f}{med[2]:>14.0f}"
            f"   最快一次 {best[0]:.0f} / {best[2]:.0f} ms"
        )
    print("（目标：输入密码后到可用窗口 ≤ 1000 ms；中位数，共", args.starts, "次）")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
