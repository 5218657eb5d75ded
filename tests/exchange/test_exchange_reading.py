"""Issue 10 (import speed): a large import reads its packages in a child process
(desktop/core/exchange/reading.py). Whatever goes wrong in a package — a field the schema
refuses, a line that is not JSON, a member changed after signing, a zip whose headers lie — the
refusal reaches the writer with the same sentence as reading inline, after the lines before it
were written, and the receiving file is left byte for byte as it was. No reading process
outlives an import. A program whose main script imports without the ``if __name__ ==
"__main__"`` guard still imports (read inline)."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from forge import committee_key, members, patch_sizes, reseal, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from two_villages import two_villages

from desktop.core.exchange import import_packages, reading
from desktop.core.exchange.verify import PackageError
from desktop.core.store import open_store

ROOT = Path(__file__).resolve().parents[2]
CASES = 30


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return two_villages(tmp_path_factory.mktemp("reading"), CASES)


def spoiled(made: dict[str, Path], kind: str, line_no: int, folder: Path) -> Path:
    """Village b's package with one kind of damage at case line ``line_no`` (1-based)."""
    files = members(made["b"])
    lines = files["cases.jsonl"].split(b"\n")
    key = committee_key(made["dir"] / "b.sqlite")
    if kind == "bad field":
        line = json.loads(lines[line_no - 1])
        line["case"]["accepted_on"] = "2026-02-30"
        lines[line_no - 1] = json.dumps(line, ensure_ascii=False).encode()
        files = reseal({**files, "cases.jsonl": b"\n".join(lines)}, key)
    elif kind == "not json":
        lines[line_no - 1] = lines[line_no - 1][:-7]
        files = reseal({**files, "cases.jsonl": b"\n".join(lines)}, key)
    elif kind == "changed after signing":
        lines[line_no - 1] = lines[line_no - 1].replace("纠纷".encode(), "纠葛".encode(), 1)
        files = {**files, "cases.jsonl": b"\n".join(lines)}
    path = write(folder / f"{kind}-{line_no}.zip", files)
    if kind == "headers lie":
        path.write_bytes(patch_sizes(path.read_bytes(), "cases.jsonl", 4096))
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refusal(made: dict[str, Path], package: Path, where: str, folder: Path) -> str:
    county = folder / f"county-{where}.sqlite"
    shutil.copy(made["dir"] / "county.sqlite", county)
    before = sha(county)
    mp = pytest.MonkeyPatch()
    mp.setattr(reading, "INLINE_BELOW", 0 if where == "child" else 1 << 60)
    try:
        with open_store(county) as store, pytest.raises(PackageError) as caught:
            # Village a's good package first: its lines are written, then rolled back.
            import_packages(store, [made["a"], package])
    finally:
        mp.undo()
    assert sha(county) == before, where
    assert not multiprocessing.active_children()
    return caught.value.message


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    kind=st.sampled_from(["bad field", "not json", "changed after signing", "headers lie"]),
    line_no=st.integers(1, CASES),
)
def test_a_refusal_read_in_a_child_is_the_same_as_read_inline(
    made: dict[str, Path], tmp_path: Path, kind: str, line_no: int
) -> None:
    package = spoiled(made, kind, line_no, tmp_path)
    inline = refusal(made, package, "inline", tmp_path)
    child = refusal(made, package, "child", tmp_path)
    assert child == inline
    assert package.name in child and "没有任何改动" in child


def test_the_child_really_reads_and_is_gone_afterwards(
    made: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "INLINE_BELOW", 0)
    county = tmp_path / "county.sqlite"
    shutil.copy(made["dir"] / "county.sqlite", county)
    seen: list[int] = []
    real = reading.Reader.groups

    def groups(self: reading.Reader, index: int) -> Iterator[list[reading.Received]]:
        for group in real(self, index):
            seen.append(len(self._processes))
            yield group

    monkeypatch.setattr(reading.Reader, "groups", groups)
    with open_store(county) as store:
        reports = import_packages(store, [made["a"], made["b"]])
    assert [len(r.added) for r in reports] == [CASES, CASES]
    assert seen and all(n == 1 for n in seen)  # every group came from the child
    assert not multiprocessing.active_children()


UNGUARDED = """
import shutil, sys, tempfile
from pathlib import Path
from desktop.core.exchange import import_packages, reading
from desktop.core.store import open_store

if __name__ == "__mp_main__" and sys.argv[3] == "dies":
    raise SystemExit(3)  # the reading process cannot start (a broken bundle, say)
reading.INLINE_BELOW = 0
folder = Path(tempfile.mkdtemp())
shutil.copy(sys.argv[1], folder / "c.sqlite")
with open_store(folder / "c.sqlite") as store:
    print("ADDED", len(import_packages(store, [Path(sys.argv[2])])[0].added), __name__)
"""


@pytest.mark.parametrize("child", ["dies", "runs the script"])
def test_a_main_script_without_the_guard_still_imports(
    made: dict[str, Path], tmp_path: Path, child: str
) -> None:
    """'spawn' runs the main script again in the child. A child that dies before it reads
    leaves the import to read inline; without the guard the child runs the script's own
    import first (in it, starting a process is refused while bootstrapping: that import
    reads inline) — either way the import in the program is whole."""
    script = tmp_path / "unguarded.py"
    script.write_text(UNGUARDED, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WUSONG_LOG": str(tmp_path / "log.txt")}
    done = subprocess.run(
        [sys.executable, str(script), str(made["dir"] / "county.sqlite"), str(made["a"]), child],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    added = [x for x in done.stdout.splitlines() if x.startswith("ADDED")]
    assert f"ADDED {CASES} __main__" in added
    assert added == [f"ADDED {CASES} __main__"] if child == "dies" else len(added) == 2
