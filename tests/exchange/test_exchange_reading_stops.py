"""Issue 10 (import speed): the process that reads a large import's packages
(desktop/core/exchange/reading.py) and the process that writes them stop together, however
one of them stops.

Kinds covered here:
- the reading process dies (killed by the clerk's task manager, the antivirus, the system out
  of memory) at any moment, also half-way through sending a group: the import refuses in one
  Chinese sentence within moments and the receiving file is byte for byte as it was — never a
  wait for ever for the rest of the group;
- the writing process dies (killed, crashed, the laptop's power button held): its reading
  process ends too, whatever it was doing — never a process left reading for ever (holding
  the USB stick's file open);
- Ctrl-C at the console (it reaches every process of the group) while the reading process
  starts or reads: the import is cancelled in one sentence, the file unchanged, and no English
  traceback of the reading process printed on the clerk's screen."""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import os
import platform
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from multiprocessing.context import SpawnProcess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from two_villages import two_villages

from desktop.core.errors import MediationError
from desktop.core.exchange import import_packages, reading
from desktop.core.store import open_store

ROOT = Path(__file__).resolve().parents[2]
RUNS = itertools.count()  # a file of its own for each example
CASES = 30  # one group of ~290 KB each: more than a pipe holds, so a group is sent in pieces
#: The number of the ``write`` system call (what /proc/<pid>/task/*/syscall starts with).
WRITE = {"x86_64": "1", "aarch64": "64"}.get(platform.machine())

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or WRITE is None, reason="reads the processes' state from /proc"
)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return two_villages(tmp_path_factory.mktemp("stops"), CASES)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def until(check: Callable[[], bool], seconds: float, what: str) -> None:
    end = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < end, what
        time.sleep(0.02)


def writing(pid: int) -> bool:
    """A thread of process ``pid`` is blocked writing (into its full pipe: part of a group is
    in the pipe, the rest not yet)."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return False
    for task in tasks:
        try:
            call = Path(f"/proc/{pid}/task/{task}/syscall").read_text().split()
        except OSError:
            continue
        if call and call[0] == WRITE:
            return True
    return False


def ended(pid: int) -> bool:
    """Process ``pid`` is gone (or a zombie: ended, not yet reaped by its new parent)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] in "ZX"
    except OSError:
        return True


def children_of(pid: int) -> list[int]:
    out: list[int] = []
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            out += [int(x) for x in Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
        except OSError:
            continue
    return out


def reading_child(pid: int) -> int | None:
    """The reading process among ``pid``'s children (not multiprocessing's resource tracker)."""
    for child in children_of(pid):
        try:
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                return child
        except OSError:
            continue
    return None


@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    moment=st.one_of(
        st.just(("starting", 0)), st.tuples(st.just("half-way through a group"), st.integers(0, 1))
    )
)
def test_a_reading_process_killed_at_any_moment_stops_the_import_at_once(
    made: dict[str, Path], tmp_path: Path, moment: tuple[str, int]
) -> None:
    """Killed while starting, the import reads inline and is whole; killed later, even with
    part of a group in the pipe, the import refuses in one sentence and changes nothing."""
    when, at = moment
    county = tmp_path / f"county-{next(RUNS)}.sqlite"
    shutil.copy(made["county"], county)
    before = sha(county)
    real_read, real_groups = reading.Reader.read, reading.Reader.groups
    killed: list[int] = []

    def kill(self: reading.Reader) -> None:
        pid = self._processes[0].pid
        assert pid is not None
        if when != "starting":
            until(lambda: writing(pid), 60, "the reading process never filled its pipe")
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    def read(self: reading.Reader, packages: list[reading.Package]) -> None:
        if when == "starting":
            kill(self)
        real_read(self, packages)

    def groups(self: reading.Reader, index: int) -> Iterator[list[reading.Received]]:
        if when != "starting" and index == at and not killed:
            kill(self)
        yield from real_groups(self, index)

    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            with open_store(county) as store:
                outcome["reports"] = import_packages(store, [made["a"], made["b"]])
        except MediationError as exc:
            outcome["refused"] = exc.message

    mp = pytest.MonkeyPatch()
    mp.setattr(reading, "INLINE_BELOW", 0)
    mp.setattr(reading.Reader, "read", read)
    mp.setattr(reading.Reader, "groups", groups)
    try:
        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        worker.join(90)
    finally:
        mp.undo()
    assert not worker.is_alive(), "the writer waits for ever for a reading process killed"
    assert killed and not multiprocessing.active_children()
    if when == "starting":
        assert [len(r.added) for r in outcome["reports"]] == [CASES, CASES]  # type: ignore[attr-defined]
        return
    sentence = str(outcome.get("refused"))
    assert "整个导入已撤销" in sentence and f"{county.name}没有任何改动" in sentence
    assert "Error" not in sentence and "\n" not in sentence
    assert sha(county) == before


