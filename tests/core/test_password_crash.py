"""Setting or removing the password, killed (SIGKILL, no clean-up) at every step and at random
moments: afterwards the file always opens — plain without a password, or encrypted with it and
with a recovery key that was shown before the swap (the sheet) and can be printed again with
the password — and holds every case; the very first open, even a READ-ONLY one, leaves nothing
of the conversion behind (no copy, no marker, no plain backup beside an encrypted file, no
unused key file); and the next conversion succeeds."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from builders import applicant, intake, respondent

from desktop.core.store import open_store
from desktop.core.store.filecrypt import is_sealed
from desktop.core.store.password import recovery_key_for
from desktop.core.store.protection import is_encrypted

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "星光村调委会2026"
CASES = 30
PHOTO = b"\xff\xd8 photo of an ID card \xff\xd9" * 50

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from desktop.core.store import open_store
    from desktop.core.store.password import remove_password, set_password
    from desktop.core.store.protection import is_encrypted

    path, stop_at, password, sheet = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]

    def step(name):
        if name == stop_at:
            os.kill(os.getpid(), signal.SIGKILL)

    encrypted = is_encrypted(__import__("pathlib").Path(path))
    store = open_store(path, password=password if encrypted else None)
    print("ready", flush=True)
    if encrypted:
        remove_password(store, password, step=step)
    else:
        def show(recovery):  # what the CLI's sheet does: on disk, whole, before the swap
            from pathlib import Path
            from desktop.core.fsutil import atomic_write_bytes
            atomic_write_bytes(Path(sheet), recovery.encode())

        set_password(store, password, sheet=show, step=step)
    store.close()
    print("done", flush=True)
    """
)
SET_STEPS = ("backed_up", "converted", "sheet_shown", "key_written", "swapped", "backups")
REMOVE_STEPS = ("backed_up", "converted", "backups", "swapped")


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    """A RAM folder when there is one: SIGKILL keeps the page cache, so fsync costs seconds
    here and proves nothing; power cuts are the storage issue's crash harness."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        made = Path(tempfile.mkdtemp(dir=shm, prefix="wusong-crash-"))
        yield made
        shutil.rmtree(made, ignore_errors=True)
    else:
        yield tmp_path


def _make(path: Path) -> None:
    s = open_store(path)
    s.settings.save_committee(name="星光村人民调解委员会", level=2, region="", abbr="星调")
    s.settings.add_mediator("王调解")
    with s.bulk():
        for _ in range(CASES):
            s.cases.create(intake(), [applicant(), respondent()])
    photo = path.with_name("photo.jpg")
    photo.write_bytes(PHOTO)
    s.files.add_attachment(1, photo)
    s.backup()
    s.close()


def _sheet(path: Path) -> Path:
    return path.with_name("sheet.txt")


def _run(path: Path, stop_at: str, kill_after: float | None = None) -> int:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), stop_at, PASSWORD, str(_sheet(path))],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    if kill_after is not None:
        assert proc.stdout is not None
        proc.stdout.readline()  # "ready": the store is open, the conversion starts now
        time.sleep(kill_after)
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=120)
    return proc.returncode


def _leftovers(folder: Path, encrypted: bool) -> list[str]:
    """Whatever a conversion may leave: copies, markers, unused key files, temporary files,
    backups less protected than the file."""

    def left(p: Path) -> bool:
        name = p.name
        if ".part" in name or "转换" in name or "未使用" in name:
            return True
        if name.endswith(".key"):  # a key file beside a plain file opens nothing
            return not is_encrypted(p.with_name(name[: -len(".key")]))
        return name.endswith(".sqlite") and is_encrypted(p) != encrypted

    return [p.name for p in folder.rglob("*") if left(p)]


def _check(path: Path) -> bool:
    """The file opens as it claims to be and holds every case; returns whether encrypted.
    The first open is a reader's (``case list``): it already leaves nothing behind."""
    encrypted = is_encrypted(path)
    reader = open_store(path, readonly=True, password=PASSWORD if encrypted else None)
    try:
        assert reader.cases.count() == CASES
        assert _leftovers(path.parent, encrypted) == [], reader.notices
        if encrypted:
            # The recovery key was shown before the swap; the password prints it again.
            shown = _sheet(path).read_text()
            assert recovery_key_for(reader, PASSWORD) == shown
    finally:
        reader.close()
    if encrypted:
        open_store(path, recovery_key=_sheet(path).read_text(), readonly=True).close()
    s = open_store(path, password=PASSWORD if encrypted else None)
    try:
        assert s.cases.count() == CASES
        assert s.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # The attachment reads back whole and is sealed exactly when the file is encrypted.
        (att,) = s.files.attachments(1)
        assert s.files.readable_path(att).read_bytes() == PHOTO
        assert is_sealed(s.files.attachment_path(att)) == encrypted
        for backup in (path.parent / f"{path.stem}-backups").glob("*.sqlite"):
            b_enc = is_encrypted(backup)
            b = open_store(backup, readonly=True, password=PASSWORD if b_enc else None)
            assert b.cases.count() == CASES
            b.close()
    finally:
        s.close()
    return encrypted


