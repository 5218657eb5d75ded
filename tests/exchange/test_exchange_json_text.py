"""JSON text no exporter of ours writes, in a package signed by the committee itself (so the
signature check is passed and the text is what is judged): a name given twice in one object
(orjson keeps the last one silently; other readers keep the first), and values nested deeper
than the schema validator reports errors for. Each is refused in one sentence naming the
line, through the real import, with the receiving file byte-identical; the ordinary package
still imports."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from builders import FixedClock
from forge import committee_key, members, reseal, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.demo import generate
from desktop.core.exchange import PackageError, export_period, import_packages
from desktop.core.exchange.fmt import FORMAT_VERSION, SUPPORTED_VERSIONS
from desktop.core.store import open_store

QUICK = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("jsontext")
    clock = FixedClock(datetime(2026, 11, 1, 9, 0))
    with open_store(tmp / "v.sqlite", now=clock) as v:
        v.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        generate(v, 4, seed=5, until=date(2026, 10, 31))
        path = export_period(v, tmp / "a.zip", include_reports=False).path
    with open_store(tmp / "t.sqlite", now=clock) as t:
        t.settings.save_committee(name="新埭镇人民调解委员会", level=3, abbr="新调")
    return {"zip": path, "db": tmp / "v.sqlite", "town": tmp / "t.sqlite"}


def _objects(node: Any, where: str = "") -> list[tuple[dict[str, Any], str]]:
    """Every non-empty object in a line, with its dotted location."""
    out: list[tuple[dict[str, Any], str]] = []
    if isinstance(node, dict):
        if node:
            out.append((node, where))
        for k, v in node.items():
            out += _objects(v, f"{where}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _objects(v, f"{where}.{i}")
    return out


def _with_repeat(node: Any, target: dict[str, Any], name: str, value: Any) -> str:
    """``node`` as compact JSON text, ``target`` carrying ``name`` a second time (``value``)."""
    if isinstance(node, dict):
        parts = [
            f"{json.dumps(k, ensure_ascii=False)}:{_with_repeat(v, target, name, value)}"
            for k, v in node.items()
        ]
        if node is target:
            parts.append(f"{json.dumps(name, ensure_ascii=False)}:{json.dumps(value)}")
        return "{" + ",".join(parts) + "}"
    if isinstance(node, list):
        return "[" + ",".join(_with_repeat(v, target, name, value) for v in node) + "]"
    return json.dumps(node, ensure_ascii=False)


def _refused(package: dict[str, Path], files: dict[str, bytes], tmp: Path) -> str:
    bad = write(tmp / "bad.zip", reseal(files, committee_key(package["db"])))
    before = package["town"].read_bytes()
    clock = FixedClock(datetime(2026, 11, 2, 9, 0))
    with open_store(package["town"], now=clock) as t, pytest.raises(PackageError) as err:
        import_packages(t, [bad])
    assert package["town"].read_bytes() == before
    return err.value.message


@QUICK
@given(pick=st.integers(0, 10**6), line_no=st.integers(0, 3), value=st.sampled_from([0, "", "乙"]))
def test_a_name_given_twice_in_one_object_is_refused(
    package: dict[str, Path], tmp_path: Path, pick: int, line_no: int, value: Any
) -> None:
    """Any object of any line (the line, the case, a party, a record, the lineage…) given one
    of its names twice: refused naming the line, whichever value the repeat carries."""
    files = members(package["zip"])
    texts = files["cases.jsonl"].decode().splitlines()
    line = json.loads(texts[line_no])
    target, _ = (objs := _objects(line))[pick % len(objs)]
    name = sorted(target)[pick % len(target)]
    texts[line_no] = _with_repeat(line, target, name, value)
    files["cases.jsonl"] = ("\n".join(texts) + "\n").encode()
    message = _refused(package, files, tmp_path)
    assert f"第 {line_no + 1} 行" in message and "出现了两次" in message, message


@QUICK
@given(depth=st.integers(255, 1200), kind=st.sampled_from(["[", '{"a":']))
def test_deep_nesting_is_named_not_taken_for_a_damaged_zip(
    package: dict[str, Path], tmp_path: Path, depth: int, kind: str
) -> None:
    """An extra field nested ``depth`` deep (the validator reports no error 255 deep or more,
    orjson reads at most 1,024): refused as too deeply nested, never as “不是完好的 zip” or an
    unexplained error (it was “不是完好的 zip” 255–1,024 deep)."""
    files = members(package["zip"])
    texts = files["cases.jsonl"].decode().splitlines()
    close = "]" if kind == "[" else "}"
    texts[0] = texts[0][:-1] + ',"x":' + kind * depth + "1" + close * depth + "}"
    files["cases.jsonl"] = ("\n".join(texts) + "\n").encode()
    message = _refused(package, files, tmp_path)
    assert "嵌套过深" in message and "不是完好" not in message, message


def test_the_package_as_exported_still_imports(package: dict[str, Path], tmp_path: Path) -> None:
    """The repeat check costs nothing on what we write and refuses none of it; a re-signed
    package whose lines are re-spaced (json.dumps defaults) still imports."""
    files = members(package["zip"])
    texts = [json.dumps(json.loads(x)) for x in files["cases.jsonl"].decode().splitlines()]
    spaced = write(
        tmp_path / "spaced.zip",
        reseal(
            {**files, "cases.jsonl": ("\n".join(texts) + "\n").encode()},
            committee_key(package["db"]),
        ),
    )
    clock = FixedClock(datetime(2026, 11, 2, 9, 0))
    with open_store(tmp_path / "t2.sqlite", now=clock) as t:
        t.settings.save_committee(name="新埭镇人民调解委员会", level=3, abbr="新调")
        assert len(import_packages(t, [spaced])[0].added) == 4


NOT_A_VERSION = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 0),
    st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: x not in SUPPORTED_VERSIONS),
    st.text(max_size=8),
    st.lists(st.integers(), max_size=2),
)


@QUICK
@given(version=st.one_of(st.just("missing"), NOT_A_VERSION, st.integers(FORMAT_VERSION + 1, 10**6)))
def test_a_format_version_that_is_not_a_version_is_named(
    package: dict[str, Path], tmp_path: Path, version: Any
) -> None:
    """A manifest without a format version, or with one that is not a version (None, true,
    0, 1.5, "2", a list) was refused as “导出包格式版本 None 比本程序（2）新，请先把本程序升级”;
    only a higher whole number asks for an upgrade, anything else names the field."""
    files = members(package["zip"])
    manifest = json.loads(files["manifest.json"])
    if version == "missing":
        del manifest["format_version"]
    else:
        manifest["format_version"] = version
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    message = _refused(package, files, tmp_path)
    newer = isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION
    assert ("升级" in message) == newer, message
    assert newer or "格式版本" in message, message
    assert "format_version" not in message, message  # named in Chinese, never by its key
    assert "None" not in message, message
