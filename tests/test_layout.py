"""How the code is laid out: a package's ``__init__`` is its face (a docstring, imports,
``__all__`` and nothing else, so importing a submodule never runs business logic or loads what
that logic needs); tests find their helpers by import; benches import no test fixtures."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FACES = sorted(p for top in ("desktop", "db") for p in (ROOT / top).rglob("__init__.py"))

#: Statements a face may hold besides imports and ``__all__``, each with the reason.
ALLOWED = {
    # PySide6 6.12 on Python 3.11 aborts after a few thousand Qt calls unless its singletons
    # are made immortal before the first widget exists; the package face is the one place
    # every way into the window (app, tests, dialogs run alone) passes first.
    "desktop/ui/__init__.py": {"make_singletons_immortal()"},
    # PEP 562 lazy re-export: the workspace's imports are heavy and loaded on first use.
    "desktop/ui/workspace/__init__.py": {"__getattr__"},
    "desktop/__init__.py": {"__version__"},
}


def _what(node: ast.stmt) -> str | None:
    """None for a statement every face may hold, else a short name of it."""
    if isinstance(node, ast.Import | ast.ImportFrom):
        return None
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
        return None  # the docstring
    if isinstance(node, ast.Assign) and [ast.unparse(t) for t in node.targets] == ["__all__"]:
        return None
    if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
        return None if all(_what(n) is None for n in node.body) else "if TYPE_CHECKING"
    if isinstance(node, ast.FunctionDef):
        return node.name
    if isinstance(node, ast.Assign):
        return ", ".join(ast.unparse(t) for t in node.targets)
    return ast.unparse(node).splitlines()[0]


def test_every_package_is_found() -> None:
    assert len(FACES) >= 10


@pytest.mark.parametrize("face", FACES, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_package_face_only_reexports(face: Path) -> None:
    rel = face.relative_to(ROOT).as_posix()
    found = {w for n in ast.parse(face.read_text(encoding="utf-8")).body if (w := _what(n))}
    assert found <= ALLOWED.get(rel, set()), f"{rel} holds logic: {sorted(found)}"


def _sources(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_tests_find_their_helpers_by_import() -> None:
    """Helpers are modules on pytest's ``pythonpath`` (tests/builders.py …): no test reaches
    into conftest or into another test module, and none edits sys.path."""
    offenders = []
    for path in _sources("tests"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                top = node.module.split(".")[0]
                if top == "conftest" or top.startswith("test_"):
                    offenders.append(f"{path.relative_to(ROOT)}: from {node.module} import")
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name == "conftest" or alias.name.startswith("test_"):
                        offenders.append(f"{path.relative_to(ROOT)}: import {alias.name}")
            elif isinstance(node, ast.Attribute) and ast.unparse(node).startswith("sys.path."):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
    assert offenders == []


def test_benches_import_no_test_fixtures() -> None:
    """A bench measures its own sample cases (bench/sample_cases.py): a change to a test
    fixture must not change what a benchmark measures."""
    tests = {p.stem for p in _sources("tests")}
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in _sources("bench")
        for name in sorted(_imported(path) & (tests | {"tests"}))
    ]
    assert offenders == []


def _imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def _fixtures(path: Path) -> Iterator[tuple[str, str]]:
    """(name, body without its docstring) of each pytest fixture defined in ``path``."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef) and any(
            "fixture" in ast.unparse(d) for d in node.decorator_list
        ):
            body = node.body[1:] if ast.get_docstring(node) else node.body
            yield node.name, "\n".join(ast.unparse(n) for n in body)


def test_a_fixture_is_written_once() -> None:
    """A fixture two test modules need lives in one helper module both import (as the text
    sizes do: tests/ui/text_sizes.py), never copied: two copies drift apart."""
    where: dict[tuple[str, str], list[str]] = {}
    for path in _sources("tests"):
        for key in _fixtures(path):
            where.setdefault(key, []).append(str(path.relative_to(ROOT)))
    assert {name: files for (name, _), files in where.items() if len(files) > 1} == {}


#: Most lines a window module holds (house rule: under ~400, split by responsibility).
MOST_UI_LINES = 420


def test_window_files_are_small() -> None:
    """Every module of the window stays small: field_widgets.py (460 lines) was split into the
    editor's base (field_base.py), the date field (date_field.py) and the editors per kind;
    record_panel.py (461) into the generated form (workspace/field_form.py) and the list with
    its dialog."""
    sizes = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for path in _sources("desktop/ui")
    }
    assert {name: n for name, n in sizes.items() if n > MOST_UI_LINES} == {}
