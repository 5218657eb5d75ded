"""Received texts that break the one-line sentence (issue 10: "every refusal ONE clear Chinese
sentence"; point 3, "invalid values").

A committee name or case number with a line break passed the schema and was imported: every
later summary, list and 台账 row of that committee broke in two. And a refusal quoting a bad
received value printed it as it came — a workflow id or a date with a line break split the
refusal over lines, a zero-width space in a forged name stayed invisible in the sentence.

Kind: a received text quoted or kept with its line breaks and invisible characters. 调委会名称,
所属地区 and 案号 (manifest and every line) are one line: a control character refuses the
package naming the field; every refusal quotes received values with such characters shown as
□ (one line, nothing hidden); a committee cannot save such a name in its own settings, so no
package of it is ever refused for it."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from forge import committee_key, members, reseal, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from two_villages import one_village

from desktop.core.errors import ValidationError
from desktop.core.exchange import PackageError, import_packages
from desktop.core.store import open_store

BREAKS = ["\n", "\r", "\t", "\x00", "\x1b", "\x85", "\u2028", "\u2029", "\u202e", "\u2067"]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return one_village(tmp_path_factory.mktemp("oneline"))


def _refusal(
    world: dict[str, Path], folder: Path, files: dict[str, bytes], **manifest: object
) -> str:
    package = write(
        folder / "p.zip", reseal(files, committee_key(world["dir"] / "v.sqlite"), **manifest)
    )
    db = folder / "c.sqlite"
    shutil.copy(world["county"], db)
    before = hashlib.sha256(db.read_bytes()).digest()
    with open_store(db) as county, pytest.raises(PackageError) as refused:
        import_packages(county, [package])
    assert hashlib.sha256(db.read_bytes()).digest() == before
    text = str(refused.value)
    assert not any(ch in text for ch in BREAKS), repr(text)
    assert text.endswith("整个包没有导入，数据库没有任何改动。"), text
    return text


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    field=st.sampled_from(
        ["committee_name", "committee_region", "case_no", "workflow_id", "accepted_on"]
    ),
    at=st.integers(0, 12),
    ch=st.sampled_from(BREAKS),
)
def test_a_line_break_in_a_received_text_refuses_in_one_line(
    world: dict[str, Path], tmp_path_factory: pytest.TempPathFactory, field: str, at: int, ch: str
) -> None:
    folder = tmp_path_factory.mktemp("text")
    files = members(world["package"])
    if field.startswith("committee"):
        value = "星光村人民调解委员会" if field == "committee_name" else "浙江省平湖市新埭镇"
        text = _refusal(world, folder, files, **{field: value[:at] + ch + value[at:]})
        assert {"committee_name": "调委会名称", "committee_region": "所属地区"}[field] in text, text
        return
    lines = [json.loads(x) for x in files["cases.jsonl"].splitlines() if x.strip()]
    value = str(lines[0]["case"][field])
    bad = value[:at] + ch + value[at:]
    lines[0]["case"][field] = bad
    if field == "case_no":
        lines[0]["case_no"] = bad
    data = b"".join(json.dumps(x, ensure_ascii=False).encode() + b"\n" for x in lines)
    text = _refusal(world, folder, {**files, "cases.jsonl": data})
    assert "□" in text and "案件记录第 1 行" in text, text


def test_a_forged_name_shows_its_invisible_character(
    world: dict[str, Path], tmp_path: Path
) -> None:
    files = members(world["package"])
    db = tmp_path / "pinned.sqlite"  # 星光村 known here: the namesake check speaks
    shutil.copy(world["county"], db)
    with open_store(db) as county:
        import_packages(county, [world["package"]])
    text = _refusal(
        {**world, "county": db},
        tmp_path,
        files,
        committee_name="星光村人民调解委员会\u200b",
        committee_id="x-1",
    )
    assert "“星光村人民调解委员会□”" in text, text


@pytest.mark.parametrize("field", ["name", "region", "abbr", "case_no_format"])
@pytest.mark.parametrize("ch", ["\n", "\t", "\u2028", "\u202e"])
def test_a_committee_cannot_save_a_broken_line_in_its_settings(
    tmp_path: Path, field: str, ch: str
) -> None:
    with open_store(tmp_path / "v.sqlite") as v:
        good = {"name": "星光村人民调解委员会", "abbr": "星调", "region": "浙江省平湖市"}
        v.settings.save_committee(**good)
        before = v.settings.committee()
        value = {**good, "case_no_format": "（{year}）{abbr}调字第{seq}号"}[field]
        with pytest.raises(ValidationError) as refused:
            v.settings.save_committee(**{field: value[:2] + ch + value[2:]})
        assert "控制字符" in str(refused.value)
        assert v.settings.committee() == before
