"""Reading the packages' case lines in a second process while this one writes the lines
before them.

An import is two halves: reading (inflate, hash, parse, check every field, build each case's
search texts) and writing (lookups, rows, SQLite). Threads do not overlap them — both halves
are Python holding the GIL (measured: 0.03 s of overlap in 2 s, branch
``p10-readahead-experiment``) — so a large import reads in a child process and the two halves
run on two cores (bench/bench_exchange.py). A small one reads inline, as before: starting an
interpreter costs more than it saves.

What the child produces reaches the writer in order, package by package, in groups, through a
bounded queue and a pipe (memory stays bounded whatever the package: at most ``_DEPTH`` groups
wait). A line crosses as the bytes that were checked, parsed again here (orjson: the same bytes
give the same value), with what prepared.py builds of it; a line prepared crosses without its
history, which is kept as text beside it (the writer stores a new case's history unparsed). A
refusal in the child reaches the writer at the same place in the sequence, after the lines
before it, as reading inline would: the import's transaction then rolls back as before. The
child is stopped and waited for whenever the import ends, however it ends. Each process holds
only its own ends of the pipes, so the death of either is seen by the other as the end of its
pipe: a child killed half-way through a group is a refusal here within a moment, never a wait
for the rest (a ``multiprocessing.Queue`` keeps both ends in both processes, and its reader
waited forever), and a child whose writer was killed ends too instead of waiting for it forever."""

from __future__ import annotations

import gc
import multiprocessing
import queue
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import orjson

from desktop.core.exchange.prepared import Prepared, prepare
from desktop.core.exchange.verify import Package, PackageError
from desktop.core.unexpected import record

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import SpawnProcess

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
#: How long a child told to stop is given before it is ended (s): it stops at its next group.
_STOP = 2

#: One received line: its uuid, its case number, the line (or the checked bytes it is parsed
#: from) and its rows as a new case (None: applied line by line).
Received = tuple[str, str, "dict[str, Any] | bytes", Prepared | None]


def parsed(line: dict[str, Any] | bytes) -> dict[str, Any]:
    """The line itself, parsed from the bytes it crossed from the child as. A line the child
    prepared crosses without its history ("audit"), which is in its Prepared (see
    :func:`with_history`)."""
    if isinstance(line, dict):
        return line
    value: dict[str, Any] = orjson.loads(line)
    return value


def with_history(line: dict[str, Any], prepared: Prepared | None) -> dict[str, Any]:
    """``line`` whole: its history put back from ``prepared`` when it crossed without it (for
    every use but adding the case as new, which keeps the history's text as it is)."""
    if "audit" not in line and prepared is not None:
        line["audit"] = orjson.loads(prepared[2])
    return line


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


def _child(inbox: Connection, out: Connection) -> None:
    """The child process: take the packages (and which of them are its own) from ``inbox``,
    read each in order, sending its groups on ``out``. It holds only its own ends of the two
    pipes: when the writer closes its ends (it stopped) or dies, sending fails or ``inbox``
    reads as ended, and this process ends too — it never outlives the import."""
    # Ctrl-C in a console reaches every process of the group: the writer decides what an
    # interrupted import does (it rolls back and says so); a traceback here would only print
    # English on the clerk's console.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A process that only reads: every line's dicts are freed by reference counting, and the
    # collector's passes over them were time the writer waited (see collector.py).
    gc.disable()
    # The sending thread writes each group to the pipe in 64 KB pieces, taking the GIL back
    # for every piece from this thread's reading; with the default 5 ms switch interval the
    # writer waited seconds per import for the groups (measured: 2.7 s of 50 packages).
    sys.setswitchinterval(0.0002)
    waiting: queue.Queue[Any] = queue.Queue(maxsize=_DEPTH)
    gone = threading.Event()  # the writer closed its end of ``out`` (or died)

    def send() -> None:
        try:
            while (item := waiting.get()) is not None:
                out.send(item)
        except BaseException:  # broken pipe: the writer stopped; anything else ends it too
            gone.set()

    handed: list[Any] = []  # the packages and which are this child's, once received

    def stopped() -> bool:
        # After the packages nothing more comes on ``inbox``: readable then means ended.
        try:
            return gone.is_set() or (bool(handed) and inbox.poll())
        except OSError:
            return True

    def put(item: Any) -> bool:
        while not stopped():
            try:
                waiting.put(item, timeout=_POLL)
                return True
            except queue.Full:
                continue
        return False

    sender = threading.Thread(target=send, name="导入包发送", daemon=True)
    sender.start()
    try:
        if not put((-1, _READY)):
            return
        try:
            handed.append(inbox.recv())
        except (EOFError, OSError):
            return  # the writer stopped (or died) before handing over the packages
        packages, mine = handed[0]
        for index in mine:
            if not _read(packages[index], index, put):
                break
    finally:
        # What is queued reaches the writer before this process ends (the sending thread is
        # a daemon), unless the writer has stopped.
        if put(None):
            while sender.is_alive() and not stopped():
                sender.join(_POLL)