WRITER = """
import sys, time
from pathlib import Path
from desktop.core.exchange import import_packages, reading
from desktop.core.store import open_store

if __name__ == "__main__":
    reading.INLINE_BELOW = 0
    moment = sys.argv[3]
    real_read, real_groups = reading.Reader.read, reading.Reader.groups

    def read(self, packages):
        if moment == "before it is handed the packages":
            print("READER", self._processes[0].pid, flush=True)
            time.sleep(600)
        real_read(self, packages)

    def groups(self, index):
        if moment == "while its groups wait for the writer":
            print("READER", self._processes[0].pid, flush=True)
            time.sleep(600)
        yield from real_groups(self, index)

    reading.Reader.read, reading.Reader.groups = read, groups
    with open_store(Path(sys.argv[1])) as store:
        import_packages(store, [Path(sys.argv[2])])
"""


@pytest.mark.parametrize(
    "moment", ["before it is handed the packages", "while its groups wait for the writer"]
)
def test_a_reading_process_ends_when_its_writer_is_killed(
    made: dict[str, Path], tmp_path: Path, moment: str
) -> None:
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    county = tmp_path / "county.sqlite"
    shutil.copy(made["county"], county)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WUSONG_LOG": str(tmp_path / "log.txt")}
    writer = subprocess.Popen(
        [sys.executable, str(script), str(county), str(made["a"]), moment],
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    pid = 0
    try:
        assert writer.stdout is not None
        line = writer.stdout.readline()
        assert line.startswith("READER"), line
        pid = int(line.split()[1])
        if moment.startswith("while"):
            until(lambda: writing(pid), 60, "the reading process never filled its pipe")
        else:
            time.sleep(1)  # it has started and waits for the packages
        assert not ended(pid)
        writer.kill()
        writer.wait(30)
        until(lambda: ended(pid), 20, "the reading process outlived its writer")
    finally:
        writer.kill()
        writer.wait(30)
        if pid and not ended(pid):
            os.kill(pid, signal.SIGKILL)


CLI = """
import sys
from desktop.cli import main
from desktop.core.exchange import reading

if __name__ == "__main__":
    reading.INLINE_BELOW = 0
    sys.exit(main(sys.argv[1:]))
"""


@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(after=st.sampled_from([0.05, 0.1, 0.2, 0.3]))
def test_ctrl_c_at_the_console_cancels_without_a_traceback(
    made: dict[str, Path], tmp_path: Path, after: float
) -> None:
    """``after``: seconds between the reading process appearing and Ctrl-C — while its
    interpreter starts and imports (at least 0.3 s on any machine), where its traceback was
    printed. On a slow machine the import may be done by then: a Ctrl-C after its commit is
    told as such (it was told 「已取消，什么也没有改动」 although the import was kept)."""
    script = tmp_path / "cli.py"
    script.write_text(CLI, encoding="utf-8")
    county = tmp_path / f"county-{next(RUNS)}.sqlite"
    shutil.copy(made["county"], county)
    before = sha(county)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WUSONG_LOG": str(tmp_path / "log.txt")}
    cli = subprocess.Popen(
        [
            sys.executable,
            str(script),
            "--db",
            str(county),
            "import",
            str(made["a"]),
            str(made["b"]),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
        start_new_session=True,  # its own process group, as a console gives a command
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    child = 0
    try:
        end = time.monotonic() + 60
        while not (child := reading_child(cli.pid) or 0):
            assert time.monotonic() < end and cli.poll() is None, "no reading process started"
            time.sleep(0.01)
        time.sleep(after)
        os.killpg(cli.pid, signal.SIGINT)  # what Ctrl-C does: the whole foreground group
        out, err = cli.communicate(timeout=60)
    finally:
        if cli.poll() is None:
            os.killpg(cli.pid, signal.SIGKILL)
    told = f"rc {cli.returncode}, out {out[-500:]!r}, err {err[-1500:]!r}"
    assert "Traceback" not in err, told
    if cli.returncode == 0:  # the import was done before Ctrl-C arrived
        assert "新增" in out, told
    elif sha(county) == before:
        assert err.strip() == "已取消，什么也没有改动。", told
    else:  # Ctrl-C in the import's last moments, after its commit: never "nothing changed"
        assert err.strip() == "已中断；中断之前已经完成的改动已经保存在案件库里。", told
    until(lambda: ended(child), 20, "the reading process outlived the command")


def test_ctrl_c_while_the_reading_process_starts_leaves_none_behind(
    made: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C arriving as the reading process has just started (where Windows has no signal
    mask; here: the moment it is let through) is raised inside the Reader's ``__enter__``,
    whose ``__exit__`` then does not run: the started process is stopped all the same."""
    monkeypatch.setattr(reading, "INLINE_BELOW", 0)
    real_start = SpawnProcess.start

    def start(self: SpawnProcess) -> None:
        real_start(self)
        raise KeyboardInterrupt

    monkeypatch.setattr(SpawnProcess, "start", start)
    county = tmp_path / "county.sqlite"
    shutil.copy(made["county"], county)
    before = sha(county)
    with open_store(county) as store, pytest.raises(KeyboardInterrupt):
        import_packages(store, [made["a"]])
    assert not multiprocessing.active_children()
    assert sha(county) == before
