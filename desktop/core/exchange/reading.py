"""Reading the packages' case lines in a second process while this one writes the lines
before them.

An import is two halves: reading (inflate, hash, parse, check every field, build each case's
search texts) and writing (lookups, rows, SQLite). Threads do not overlap them — both halves
are Python holding the GIL (measured: 0.03 s of overlap in 2 s, branch
``p10-readahead-experiment``) — so a large import reads in a child process and the two halves
run on two cores (bench/bench_exchange.py). A small one reads inline, as before: starting an
interpreter costs more than it saves.

What the child produces reaches the writer in order, package by package, in groups, through a
bounded queue (memory stays bounded whatever the package: at most ``_DEPTH`` groups wait). A
line crosses as the bytes that were checked, parsed again here (orjson: the same bytes give the
same value), with what prepared.py builds of it. A refusal in the child reaches the writer at
the same place in the sequence, after the lines before it, as reading inline would: the
import's transaction then rolls back as before. The child is stopped and waited for whenever
the import ends, however it ends."""

from __future__ import annotations

import multiprocessing
import queue
import sys
import traceback
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import orjson

from desktop.core.exchange.prepared import Prepared, prepare
from desktop.core.exchange.verify import Package, PackageError
from desktop.core.unexpected import record

if TYPE_CHECKING:
    from multiprocessing.context import SpawnProcess
    from multiprocessing.synchronize import Event

#: Lines per group handed over (one lookup query per group in merge.py).
GROUP = 250
#: Child processes reading a large import (each reads every CHILDREN-th package). One: a
#: second competed with the writer for the two cores of a mediator's laptop (measured slower).
CHILDREN = 1
#: Groups a child may read ahead of the writer.
_DEPTH = 4
#: Below this many bytes of packages in all, reading stays inline (a second interpreter and
#: its imports take about 0.5 s to start).
INLINE_BELOW = 4_000_000
#: How long the child waits on a full queue before looking whether it should stop (s).
_POLL = 0.1

#: One received line: its uuid, its case number, the line (or the checked bytes it is parsed
#: from) and its rows as a new case (None: applied line by line).
Received = tuple[str, str, "dict[str, Any] | bytes", Prepared | None]


def parsed(line: dict[str, Any] | bytes) -> dict[str, Any]:
    """The line itself, parsed from its checked bytes when it crossed from the child."""
    if isinstance(line, dict):
        return line
    value: dict[str, Any] = orjson.loads(line)
    return value


def _lines_inline(pkg: Package) -> Iterator[list[Received]]:
    group: list[Received] = []
    for line in pkg.iter_cases():
        group.append((line["uuid"], line["case_no"], line, None))
        if len(group) == GROUP:
            yield group
            group = []
    if group:
        yield group


# What the child puts on the queue: (package index, payload). Payload: a list of Received
# — a group; _END — the package's lines are done; or a tuple ("refused", sentence) /
# ("failed", traceback text) — reading stopped there.
_END = "end"
#: The child's first message: it started (imports done) and reads.
_READY = "ready"


def _child(inbox: multiprocessing.Queue[Any], out: multiprocessing.Queue[Any], stop: Event) -> None:
    """The child process: take the packages (and which of them are its own) from ``inbox``,
    read each in order, putting its groups on ``out``."""
    # The queue's feeder thread writes each group to the pipe in 64 KB pieces, taking the GIL
    # back for every piece from this thread's reading; with the default 5 ms switch interval
    # the writer waited seconds per import for the groups (measured: 2.7 s of 50 packages).
    sys.setswitchinterval(0.0002)

    def put(item: Any) -> bool:
        while not stop.is_set():
            try:
                out.put(item, timeout=_POLL)
                return True
            except queue.Full:
                continue
        return False

    if not put((-1, _READY)):
        return
    while True:
        try:
            packages, mine = inbox.get(timeout=_POLL)
            break
        except queue.Empty:
            if stop.is_set():
                return
    for index in mine:
        pkg = packages[index]
        group: list[Received] = []
        ahead = pkg.kind != "handoff"
        try:
            for text, line in pkg.iter_checked():
                built = prepare(line) if ahead else None
                group.append((line["uuid"], line["case_no"], text, built))
                if len(group) == GROUP:
                    if not put((index, group)):
                        return
                    group = []
        except PackageError as exc:
            if group:
                put((index, group))
            put((index, ("refused", exc.message)))
            return
        except BaseException:  # handed to the writer, which says it in one sentence
            if group:
                put((index, group))
            put((index, ("failed", traceback.format_exc())))
            return
        if (group and not put((index, group))) or not put((index, _END)):
            return


class ReadFailed(RuntimeError):
    """The child stopped on an error that is not a package's refusal (its traceback is the
    message, for the log)."""