def test_killed_at_each_step_never_loses_the_file(folder: Path) -> None:
    path = folder / "c.sqlite"
    _make(path)
    plan: list[tuple[bool, str, tuple[str, ...]]] = [(False, step, SET_STEPS) for step in SET_STEPS]
    plan += [(True, step, REMOVE_STEPS) for step in REMOVE_STEPS]
    for from_encrypted, stop_at, steps in plan:
        if is_encrypted(path) != from_encrypted:
            assert _run(path, "never") == 0
        assert _run(path, stop_at) == -signal.SIGKILL
        after = _check(path)
        # Before the swap the old file stands whole; from the swap on, the new one.
        swapped = stop_at in steps[steps.index("swapped") :]
        assert after == (not from_encrypted if swapped else from_encrypted), stop_at


def test_killed_at_random_moments_never_loses_the_file(folder: Path) -> None:
    path = folder / "c.sqlite"
    _make(path)
    started = time.perf_counter()
    assert _run(path, "never") == 0  # one whole run to learn how long a conversion takes
    span = time.perf_counter() - started
    assert _check(path)
    rng = random.Random(12)
    for _ in range(8):  # alternately removing and setting, killed anywhere inside
        _run(path, "never", kill_after=rng.uniform(0, span))
        _check(path)


def _cli(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "desktop.cli", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "WUSONG_USER": "", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _sheet_key(sheet: Path) -> str:
    text = subprocess.run(
        ["pdftotext", "-layout", str(sheet), "-"], capture_output=True, text=True, check=True
    ).stdout
    return "-".join(g for g in text.split() if g.isdigit() and len(g) == 5)


def test_wusong_password_set_killed_anywhere_then_a_reading_command(folder: Path) -> None:
    """The CLI itself (`wusong password set --sheet`), killed at random moments; then
    `wusong case list` (a reading command) settles everything: the file is plain, or it is
    encrypted and the sheet PDF written before the swap holds the key that opens it."""
    template = folder / "template"
    template.mkdir()
    _make(template / "c.sqlite")
    env = {"WUSONG_PASSWORD": PASSWORD}
    started = time.perf_counter()
    trial = folder / "whole"
    shutil.copytree(template, trial)
    proc = _cli(
        "--db", str(trial / "c.sqlite"), "password", "set", "--sheet", str(trial / "s.pdf"), env=env
    )
    assert proc.wait(timeout=120) == 0, proc.stderr.read() if proc.stderr else ""
    span = time.perf_counter() - started
    # Spread over the whole run, denser towards its end, where the swap and sweeps are.
    for n, share in enumerate((0.35, 0.55, 0.7, 0.8, 0.87, 0.93, 0.97, 1.0)):
        trial = folder / f"t{n}"
        shutil.copytree(template, trial)
        path, sheet = trial / "c.sqlite", trial / "s.pdf"
        proc = _cli("--db", str(path), "password", "set", "--sheet", str(sheet), env=env)
        time.sleep(share * span)
        proc.kill()
        proc.wait(timeout=60)
        encrypted = is_encrypted(path)
        reader = _cli("--db", str(path), "case", "list", "--limit", "1", env=env)
        out, err = reader.communicate(timeout=120)
        assert reader.returncode == 0 and f"共 {CASES} 件" in out, err
        assert "Traceback" not in err
        assert _leftovers(trial, encrypted) == [], err
        if encrypted:
            open_store(path, recovery_key=_sheet_key(sheet), readonly=True).close()


HOT_JOURNAL = textwrap.dedent(
    """
    import os, signal, sys
    from builders import applicant, intake, respondent
    from desktop.core.store import open_store
    store = open_store(sys.argv[1], password=sys.argv[2])
    store.db.execute("PRAGMA cache_size = 2")  # pages spill into the file mid-transaction
    store.db.execute("BEGIN IMMEDIATE")
    for _ in range(40):
        store.cases.create(intake(facts="围墙挡水。" * 200), [applicant(), respondent()])
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_a_writer_killed_mid_transaction_on_an_encrypted_file_leaves_it_readable(
    folder: Path,
) -> None:
    """Kind: a hot journal beside an ENCRYPTED file (the window killed while saving). Only a
    read-write keyed connection can roll it back; the read-only first look failed with
    "attempt to write a readonly database" and the mediator was told the folder is read-only
    — for readers and the window alike."""
    path = folder / "c.sqlite"
    _make(path)
    s = open_store(path)
    from desktop.core.store.password import set_password

    set_password(s, PASSWORD)
    s.close()
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tests'}"}
    proc = subprocess.run(
        [sys.executable, "-c", HOT_JOURNAL, str(path), PASSWORD], cwd=ROOT, env=env
    )
    assert proc.returncode == -signal.SIGKILL
    journal = path.with_name(path.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0
    reader = open_store(path, readonly=True, password=PASSWORD)  # `wusong case list`
    try:
        assert reader.cases.count() == CASES  # the killed transaction is rolled back
    finally:
        reader.close()
    writer = open_store(path, password=PASSWORD)
    try:
        assert writer.cases.count() == CASES
        assert writer.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        writer.close()
