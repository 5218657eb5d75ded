"""Hostile content with matching hashes (wrong types, deep nesting, bad text), a tampered
hand-off package, and a failure part-way through a multi-package import: all refused in
Chinese with the database file byte-for-byte unchanged."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from builders import FixedClock, applicant, intake, respondent
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey as Key
from forge import committee_key, members, reseal, write

from desktop.core.demo import generate
from desktop.core.exchange import PackageError, export_handoff, export_period, import_packages
from desktop.core.store import open_store


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def packages(tmp_path: Path, clock: FixedClock) -> dict[str, Path]:
    clock.set(datetime(2026, 11, 1).date())
    with open_store(tmp_path / "v.sqlite", now=clock) as v:
        v.settings.save_committee(name="星光村人民调解委员会", abbr="星调")
        generate(v, 6, seed=5, until=datetime(2026, 10, 31).date())
        period = export_period(v, tmp_path / "period.zip").path
        case = v.cases.create(intake(mediator=1), [applicant(), respondent()])
        handoff = export_handoff(v, tmp_path / "handoff.zip", case.case_no, "需镇里协调").path
    return {"period": period, "handoff": handoff}


def resealed(files: dict[str, bytes], change: Callable[[dict], None], key: Key) -> dict[str, bytes]:
    """Change the first case line, fix up the manifest and sign it with the committee's own
    key, as a thief of its laptop would (so the content checks decide, not the key pinned by
    the good package imported just before)."""
    lines = files["cases.jsonl"].split(b"\n")
    first = json.loads(lines[0])
    change(first)
    lines[0] = json.dumps(first, ensure_ascii=False).encode()
    return reseal({**files, "cases.jsonl": b"\n".join(lines)}, key)


def nested_party(line: dict) -> None:
    line["parties"][0]["name"] = {"$gt": ""}


def record_not_list(line: dict) -> None:
    line["records"]["session"] = "x"


def deep(files: dict[str, bytes], key: Key) -> dict[str, bytes]:
    data = files["cases.jsonl"] + b"[" * 100_000 + b"]" * 100_000 + b"\n"
    return reseal({**files, "cases.jsonl": data}, key, counts={"cases": 2})


def bad_utf8(files: dict[str, bytes], key: Key) -> dict[str, bytes]:
    data = files["cases.jsonl"] + b'{"uuid": "\xff\xfe"}\n'
    return reseal({**files, "cases.jsonl": data}, key)


def no_committee(files: dict[str, bytes], key: Key) -> dict[str, bytes]:
    return reseal(files, key, committee_name="")


def tampered(files: dict[str, bytes], key: Key) -> dict[str, bytes]:
    return {**files, "cases.jsonl": files["cases.jsonl"].replace(b'"', b"'", 1)}


HOSTILE = {
    "nested value": (lambda f, k: resealed(f, nested_party, k), "姓名（名称）.*类型不对"),
    "records not a list": (
        lambda f, k: resealed(f, record_not_list, k),
        "调解记录“x”类型不对",
    ),
    "deep nesting": (deep, "嵌套过深"),
    "bad utf-8": (bad_utf8, "格式错误"),
    "manifest without committee": (no_committee, "清单内容不完整"),
    "tampered": (tampered, "校验值不符"),
}


@pytest.mark.parametrize("kind", ["period", "handoff"])
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_package_refused(
    tmp_path: Path, packages: dict[str, Path], clock: FixedClock, kind: str, name: str
) -> None:
    mutate, words = HOSTILE[name]
    key = committee_key(tmp_path / "v.sqlite")
    bad = write(tmp_path / f"bad-{kind}.zip", mutate(members(packages[kind]), key))
    county_path = tmp_path / "county.sqlite"
    with open_store(county_path, now=clock) as county:
        county.settings.save_committee(name="新埭镇人民调解委员会", level=3, abbr="新调")
    before = file_hash(county_path)
    with open_store(county_path, now=clock) as county:
        with pytest.raises(PackageError, match=words) as err:
            import_packages(county, [packages[kind], bad])
        assert "数据库没有任何改动" in err.value.message
    assert file_hash(county_path) == before


def test_failure_while_writing_undoes_earlier_packages(
    tmp_path: Path, packages: dict[str, Path], clock: FixedClock
) -> None:
    """A package that passes every check but does not fit the database (a party without the
    columns the table requires) undoes the whole import, including the good package before it."""

    files = members(packages["period"])
    lines = [json.loads(t) for t in files["cases.jsonl"].splitlines()]
    # Two cases with one number: each line is valid, together they break UNIQUE(case_no).
    for key in ("case_no", "year", "seq"):
        lines[1]["case"][key] = lines[0]["case"][key]
    lines[1]["case_no"] = lines[0]["case_no"]
    data = b"\n".join(json.dumps(x, ensure_ascii=False).encode() for x in lines) + b"\n"
    own_key = committee_key(tmp_path / "v.sqlite")  # signed by the village itself
    bad = write(tmp_path / "unfit.zip", reseal({**files, "cases.jsonl": data}, own_key))
    county_path = tmp_path / "town.sqlite"
    with open_store(county_path, now=clock) as county:
        county.settings.save_committee(name="新埭镇人民调解委员会", level=3, abbr="新调")
    before = file_hash(county_path)
    with open_store(county_path, now=clock) as county:
        with pytest.raises(PackageError, match="整个导入已撤销"):
            import_packages(county, [packages["handoff"], bad])
        assert county.cases.count() == 0
    assert file_hash(county_path) == before
