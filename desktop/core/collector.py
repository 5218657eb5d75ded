"""Python's cyclic garbage collector paused for a bulk job."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Turn the cyclic collector off for the block (reference counting still frees every
    object not in a cycle at once). An import makes millions of short-lived dicts and tuples,
    and the collector ran every 700 of them over the young ones and now and then over every
    object of the process: about 0.5 s of a 14 s import of 50 packages × 1,000 cases
    (bench/bench_exchange.py). Cycles made meanwhile are collected after the block. Nests: it
    turns the collector back on only if it was on."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
