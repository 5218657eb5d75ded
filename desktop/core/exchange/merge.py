"""Importing packages into a township or county database. Every package's signature,
manifest and members are checked before anything is written; its case lines are read and
checked once (a large import reads them in a second process: reading.py), each written as it
arrives, and all packages of one import are written in
one transaction, so a refusal anywhere (a bad field in the last line) rolls everything back
and leaves the file as it was. The same package twice changes nothing.

How one case line is applied (lineage, conflicts, hand-offs) is in apply.py; how its rows
are written in rows.py (its history in history.py); whom a package comes from in trust.py."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.collector import collector_paused
from desktop.core.errors import MediationError
from desktop.core.exchange.apply import FOUND_COLUMNS, Found, handoff, merge_entries, merge_line
from desktop.core.exchange.coverage import open_gaps, tell_gaps
from desktop.core.exchange.reading import Reader, Received, parsed, with_history
from desktop.core.exchange.report import ImportReport
from desktop.core.exchange.rows import Writer, flush_new
from desktop.core.exchange.trust import KeyChangedError, check_key, clock_notes
from desktop.core.exchange.verify import Package, PackageError, open_package
from desktop.core.store.casedb import translate
from desktop.core.store.index_merging import merging_put_off
from desktop.core.unexpected import PROGRAM_FAULTS, record, unexpected

if TYPE_CHECKING:
    from desktop.core.store.store import Store

__all__ = ["ImportReport", "KeyChangedError", "import_packages", "preview"]

#: New cases are written (children, history, search index) in batches of this many.
_BATCH = 1000


def _known(store: Store, uuids: list[str]) -> dict[str, Found]:
    """This file's cases with these uuids, one query for the group. The same answers as one
    query per line just before applying it: a package's uuids are distinct (verify refuses a
    repeat before yielding it) and applying a line writes only its own case."""
    rows = store.db.execute(
        f"SELECT uuid, {FOUND_COLUMNS} FROM cases WHERE uuid IN ({','.join('?' * len(uuids))})",
        uuids,
    )
    return {r[0]: tuple(r[1:]) for r in rows}


def _apply(
    store: Store, pkg: Package, lines: Iterator[list[Received]], accept_new_key: bool
) -> ImportReport:
    m = pkg.manifest
    report = ImportReport(
        pkg.path.name,
        str(m["committee_name"]),
        pkg.kind,
        period=str(m.get("period", "")),
        committee_id=pkg.committee_id,
    )
    if store.db.execute("SELECT 1 FROM imports WHERE package_sha256 = ?", [pkg.sha256]).fetchone():
        report.already_imported = True
        return report
    own = store.settings.committee().committee_id
    if pkg.committee_id == own:
        raise PackageError(f"导入包 {pkg.path.name} 是本调委会自己导出的，不能导入回本数据库。")
    check_key(store, pkg, accept_new_key, report)
    report.notes.extend(clock_notes(store, pkg))
    writer = Writer(store)
    with store.bulk():
        # iter_cases checks each line as it reads it (and the member's hash and count at the
        # end); a refusal raises inside this transaction, which then rolls back.
        if pkg.kind == "handoff":
            for group in lines:
                for _, _, line, prepared in group:
                    # Whole: handoff() reads the history, which a prepared line carries beside it.
                    handoff(store, writer, pkg, with_history(parsed(line), prepared), report)
        else:
            n = 0
            # Each group's cases are looked up with one query (a query per line was ≈7 % of
            # an import).
            for group in lines:
                known = _known(store, [uuid for uuid, _, _, _ in group])
                for uuid, _, line, prepared in group:
                    found = known.get(uuid)
                    merge_line(store, writer, pkg, parsed(line), report, found, prepared)
                    n += 1
                    if n % _BATCH == 0:
                        flush_new(store, writer, pkg)
        flush_new(store, writer, pkg)
        if pkg.kind == "period":
            merge_entries(store, pkg)
        store.db.execute(
            "INSERT INTO imports (package_sha256, kind, committee_id, committee_name, period,"
            " cases, report, imported_at, format_version, committee_region, created_at,"
            " package_no, since_seq, change_seq) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                pkg.sha256,
                pkg.kind,
                pkg.committee_id,
                m["committee_name"],
                str(m.get("period", "")),
                pkg.case_count,
                report.summary(),
                store.timestamp(),
                pkg.version,
                str(m.get("committee_region") or ""),
                str(m.get("created_at") or ""),
                m.get("package_no"),
                m.get("since_seq"),
                m.get("change_seq"),
            ],
        )
    return report


class _DryRun(Exception):
    """Raised inside the transaction to roll back a rehearsal."""


def preview(store: Store, paths: list[Path], *, accept_new_key: bool = False) -> list[str]:
    """What importing would do, without keeping anything: the import is rehearsed inside a
    transaction that is then rolled back, so the counts are exactly what 导入 will do.
    Raises PackageError as :func:`import_packages` does."""
    reports: list[ImportReport] = []
    try:
        with store.bulk():
            reports = import_packages(store, paths, accept_new_key=accept_new_key)
            raise _DryRun
    except _DryRun:
        pass
    return [r.preview() for r in reports]


def _already(store: Store, path: Path) -> str | None:
    """The package's SHA-256 if this file imported exactly these bytes before (hashed in
    chunks: a large file is never held in memory)."""
    h = hashlib.sha256()
    try:
        with Path(path).open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    digest = h.hexdigest()
    if store.db.execute("SELECT 1 FROM imports WHERE package_sha256 = ?", [digest]).fetchone():
        return digest
    return None


def import_packages(
    store: Store, paths: list[Path], *, accept_new_key: bool = False
) -> list[ImportReport]:
    """Check every package's signature and members first (one bad package stops all before
    any write), then import them all in one transaction, checking each case line as it is
    read: a refusal half-way leaves the database as it was. ``accept_new_key``: the clerk
    confirmed a committee's new key (a reinstalled laptop). Raises PackageError
    (KeyChangedError for a changed key) with one Chinese sentence."""
    with collector_paused(), Reader(sum(_size(Path(p)) for p in paths)) as reader:
        return _import(store, [Path(p) for p in paths], reader, accept_new_key)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # open_package says what is wrong with it


def _import(
    store: Store, paths: list[Path], reader: Reader, accept_new_key: bool
) -> list[ImportReport]:
    reports: list[ImportReport] = []
    packages: list[Package | ImportReport] = []
    for p in paths:
        if _already(store, p):
            # Exactly these bytes were verified and imported before: nothing to check again.
            packages.append(ImportReport(p.name, "", "", already_imported=True))
        else:
            packages.append(open_package(p))
    current: Package | None = None
    opened = [item for item in packages if isinstance(item, Package)]
    reader.read(opened)
    try:
        with store.bulk():
            gaps_before = open_gaps(store)
            with merging_put_off(store.db):
                for item in packages:
                    if isinstance(item, ImportReport):
                        reports.append(item)
                        continue
                    current = item
                    lines = reader.groups(next(i for i, p in enumerate(opened) if p is item))
                    reports.append(_apply(store, item, lines, accept_new_key))
            # After every package of the import: the order they were chosen in does not matter.
            tell_gaps(store, reports, gaps_before)
            return reports
    except (MediationError, OSError):
        raise  # already one sentence (the package's, the disk's: said by the caller's seam)
    except (*PROGRAM_FAULTS, KeyError, TypeError, ValueError) as exc:
        # The lines passed every check but the content does not fit this database (a crafted
        # or inconsistent package); the transaction was rolled back, so say so plainly. The
        # technical detail goes to the log, never into the sentence.
        name = current.path.name if current else ""
        record(exc, f"导入报送包 {name}")
        raise PackageError(
            f"导入包 {name} 的内容与本数据库不相容，整个导入已撤销，"
            f"{_file(store)}没有任何改动。请联系发送方用新版程序重新导出后再导入。"
        ) from exc
    except sqlite3.Error as exc:
        # The disk, not the package: full, read-only, locked, damaged — named by its file.
        told = translate(exc, _file(store))
        raise type(told)(f"整个导入已撤销。{told.message}") from exc
    except Exception as exc:
        raise unexpected(
            f"导入报送包 {current.path.name if current else ''}".strip(),
            exc,
            unchanged=f"整个导入已撤销，{_file(store)}没有任何改动",
        ) from exc


def _file(store: Store) -> str:
    return store.path.name if store.path else "案件库"
