"""A package's case lines are split from the inflated member however its pieces fall: every
line whole and in order, blank ones included (the reader skips them), and a line that grows
past MAX_LINE_BYTES without ending is refused whatever the pieces (members.lines keeps such a
line's pieces as they came, joined once)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.exchange import members
from desktop.core.exchange.verify import PackageError

PIECES = st.lists(st.binary(max_size=40).map(lambda b: b.replace(b"a", b"\n")), max_size=20)


@given(PIECES)
def test_every_line_comes_whole_and_in_order(pieces: list[bytes]) -> None:
    data = b"".join(pieces)
    expected = data.split(b"\n")
    if expected[-1] == b"":
        expected.pop()  # the member ends with its last line's newline
    assert list(members.lines(Path("p.zip"), iter(pieces))) == expected


@given(st.integers(1, 40), st.integers(1, 9))
def test_a_line_that_never_ends_is_refused(size: int, limit: int) -> None:
    pieces = [b"x" * size] * (limit // size + 2)  # more than ``limit`` bytes, no newline
    mp = pytest.MonkeyPatch()
    mp.setattr(members, "MAX_LINE_BYTES", limit)
    try:
        with pytest.raises(PackageError, match="有一行太长"):
            list(members.lines(Path("p.zip"), iter([b"first\n", *pieces])))
    finally:
        mp.undo()
