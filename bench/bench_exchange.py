"""Exchange at scale: export 10,000 cases into one package, and import 50 packages of 1,000
cases each into a fresh county database (then the same 50 again, which must change nothing).
Packages are cut from the cached 100,000-case demo database, each relabelled as its own
committee. Prints a table.

    python bench/bench_exchange.py
"""

from __future__ import annotations

import io
import json
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.exchange import import_packages  # noqa: E402
from desktop.core.exchange.export import write_package  # noqa: E402
from desktop.core.store import open_store  # noqa: E402


def relabel(path: Path, committee: str) -> None:
    """Give a package another committee (the manifest is not among the hashed members)."""
    with zipfile.ZipFile(path) as zf:
        files = {i.filename: zf.read(i) for i in zf.infolist()}
    manifest = json.loads(files["manifest.json"])
    manifest.update(committee_id=committee, committee_name=f"{committee}村人民调解委员会")
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    path.write_bytes(buf.getvalue())


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
                "< 10 s",
                f"{(tmp / '10k.zip').stat().st_size / 1e6:.1f} MB，{result.cases} 件",
            )
        )
        packages = []
        for i in range(50):
            path = tmp / f"p{i:02d}.zip"
            write_package(
                village,
                path,
                ids[10_000 + i * 1000 : 10_000 + (i + 1) * 1000],
                kind="period",
                period="bench",
            )
            relabel(path, f"bench-{i:02d}")
            packages.append(path)
    with open_store(tmp / "county.sqlite") as county:
        county.settings.save_committee(name="县矛调中心", level=4, abbr="县")
        t = time.perf_counter()
        reports = import_packages(county, packages)
        rows.append(
            (
                "导入 50 个包 × 1,000 件",
                time.perf_counter() - t,
                "",
                f"新增 {sum(len(r.added) for r in reports):,} 件",
            )
        )
        t = time.perf_counter()
        again = import_packages(county, packages)
        rows.append(
            (
                "同样 50 个包再导入一次",
                time.perf_counter() - t,
                "不改动",
                f"{sum(r.already_imported for r in again)} 个包已导入过",
            )
        )
    print(f"\n{'操作':<30}{'秒':>8}  {'目标':<8}说明")
    for name, secs, target, note in rows:
        print(f"{name:<28}{secs:>8.1f}  {target:<8}{note}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
