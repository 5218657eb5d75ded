"""The schema's patterns for dates, times, ids, phones and months (checked inside the
validator, fast) accept exactly what the Python definitions of those formats accept
(desktop/core/exchange/schema.py REFERENCE): real calendar dates and times of 1900-2200, leap
years included, nothing else."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.exchange.schema import REFERENCE, SchemaValidator
from desktop.core.paths import resource


def _nodes() -> dict[str, dict[str, Any]]:
    """One schema node per format that carries a pattern, from the real schema files."""
    out: dict[str, dict[str, Any]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("format"), str) and "pattern" in node:
                out.setdefault(
                    node["format"],
                    {"type": "string", "format": node["format"], "pattern": node["pattern"]},
                )
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for name in ("case-line", "manifest", "entries"):
        walk(json.loads(resource("exchange", f"{name}.schema.json").read_text(encoding="utf-8")))
    return out


NODES = _nodes()
VALIDATORS = {fmt: SchemaValidator(node) for fmt, node in NODES.items()}


def _two(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).map(lambda n: f"{n:02d}")


_date = st.builds(
    lambda y, m, d: f"{y:04d}-{m}-{d}",
    st.one_of(st.integers(1890, 2210), st.sampled_from([1900, 2000, 2100, 2200, 2024, 2023])),
    _two(0, 13),
    _two(0, 32),
)
_time = st.builds(
    lambda h, mi, s, frac: f"{h}:{mi}:{s}{frac}",
    _two(0, 25),
    _two(0, 61),
    _two(0, 61),
    st.sampled_from(["", ".5", ".123456", ".1234567", "Z", "+08:00", " "]),
)
_noise = st.text(alphabet="0123456789-:T .*+()转abcdefABCDEF\n２", max_size=40)
CANDIDATES = {
    "date": st.one_of(_date, _date.map(lambda d: d + "\n"), _noise),
    "local-datetime": st.one_of(
        st.builds(lambda d, t: f"{d}T{t}", _date, _time),
        st.builds(lambda d, t: f"{d} {t}", _date, _time),
        _noise,
    ),
    "uuid": st.one_of(st.uuids().map(str), st.uuids().map(lambda u: str(u).upper()), _noise),
    "uuid-or-empty": st.one_of(st.just(""), st.uuids().map(str), _noise),
    "phone-or-masked": st.one_of(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True), _noise),
    "month": st.one_of(
        st.builds(lambda y, m: f"{y:04d}-{m}", st.integers(0, 9999), _two(0, 13)), _noise
    ),
}


@settings(max_examples=600, deadline=None)
@given(data=st.data())
def test_each_pattern_accepts_exactly_what_its_format_means(data: st.DataObject) -> None:
    fmt = data.draw(st.sampled_from(sorted(NODES)))
    text = data.draw(CANDIDATES[fmt])
    assert (VALIDATORS[fmt].problem(text) is None) == REFERENCE[fmt](text), (fmt, text)


def test_every_patterned_format_is_covered() -> None:
    assert set(NODES) == set(CANDIDATES)


def test_every_month_end_and_leap_day_of_three_centuries() -> None:
    """Days 28-32 of every month of 1899-2201 (leap years, 1900/2100/2200 not leap, 2000
    leap), as dates and as times."""
    for year in range(1899, 2202):
        for month in range(1, 13):
            for day in range(28, 33):
                text = f"{year:04d}-{month:02d}-{day:02d}"
                assert (VALIDATORS["date"].problem(text) is None) == REFERENCE["date"](text), text
                moment = text + "T23:59:59"
                assert (VALIDATORS["local-datetime"].problem(moment) is None) == REFERENCE[
                    "local-datetime"
                ](moment), moment
