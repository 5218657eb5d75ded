"""``wusong init`` refused part-way leaves no case file (kind: a refusal after the command made
the file — a committee name, region or 案号简称 with a line break or a direction control, a
blank name, a mediator named twice, in any spelling the roster counts as the same). It left
an empty or half set-up file, and running init again with the right names said 已经建立过.
Through the real command line; a file that was there before is never removed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli.main import cli

GOOD = "星光村人民调解委员会"
BREAKS = st.sampled_from(["\n", "\r", "\t", "\x00", "\x85", "\u2028", "\u2029", "\u202e", "\u2066"])
TEXT = st.text(st.sampled_from("星光村新埭镇人民调解委员会AB 1"), max_size=8)


def with_break(draw: st.DrawFn) -> str:
    return draw(TEXT) + draw(BREAKS) + draw(TEXT)


@st.composite
def refused_inits(draw: st.DrawFn) -> list[str]:
    """init's options that are refused after the file is made."""
    kind = draw(st.sampled_from(["name", "blank", "region", "abbr", "mediator twice"]))
    if kind == "name":
        return ["--committee", with_break(draw)]
    if kind == "blank":
        return ["--committee", draw(st.sampled_from(["", " ", "\u3000", "  \u3000 "]))]
    if kind in ("region", "abbr"):
        return ["--committee", GOOD, f"--{kind}", with_break(draw)]
    name = draw(st.sampled_from(["王建平", "欧阳修文", "李四"]))
    again = draw(st.sampled_from([name, f" {name} ", name.replace(name[0], name[0] + "\u3000", 1)]))
    return ["--committee", GOOD, "--mediator", name, "--mediator", again]


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(options=refused_inits())
def test_a_refused_init_leaves_no_file_and_init_again_works(
    tmp_path_factory: pytest.TempPathFactory, options: list[str]
) -> None:
    db = tmp_path_factory.mktemp("init") / "案件库.sqlite"
    code, _, err = run(db, "init", *options)
    assert code != 0 and err.startswith("错误：") and err.count("\n") == 1, err
    assert not db.exists(), err
    assert not db.with_name(db.name + "-journal").exists()
    code, out, err = run(db, "init", "--committee", GOOD, "--mediator", "王建平")
    assert code == 0 and "已建立案件数据库" in out, err


def test_a_refused_init_of_an_existing_file_keeps_it(tmp_path: Path) -> None:
    db = tmp_path / "案件库.sqlite"
    assert run(db, "init", "--committee", GOOD)[0] == 0
    before = db.read_bytes()
    code, _, err = run(db, "init", "--committee", "星光\n村")
    assert code != 0 and "已经建立过" in err
    code, _, err = run(db, "init", "--committee", "另一个", "--mediator", "王", "--mediator", "王")
    assert code != 0 and "已经建立过" in err
    assert db.read_bytes() == before