class Reader:
    """The checked lines of ``packages``, read in child processes when they are large (see
    the module's docstring) or inline. Use as a context manager; :meth:`groups` gives one
    package's lines, in groups, in order. Packages are asked for in order; one the writer
    passes over (already imported) is skipped."""

    def __init__(self, size: int, *, children: int | None = None) -> None:
        """``size``: the packages' bytes in all (on disk), to choose between a child and
        reading inline. The children start on entering (their interpreter starts while the
        writer opens the packages); :meth:`read` hands them the packages."""
        self.packages: list[Package] = []
        if children is None:
            children = CHILDREN if size >= INLINE_BELOW else 0
        self.children = children
        self._processes: list[SpawnProcess] = []
        self._inboxes: list[multiprocessing.Queue[Any]] = []
        self._queues: list[multiprocessing.Queue[Any]] = []
        self._stop: Event | None = None
        self._next = 0  # the first package whose messages have not been taken yet
        self._ready = False  # the children said they started

    @property
    def in_child(self) -> bool:
        return self.children > 0

    def __enter__(self) -> Reader:
        if self.children:
            # 'spawn' everywhere (Windows has nothing else): the same behaviour on every system.
            ctx = multiprocessing.get_context("spawn")
            self._stop = ctx.Event()
            for _ in range(self.children):
                inbox: multiprocessing.Queue[Any] = ctx.Queue()
                out: multiprocessing.Queue[Any] = ctx.Queue(maxsize=_DEPTH)
                process = ctx.Process(
                    target=_child,
                    args=(inbox, out, self._stop),
                    name="导入包读取",
                    daemon=True,
                )
                self._inboxes.append(inbox)
                self._queues.append(out)
                self._processes.append(process)
            try:
                for process in self._processes:
                    process.start()
            except Exception as exc:  # no process to be had (limits, a broken bundle): inline
                record(exc, "导入报送包：启动读取进程")
                self.close()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read(self, packages: list[Package]) -> None:
        """Hand the opened packages to the children (child k reads packages k, k + n, …)."""
        self.packages = packages
        for k, inbox in enumerate(self._inboxes):
            inbox.put((packages, range(k, len(packages), len(self._inboxes))))

    def close(self) -> None:
        """Stop the children (if any) and wait for them."""
        processes, self._processes = self._processes, []
        queues, self._queues = [*self._inboxes, *self._queues], []
        self._inboxes = []
        if not processes:
            return
        assert self._stop is not None
        self._stop.set()
        for process in processes:
            if process.pid is None:
                continue  # never started
            # Given nothing to read (every package imported before, or a refusal while
            # opening them), a child may still be starting: nothing of it is worth waiting for.
            process.join(timeout=2 if self.packages else 0)
            if process.is_alive():
                process.terminate()
                process.join()
        for out in queues:
            # Whatever a child left in the pipe is dropped with it.
            out.cancel_join_thread()
            out.close()

    def groups(self, index: int) -> Iterator[list[Received]]:
        """Package ``index``'s checked lines in groups of up to GROUP. Raises PackageError as
        :meth:`Package.iter_cases` does, after the lines before the refused one."""
        if self._processes and not self._ready:
            self._ready = self._started()
        if not self._processes or not self._ready:
            yield from _lines_inline(self.packages[index])
            return
        for payload in self._messages(index):
            if payload == _END:
                return
            if isinstance(payload, tuple):
                what, text = payload
                if what == "refused":
                    raise PackageError(text)
                raise ReadFailed(text)
            yield payload

    def _started(self) -> bool:
        """Wait for each child's first message. False when one could not start (a program
        whose main script starts an import at its top level, without the ``if __name__ ==
        "__main__"`` guard that 'spawn' needs): then this import reads inline."""
        for process, out in zip(self._processes, self._queues, strict=True):
            while True:
                try:
                    got, payload = out.get(timeout=_POLL)
                except queue.Empty:
                    if process.is_alive():
                        continue
                    self.close()
                    return False
                if (got, payload) != (-1, _READY):
                    raise ReadFailed(f"unexpected first message from a reading process: {got}")
                break
        return True

    def _messages(self, index: int) -> Iterator[Any]:
        if index < self._next:
            raise ValueError("packages are read in order, each once")
        k = index % len(self._processes)
        process, out = self._processes[k], self._queues[k]
        while True:
            try:
                got, payload = out.get(timeout=_POLL * 10)
            except queue.Empty:
                if not process.is_alive():
                    raise ReadFailed(
                        f"a reading process ended with code {process.exitcode}"
                    ) from None
                continue
            if got < index:
                continue  # a package the writer passed over (already imported)
            self._next = index
            yield payload
            if payload == _END or isinstance(payload, tuple):
                self._next = index + 1
                return
