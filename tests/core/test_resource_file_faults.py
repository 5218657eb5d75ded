"""A bundled data file that cannot be parsed (a TOML or JSON Schema file broken by a bad copy
or an edit) is refused in ONE Chinese sentence naming the file, where in it, and what to do
(kind: the parser's English text — "Expected '=' after a key in a key/value pair (at line 3,
column 5)" — in the sentence, found by the testers of issue 16); the English detail goes to
the log file (desktop/core/unexpected.record) for the technician. Every shipped TOML and JSON
file, broken at any line, through the loader the program reads it with."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import ResourceError
from desktop.core.exchange.schema import load_schema
from desktop.core.paths import resource
from desktop.core.resources import load_toml
from desktop.core.unexpected import log_path

#: Lines no TOML (nor JSON) parser takes.
BROKEN = st.sampled_from(
    ["x = = 1", "[[", "键 没有等号", '"未闭合 = 1', "a = [1, 2", "= 3", "}", "a.b. = 1", "\x01"]
)
FILES = sorted(p for p in resource().rglob("*") if p.suffix in (".toml", ".json"))
ENGLISH = re.compile(r"[A-Za-z]{2,}")


def _loader(path: Path) -> Callable[[Path], object]:
    return load_schema if path.suffix == ".json" else load_toml


@given(
    index=st.integers(0, len(FILES) - 1),
    at=st.floats(0, 1),
    line=BROKEN,
    cut=st.booleans(),
)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_a_broken_data_file_is_one_chinese_sentence_and_the_detail_is_logged(
    tmp_path: Path, index: int, at: float, line: str, cut: bool
) -> None:
    shipped = FILES[index]
    lines = shipped.read_text(encoding="utf-8").splitlines()
    where = int(at * len(lines))
    broken = lines[:where] + ([] if cut else [line]) + (lines[where:] if not cut else [])
    text = "\n".join(broken)
    if cut:
        text = text + "\n" + line  # a copy that stopped half-way, with a torn last line
    path = tmp_path / shipped.name
    path.write_text(text, encoding="utf-8")
    before = log_path().read_text(encoding="utf-8") if log_path().exists() else ""
    with pytest.raises(ResourceError) as refused:
        _loader(path)(path)
    said = refused.value.message
    assert said.startswith(f"数据文件 {shipped.name} 的整个文件有误："), said
    assert said.count("。") == 1 and said.endswith("仍不行请把这句话告诉技术人员。"), said
    assert re.search(r"(第 \d+ 行第 \d+ 列|文件末尾)的写法不对", said), said
    assert not ENGLISH.search(said.replace(shipped.name, "")), said
    logged = log_path().read_text(encoding="utf-8")[len(before) :]
    assert f"读取程序的数据文件 {shipped.name}" in logged
    assert "DecodeError" in logged  # the parser's own detail, for the technician


def test_the_shipped_files_are_all_tried() -> None:
    assert {p.suffix for p in FILES} == {".toml", ".json"} and len(FILES) > 10