def _read(pkg: Package, index: int, put: Callable[[Any], bool]) -> bool:
    """Put package ``index``'s groups and its end (or its refusal) on the way to the writer;
    False when the writer stopped or the package was refused (the child has nothing more to
    do)."""
    group: list[Received] = []
    ahead = pkg.kind != "handoff"
    try:
        for text, line in pkg.iter_checked():
            built = prepare(line) if ahead else None
            if built is not None:
                # The history crosses as the text in ``built``; the rest of the line is parsed
                # by the writer (orjson writes what it read: the same values).
                del line["audit"]
                text = orjson.dumps(line)
            group.append((line["uuid"], line["case_no"], text, built))
            if len(group) == GROUP:
                if not put((index, group)):
                    return False
                group = []
    except PackageError as exc:
        if group:
            put((index, group))
        put((index, ("refused", exc.message)))
        return False
    except BaseException:  # handed to the writer, which says it in one sentence
        if group:
            put((index, group))
        put((index, ("failed", traceback.format_exc())))
        return False
    return (not group or put((index, group))) and put((index, _END))


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
        # This process's ends of each child's two pipes (the child holds the other ends).
        self._inboxes: list[Connection] = []
        self._outs: list[Connection] = []
        self._next = 0  # the first package whose messages have not been taken yet
        self._ready = False  # the children said they started

    def __enter__(self) -> Reader:
        if self.children:
            # 'spawn' everywhere (Windows has nothing else): the same behaviour on every system.
            ctx = multiprocessing.get_context("spawn")
            theirs: list[Connection] = []
            for _ in range(self.children):
                inbox_end, inbox = ctx.Pipe(duplex=False)
                out, out_end = ctx.Pipe(duplex=False)
                process = ctx.Process(
                    target=_child, args=(inbox_end, out_end), name="导入包读取", daemon=True
                )
                theirs += [inbox_end, out_end]
                self._inboxes.append(inbox)
                self._outs.append(out)
                self._processes.append(process)
            try:
                with _interrupts_held():
                    for process in self._processes:
                        process.start()
            except Exception as exc:  # no process to be had (limits, a broken bundle): inline
                record(exc, "导入报送包：启动读取进程")
                self.close()
            except BaseException:  # Ctrl-C held back while starting: __exit__ will not run
                self.close()
                raise
            finally:
                # Only the child holds its ends now: a child that dies is seen here as the end
                # of its pipe, even half-way through a group, never as a wait for the rest.
                for end in theirs:
                    end.close()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read(self, packages: list[Package]) -> None:
        """Hand the opened packages to the children (child k reads packages k, k + n, …).
        Waits while a child is still starting; one that died starting leaves the import to
        read inline."""
        self.packages = packages
        try:
            for k, inbox in enumerate(self._inboxes):
                inbox.send((packages, range(k, len(packages), len(self._inboxes))))
        except OSError:  # the child ended before it could take them
            self.close()

    def close(self) -> None:
        """Stop the children (if any) and wait for them."""
        processes, self._processes = self._processes, []
        ends = [*self._inboxes, *self._outs]
        self._inboxes, self._outs = [], []
        # A child's stop: its inbox ends and its sending fails (whatever it left in the pipe
        # is dropped with it).
        for end in ends:
            end.close()
        for process in processes:
            if process.pid is None:
                continue  # never started
            # A child not yet started (every package imported before, a refusal while opening
            # them, Ctrl-C) is still importing: nothing of it is worth waiting for.
            process.join(timeout=_STOP if self._ready else 0)
            if process.is_alive():
                process.terminate()
                process.join()
            process.close()

    def groups(self, index: int) -> Iterator[list[Received]]:
        """Package ``index``'s checked lines in groups of up to GROUP. Raises PackageError as
        :meth:`Package.iter_cases` does, after the lines before the refused one; ReadFailed
        when a child ended on anything else (killed, out of memory)."""
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
        for out in self._outs:
            try:
                got, payload = out.recv()
            except (EOFError, OSError):
                self.close()
                return False
            if (got, payload) != (-1, _READY):
                raise ReadFailed(f"unexpected first message from a reading process: {got}")
        return True

    def _messages(self, index: int) -> Iterator[Any]:
        if index < self._next:
            raise ValueError("packages are read in order, each once")
        k = index % len(self._processes)
        process, out = self._processes[k], self._outs[k]
        while True:
            try:
                got, payload = out.recv()
            except (EOFError, OSError):
                process.join(timeout=_STOP)
                raise ReadFailed(f"a reading process ended with code {process.exitcode}") from None
            if got < index:
                continue  # a package the writer passed over (already imported)
            self._next = index
            yield payload
            if payload == _END or isinstance(payload, tuple):
                self._next = index + 1
                return


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Ctrl-C ignored by the children until they read: a Ctrl-C at the console reaches every
    process of the group, and one that interrupted a child half-started printed an English
    traceback on the clerk's screen. A child inherits the ignoring (a Python interpreter keeps
    an inherited SIG_IGN for SIGINT). This process's Ctrl-C is blocked meanwhile (the few
    milliseconds of starting): kept pending, it arrives as soon as the handler is back — in a
    process with no other thread (the command line); with others it may be taken by one of
    them while ignored, and lost (press it again). Only the main thread may change a handler:
    an import on another thread (the window's) has no console. Windows has no signal mask:
    there the child ignores Ctrl-C once it runs."""
    handler = signal.getsignal(signal.SIGINT)
    if (
        threading.current_thread() is not threading.main_thread()
        or handler is None
        or not hasattr(signal, "pthread_sigmask")
    ):
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Nothing else of this process changes here: its collector is import_packages' to pause
    # (collector.py); the children turn their own off (_child).
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
