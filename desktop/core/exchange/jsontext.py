"""Names given twice in one JSON object. orjson (our reader) keeps the last value silently, other
readers the first, so such text could mean two things; no exporter of ours writes it."""

from __future__ import annotations

import json
from typing import Any

import orjson


def repeats_a_name(value: Any, data: bytes) -> bool:
    """True if some object in ``data`` (valid JSON that orjson read as ``value``) gives one
    name twice. Text exactly as orjson writes ``value`` (every case line we export) cannot,
    so only other text is parsed a second time (stdlib json, pairs kept)."""
    return not _as_written(value, data) and _repeated_name(data)


def _as_written(value: Any, data: bytes) -> bool:
    """True if ``data`` is exactly what orjson writes for ``value``."""
    try:
        return orjson.dumps(value) == data.strip()
    except TypeError:  # orjson writes nothing nested 255 deep or more
        return False


class _Repeated(Exception):
    pass


def _no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _Repeated
    return out


def _repeated_name(data: bytes) -> bool:
    """True if some JSON object in ``data`` (valid JSON, already parsed by orjson) gives one
    name twice."""
    try:
        json.loads(data, object_pairs_hook=_no_repeats)
    except _Repeated:
        return True
    except RecursionError:
        return False  # nested deeper than the stdlib reads: the schema names that
    return False
