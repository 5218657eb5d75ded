"""Crash trials (issue 9): a child process writes cases, imports 报送包, takes backups or
upgrades a first-release file; it is killed with SIGKILL at a random moment; the file is then
opened as the window would open it. Counts trials, files that would not open, committed cases
(or imports, or finished backups) that were lost, and ``.part`` files a later backup did not
clean. Prints a table.

    nice python bench/crash_trials.py --trials 1000 [--seed 1] [--kinds write,import,backup,upgrade]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.restore import check_backup  # noqa: E402
from desktop.core.store import open_store  # noqa: E402
from desktop.core.store.backups import clean_stale_parts  # noqa: E402
from desktop.core.store.database import backups_dir, quick_problems  # noqa: E402

M0001 = ROOT / "tests" / "data" / "wusong-schema-m0001.sqlite"
KINDS = ("write", "import", "backup", "upgrade")

INTAKE = {
    "accepted_on": "2026-03-02",
    "source": "当事人申请",
    "category": "02",
    "title": "相邻排水纠纷",
    "facts": "李家新砌围墙挡住张家排水沟，雨天积水。",
    "requests": "恢复排水。",
    "people_count": 2,
    "mediator": 1,
    "not_reserved": True,
    "not_pending": True,
    "no_refusal": True,
    "rights_notified": True,
}
PARTIES = [
    {"role": "申请人", "kind": "自然人", "name": "张建国"},
    {"role": "被申请人", "kind": "自然人", "name": "李秀英"},
]


def child(kind: str, path: Path, extra: list[str]) -> None:
    """Runs in the killed process: prints ``OK <token>`` after each durable step."""
    if kind == "upgrade":
        print("READY", flush=True)
        open_store(path).close()
        print("OK upgraded", flush=True)
        return
    store = open_store(path)
    print("READY", flush=True)
    if kind == "write":
        while True:
            case = store.cases.create(dict(INTAKE), [dict(p) for p in PARTIES])
            store.cases.update(case.id, {"facts": "补充：围墙高两米。" * 20})
            print("OK", case.uuid, flush=True)
    elif kind == "import":
        from desktop.core.exchange import import_packages

        for package in extra:
            import_packages(store, [Path(package)])
            print("OK", Path(package).name, flush=True)
        time.sleep(60)
    elif kind == "backup":
        from desktop.core.store.backups import vacuum_copy

        n = 0
        while True:
            n += 1
            if n % 2:
                done = store.backup()
            else:
                target = backups_dir(path) / f"{path.stem}-自动-20260302-0900{n:02d}.sqlite.gz"
                done = vacuum_copy(store.db, target, compress=True)
            print("OK", done, flush=True)


@dataclass
class Tally:
    trials: int = 0
    unopenable: int = 0
    lost: int = 0
    damaged: int = 0
    stray_parts: int = 0
    finished: int = 0  # trials whose work ended before the kill (the kill missed it)
    notes: list[str] = field(default_factory=list)


def _setup(kind: str, folder: Path) -> tuple[Path, list[str]]:
    path = folder / f"{kind}.sqlite"
    if kind == "upgrade":
        return path, []
    with open_store(path) as s:
        s.settings.save_committee(name="星光村人民调解委员会", level=2, region="", abbr="星调")
        s.settings.add_mediator("王调解")
        for _ in range(30 if kind != "import" else 0):
            s.cases.create(dict(INTAKE), [dict(p) for p in PARTIES])
    packages: list[str] = []
    if kind == "import":
        from desktop.core.exchange import export_period

        for i in range(6):
            village = folder / f"village{i}.sqlite"
            with open_store(village) as v:
                v.settings.save_committee(name=f"第{i}村调委会", level=2, region="", abbr=f"村{i}")
                v.settings.add_mediator("王调解")
                for _ in range(40):
                    v.cases.create(dict(INTAKE), [dict(p) for p in PARTIES])
                packages.append(str(export_period(v, folder / f"p{i}.zip").path))
        shutil.copyfile(path, path.with_name("import-pristine.sqlite"))
    return path, packages


def _verify(kind: str, path: Path, committed: list[str], tally: Tally) -> None:
    try:
        store = open_store(path)
    except Exception as exc:  # the point of the harness: count, never stop
        tally.unopenable += 1
        tally.notes.append(f"{kind}: {exc}")
        return
    try:
        if quick_problems(store.db):
            tally.damaged += 1
        if kind == "write":
            have = {r[0] for r in store.db.execute("SELECT uuid FROM cases")}
            tally.lost += sum(1 for u in committed if u not in have)
        elif kind == "import":
            imported = store.db.execute("SELECT count(*) FROM imports").fetchone()[0]
            tally.lost += max(0, len(committed) - imported)
        elif kind == "upgrade":
            tally.lost += 10 - store.cases.count()
        elif kind == "backup":
            for done in committed:
                try:
                    check_backup(Path(done))
                except Exception:
                    tally.lost += 1
    finally:
        store.close()
    folder = backups_dir(path)
    if folder.is_dir():
        for part in folder.glob(".*.part"):
            old = time.time() - 3600
            os.utime(part, (old, old))  # as if the next backup came an hour later
        clean_stale_parts(folder)
        tally.stray_parts += len(list(folder.glob(".*.part")))


def trial(kind: str, path: Path, packages: list[str], rng: random.Random, tally: Tally) -> None:
    if kind == "upgrade":
        path.unlink(missing_ok=True)
        shutil.copyfile(M0001, path)
        shutil.rmtree(backups_dir(path), ignore_errors=True)
    if kind == "import":  # each trial starts from the same empty county file
        shutil.copyfile(path.with_name("import-pristine.sqlite"), path)
    # fork, not exec: the child starts with every module already imported, so a trial costs
    # the work and the kill, not an interpreter start (the parent holds no connection or lock).
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: stdout into the pipe, then work until killed
        os.close(read_fd)
        os.dup2(write_fd, 1)
        sys.stdout = os.fdopen(1, "w", buffering=1)
        try:
            child(kind, path, packages)
        finally:
            os._exit(0)
    os.close(write_fd)
    reader = os.fdopen(read_fd)
    reader.readline()  # READY
    delay = rng.uniform(0, 0.4 if kind == "upgrade" else 0.8)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    out = reader.read()
    reader.close()
    os.waitpid(pid, 0)
    committed = [line.split(" ", 1)[1] for line in out.splitlines() if line.startswith("OK ")]
    if kind == "upgrade":
        tally.finished += bool(committed)
        committed = []
    tally.trials += 1
    _verify(kind, path, committed, tally)


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]), sys.argv[4:])
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--trials", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kinds", default=",".join(KINDS))
    args = ap.parse_args()
    kinds = [k for k in args.kinds.split(",") if k]
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="crash-trials-"))
    tallies: dict[str, Tally] = {}
    started = time.perf_counter()
    try:
        for kind in kinds:
            path, packages = _setup(kind, folder)
            tally = tallies[kind] = Tally()
            for _ in range(max(1, args.trials // len(kinds))):
                trial(kind, path, packages, rng, tally)
            print(
                f"{kind}: {tally.trials} 次，打不开 {tally.unopenable}，损坏 {tally.damaged}，"
                f"丢失 {tally.lost}，残留.part {tally.stray_parts}"
                + (f"，被杀前已完成 {tally.finished}" if kind == "upgrade" else ""),
                flush=True,
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{'场景':<10}{'次数':>6}{'打不开':>8}{'损坏':>6}{'丢失':>6}{'残留.part':>10}")
    total = Tally()
    for kind, t in tallies.items():
        print(
            f"{kind:<10}{t.trials:>6}{t.unopenable:>8}{t.damaged:>6}{t.lost:>6}{t.stray_parts:>10}"
        )
        total.trials += t.trials
        total.unopenable += t.unopenable
        total.damaged += t.damaged
        total.lost += t.lost
        total.stray_parts += t.stray_parts
        for note in t.notes[:5]:
            print("  ", note)
    print(
        f"{'合计':<10}{total.trials:>6}{total.unopenable:>8}{total.damaged:>6}{total.lost:>6}"
        f"{total.stray_parts:>10}  （{time.perf_counter() - started:.0f} 秒）"
    )
    if total.unopenable or total.damaged or total.lost or total.stray_parts:
        sys.exit(1)


if __name__ == "__main__":
    main()
