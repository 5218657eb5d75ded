"""The dependency rule: the core and the CLI run with PySide6 absent, and the UI never talks
SQL. A whole case runs through all five steps with Qt made unimportable."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_core_and_cli_import_and_run_without_pyside6(tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        import sys, pkgutil, importlib
        sys.modules["PySide6"] = None  # any `import PySide6...` now raises ImportError
        import desktop.core, db, desktop.cli
        for mod in pkgutil.walk_packages(desktop.core.__path__, "desktop.core."):
            importlib.import_module(mod.name)
        for mod in pkgutil.walk_packages(desktop.cli.__path__, "desktop.cli."):
            if not mod.name.endswith("__main__"):  # that one runs the CLI
                importlib.import_module(mod.name)
        from builders import run_to_agreement
        from desktop.core.store import open_store
        store = open_store({str(tmp_path / "noqt.sqlite")!r})
        store.settings.save_committee(name="测试调委会", abbr="测")
        store.settings.add_mediator("王调解")
        case_id = run_to_agreement(store)
        store.records.add(case_id, "return_visit", dict(visited_on="2026-03-30", visitor="王",
            visited_party="张建国", performance="已履行", satisfaction="满意", notes="已履行"))
        store.cases.update(case_id, dict(judicial_confirmation="未申请", closing_note="结案",
            closed_on="2026-03-30"))
        case = store.flow.complete_step(case_id)
        assert case.step_now == "done", case.step_now
        assert "PySide6.QtCore" not in sys.modules
        print("ok", case.status)
    """)
    # The case builders are a module found by import, as pytest finds them (pythonpath).
    env = {**os.environ, "PYTHONPATH": str(ROOT / "tests")}
    proc = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok 调解成功"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_ui_imports_qt() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for folder in ("desktop/core", "desktop/cli", "db")
        for p in (ROOT / folder).rglob("*.py")
        if "PySide6" in _imports(p)
    ]
    assert offenders == []


def test_ui_never_talks_sql() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "desktop" / "ui").rglob("*.py")
        if _imports(p) & {"sqlite3", "sqlite_utils"}
    ]
    assert offenders == []
