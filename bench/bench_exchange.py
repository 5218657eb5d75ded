"""Exchange at scale: export 10,000 cases into one package, and import 50 packages of 1,000
cases each into a fresh county database (then the same 50 again, which must change nothing).
Packages are cut from the cached 100,000-case demo database, each relabelled as its own
committee. Prints a table.

    python bench/bench_exchange.py
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.exchange import import_packages  # noqa: E402
from desktop.core.exchange.export import write_package  # noqa: E402
from desktop.core.store import Store, open_store  # noqa: E402


def as_committee(store: Store, n: int) -> None:
    """Make the village database speak as committee ``n`` (its own id and name; the same
    signing key), so 50 packages come from 50 committees."""
    with store.db.atomic():
        for key, value in (
            ("committee_id", f"bench-{n:02d}"),
            ("name", f"第{n:02d}村人民调解委员会"),
        ):
            store.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, json.dumps(value, ensure_ascii=False)],
            )


def peak_rss_mb(code: str) -> tuple[float, str]:
    """Run ``code`` in a fresh interpreter; its peak resident memory (MB) and last line.
    Read from VmHWM (this process's own high-water mark): getrusage's ru_maxrss would report
    the forking bench process's size, which a child inherits across exec. A large import reads
    in a child process of its own (exchange/reading.py): that child's peak (RUSAGE_CHILDREN,
    the largest child waited for) is added, as both live at once."""
    probe = (
        code + "\nimport resource\nprint((next(int(x.split()[1]) for x in open('/proc/self/status')"
        " if x.startswith('VmHWM')) + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
        " / 1024)"
    )
    out = (
        subprocess.run(
            [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
        )
        .stdout.strip()
        .splitlines()
    )
    return float(out[-1]), (out[-2] if len(out) > 1 else "")


def bombs(folder: Path, good: Path) -> dict[str, Path]:
    """Hostile packages for the memory table: 600 MB of text behind honest headers, and the
    same behind headers that understate it."""
    out = {}
    with zipfile.ZipFile(good) as zf:
        files = {i.filename: zf.read(i) for i in zf.infolist()}
    honest = folder / "bomb-honest.zip"
    with zipfile.ZipFile(honest, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            if name == "cases.jsonl":
                with zf.open(name, "w", force_zip64=True) as fh:
                    fh.write(data)
                    block = b" " * (1 << 20)
                    for _ in range(600):
                        fh.write(block)
            else:
                zf.writestr(name, data)
    out["头部如实、解开 600 MB"] = honest
    raw = bytearray(honest.read_bytes())
    # Understate the size in the central directory (zip64: the extra field) and local header.
    pos = 0
    while (pos := raw.find(b"PK\x01\x02", pos + 1)) > 0:
        n, extra = struct.unpack_from("<HH", raw, pos + 28)
        if bytes(raw[pos + 46 : pos + 46 + n]) == b"cases.jsonl":
            struct.pack_into("<I", raw, pos + 24, 4096)
            field = pos + 46 + n
            end = field + extra
            while field + 4 <= end:
                tag, size = struct.unpack_from("<HH", raw, field)
                if tag == 1:
                    struct.pack_into("<Q", raw, field + 4, 4096)
                field += 4 + size
    lying = folder / "bomb-lying.zip"
    lying.write_bytes(bytes(raw))
    out["头部少报大小"] = lying
    return out


def main() -> None:
    cached = ROOT / "bench" / ".cache" / "demo-100000.sqlite"
    if not cached.exists():
        sys.exit("先运行 python bench/bench_core.py 生成 10 万件演示数据库")
    tmp = Path(tempfile.mkdtemp())
    shutil.copy(cached, tmp / "v.sqlite")
    rows = []
    with open_store(tmp / "v.sqlite") as village:
        ids = [r[0] for r in village.db.execute("SELECT id FROM cases ORDER BY id LIMIT 60000")]
        t = time.perf_counter()
        result = write_package(
            village, tmp / "10k.zip", ids[:10_000], kind="period", period="bench"
        )
        rows.append(
            (
                "导出 10,000 件案件为一个报送包",
                time.perf_counter() - t,
                "≤ 3 s",
                f"{(tmp / '10k.zip').stat().st_size / 1e6:.1f} MB，{result.cases} 件",
            )
        )
        packages = []
        for i in range(50):
            path = tmp / f"p{i:02d}.zip"
            as_committee(village, i)
            write_package(
                village,
                path,
                ids[10_000 + i * 1000 : 10_000 + (i + 1) * 1000],
                kind="period",
                period="bench",
            )
            packages.append(path)
    with open_store(tmp / "county.sqlite") as county:
        county.settings.save_committee(name="县矛调中心", level=4, abbr="县")
        t = time.perf_counter()
        reports = import_packages(county, packages)
        rows.append(
            (
                "导入 50 个包 × 1,000 件",
                time.perf_counter() - t,
                "≤ 15 s",
                f"新增 {sum(len(r.added) for r in reports):,} 件",
            )
        )
        t = time.perf_counter()
        again = import_packages(county, packages)
        rows.append(
            (
                "同样 50 个包再导入一次",
                time.perf_counter() - t,
                "≤ 5 s",
                f"{sum(r.already_imported for r in again)} 个包已导入过",
            )
        )
    print(f"\n{'操作':<30}{'秒':>8}  {'目标':<8}说明")
    for name, secs, target, note in rows:
        print(f"{name:<28}{secs:>8.1f}  {target:<8}{note}")
    memory = {"10,000 件的真实报送包": tmp / "10k.zip", **bombs(tmp, tmp / "10k.zip")}
    print(
        f"\n{'一个包的验证与导入（新进程，含读取子进程）':<30}{'峰值内存 MB':>12}  目标 ≤ 300  结果"
    )
    for name, package in memory.items():
        db_file = tmp / f"mem-{package.stem}.sqlite"
        code = (
            "from desktop.core.store import open_store\n"
            "from desktop.core.exchange import import_packages, PackageError\n"
            f"s = open_store({str(db_file)!r})\n"
            "s.settings.save_committee(name='县矛调中心', level=4, abbr='县')\n"
            "try:\n"
            f"    r = import_packages(s, [{str(package)!r}])[0]\n"
            "    print('导入', len(r.added), '件')\n"
            "except PackageError as e:\n"
            "    print('拒绝：' + e.message[:60])\n"
        )
        mb, outcome = peak_rss_mb(code)
        print(f"{name:<28}{mb:>12.0f}  {'':<10}{outcome}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
