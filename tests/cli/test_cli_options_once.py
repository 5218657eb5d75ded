"""An option written twice is refused (desktop/cli/chinese.py): click silently kept the last
value, so ``report monthly --month 2026-10 … --month 2026-11`` made November's report and the
mediator never knew. Over every option of every real command (the root's --db/--as too, short
and long spellings, a flag and its opposite), the answer is one Chinese sentence naming the
option, exit code 2 and nothing run; options meant to repeat (``--mediator``, ``--map``) still
repeat."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from cli_commands import COMMANDS, assert_one_chinese_sentence, required_fill
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli import main


def _once_options() -> list[tuple[tuple[str, ...], click.Command, click.Option]]:
    out = []
    for path, cmd in COMMANDS:
        for p in cmd.params:
            if isinstance(p, click.Option) and not p.multiple and not p.count:
                if p.is_eager and not p.expose_value:
                    continue  # --help / --version
                out.append((path, cmd, p))
    return out


ONCE = _once_options()


def _value(p: click.Option, tmp: Path) -> str:
    if isinstance(p.type, click.Choice):
        return str(p.type.choices[0])
    if isinstance(p.type, click.IntRange):
        return str(p.type.min if p.type.min is not None else 1)
    if isinstance(p.type, click.types.IntParamType):
        return "1"
    if isinstance(p.type, click.Path):
        return str(tmp / "x.pdf")
    return "2026-10"


@given(data=st.data())
@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_option_written_twice_is_refused_by_name(
    data: st.DataObject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, cmd, p = data.draw(st.sampled_from(ONCE))
    spellings = p.opts + p.secondary_opts
    first, second = data.draw(st.sampled_from(spellings)), data.draw(st.sampled_from(spellings))
    twice: list[str] = []
    for name in (first, second):
        twice += [name] if p.is_flag else [name, _value(p, tmp_path)]
    db = tmp_path / f"never-{data.draw(st.uuids())}.sqlite"
    if path:  # a command's option, after the command's name (root options before it)
        argv = ["--db", str(db), *path, *twice, *required_fill(cmd, tmp_path)]
    elif p.name == "db":
        argv = [*twice, "case", "list"]
    else:
        argv = ["--db", str(db), *twice, "case", "list"]
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 2, (argv, out, err)
    assert_one_chinese_sentence(err, argv)
    assert "写了两次" in err and p.opts[0] in err, err
    assert not db.exists()  # nothing was run


def test_options_meant_to_repeat_still_repeat(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    argv = ["--db", str(db), "init", "--committee", "星光村人民调解委员会"]
    assert main([*argv, "--mediator", "张三", "--mediator", "李四"]) == 0
    from desktop.core.store import open_store

    with open_store(db) as store:
        names = {m.name for m in store.settings.mediators()}
    assert {"张三", "李四"} <= names
