"""Document rendering times: the agreement as PDF and Word, and the whole 卷宗 as PDF, for an
ordinary case and a demanding one (5 parties, 20 terms, 4,000 characters of facts).

    python bench/bench_documents.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as a script from any checkout: this checkout's desktop/ and bench/, not an installed copy.
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from sample_cases import agreed_case, big_case  # noqa: E402

from desktop.core import documents as docs  # noqa: E402
from desktop.core.documents.docx import write_docx  # noqa: E402
from desktop.core.documents.pdf import write_pdf  # noqa: E402
from desktop.core.store import open_store  # noqa: E402


def median_ms(fn, repeat: int) -> float:  # noqa: ANN001
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp())
    store = open_store(folder / "bench.sqlite", now=lambda: datetime(2026, 3, 2, 9))
    store.settings.save_committee(name="星光村人民调解委员会", abbr="星调")
    store.settings.add_mediator("王调解")
    cases = {
        "普通案件（2 方，3 条）": agreed_case(store),
        "大案件（5 方，20 条，4000 字）": big_case(store),
    }
    print(
        f"{'案件':<26}{'协议书 PDF ms':>14}{'协议书 Word ms':>15}{'整本卷宗 PDF ms':>17}"
        "  目标（5 方 20 条）：PDF ≤ 100，Word ≤ 150，卷宗 ≤ 600 ms"
    )
    for label, cid in cases.items():
        pdf = median_ms(
            lambda cid=cid: write_pdf(docs.build(store, cid, "agreement"), io.BytesIO()),
            args.repeat,
        )
        word = median_ms(
            lambda cid=cid: write_docx(docs.build(store, cid, "agreement"), io.BytesIO()),
            args.repeat,
        )
        dossier = median_ms(
            lambda cid=cid: write_pdf(docs.build(store, cid, "卷宗"), io.BytesIO()),
            max(3, args.repeat // 3),
        )
        print(f"{label:<26}{pdf:>14.1f}{word:>15.1f}{dossier:>17.1f}")
    store.close()


if __name__ == "__main__":
    main()
