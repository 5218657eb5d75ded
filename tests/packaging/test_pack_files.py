"""What can be checked here of the build and the installers: the spec bundles every resource
folder and the migrations, the Windows version resource follows the app's version, the Inno
Setup script has what a per-user, upgrade-in-place install needs, the CI workflow parses, and
the icon files are complete."""

from __future__ import annotations

import ast
import re
import runpy
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PIL import Image

from desktop import __version__

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "pyinstaller" / "wusong.spec"


class _Recorder:
    """Stands in for PyInstaller's Analysis/PYZ/EXE/COLLECT and remembers how it was called."""

    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        _Recorder.calls.append((self.kind, args, kwargs))
        return type("Built", (), {"pure": [], "scripts": [], "binaries": [], "datas": []})()


def _run_spec(tmp_path: Path) -> list[tuple[str, tuple[Any, ...], dict[str, Any]]]:
    _Recorder.calls = []
    names = {n: _Recorder(n) for n in ("Analysis", "PYZ", "EXE", "COLLECT")}
    saved = list(sys.path)
    try:
        runpy.run_path(
            str(SPEC),
            init_globals={**names, "SPECPATH": str(SPEC.parent), "workpath": str(tmp_path)},
        )
    finally:
        sys.path[:] = saved
    return _Recorder.calls


def test_spec_bundles_every_resource_folder_and_the_migrations(tmp_path: Path) -> None:
    calls = _run_spec(tmp_path)
    analyses = [kw for kind, _, kw in calls if kind == "Analysis"]
    assert len(analyses) == 2, "one analysis per executable (window and CLI)"
    datas = [(Path(src), dest) for kw in analyses for src, dest in kw["datas"]]
    subfolders = [p for p in (ROOT / "resources").iterdir() if p.is_dir()]
    assert {"fonts", "workflows", "templates", "icons"} <= {p.name for p in subfolders}
    for folder in subfolders:  # including any folder added after this test was written
        covered = [
            (src, dest) for src, dest in datas if folder == src or folder.is_relative_to(src)
        ]
        assert covered, f"resources/{folder.name} is not bundled"
        src, dest = covered[0]
        assert Path(dest, folder.relative_to(src)) == Path("resources", folder.name)
    for kw in analyses:
        assert "db.migrations" in kw["hiddenimports"]
        assert "sqlcipher3._sqlite3" in kw["hiddenimports"]  # the encrypted file's driver
        assert str(ROOT) in kw["pathex"]
    exes = {kw["name"]: kw for kind, _, kw in calls if kind == "EXE"}
    assert exes["wusong-desktop"]["console"] is False and exes["wusong"]["console"] is True
    assert all(Path(kw["icon"]).is_file() for kw in exes.values())
    collect = next(kw for kind, _, kw in calls if kind == "COLLECT")
    assert collect["name"] == f"wusong-{__version__}"


def test_windows_version_resource_follows_the_app_version() -> None:
    # The packaging script is loaded from its file, as PyInstaller's spec loads it.
    version_info = SimpleNamespace(
        **runpy.run_path(str(ROOT / "packaging" / "pyinstaller" / "version_info.py"))
    )
    text = version_info.render(__version__, "wusong.exe")
    ast.parse(text, mode="eval")  # PyInstaller eval()s this text
    assert f"StringStruct('ProductVersion', '{__version__}')" in text
    assert f"filevers={version_info.version_tuple(__version__)!r}" in text
    assert "{VERSION" not in text and "{EXE}" not in text
    assert version_info.version_tuple("1.2") == (1, 2, 0, 0)
    with pytest.raises(ValueError):
        version_info.version_tuple("1.70000")


def _sections(text: str) -> dict[str, str]:
    parts = re.split(r"^\[(\w+)\]\s*$", text, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def test_inno_setup_script_is_per_user_upgrades_in_place_and_keeps_data() -> None:
    raw = (ROOT / "packaging" / "windows" / "wusong.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup reads Chinese text right only with a BOM"
    iss = raw.decode("utf-8-sig")
    sections = _sections(iss)
    assert {"Setup", "Languages", "Tasks", "InstallDelete", "Files", "Icons", "Run"} <= set(
        sections
    )
    setup = dict(line.split("=", 1) for line in sections["Setup"].splitlines() if "=" in line)
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["AppId"])
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"].startswith(("{localappdata}", "{userpf}", "{autopf}"))
    assert setup["UsePreviousAppDir"] == "yes"
    assert setup["MinVersion"] == "10.0"  # Qt 6 runs on Windows 10 and newer only
    icons = sections["Icons"]
    assert "{userprograms}\\{#AppName}" in icons and "{userdesktop}\\{#AppName}" in icons
    assert "{commonprograms}" not in icons and "{commondesktop}" not in icons  # need admin rights
    assert '#define AppName "无讼调解助手"' in iss  # the shortcuts' Chinese name
    # The case data (%LOCALAPPDATA%\wusong) must survive uninstall and upgrade: nothing deletes
    # outside {app}, and the only thing deleted is the old program's library folder.
    assert "UninstallDelete" not in sections
    deletes = [ln for ln in sections["InstallDelete"].splitlines() if ln.startswith("Type:")]
    assert deletes == ['Type: filesandordirs; Name: "{app}\\_internal"']
    assert re.search(r"Source: \"\{#BuildDir\}\\\*\"; DestDir: \"\{app\}\"", sections["Files"])


def test_windows_workflow_parses_and_checks_the_installer() -> None:
    text = (ROOT / ".github" / "workflows" / "windows-installer.yml").read_text(encoding="utf-8")
    assert "\t" not in text, "YAML forbids tabs for indentation"
    try:
        import yaml
    except ImportError:  # PyYAML is not a dependency: fall back to the shape of the file
        assert re.search(r"^jobs:\n  installer:\n    runs-on: windows", text, re.MULTILINE)
        steps = text
    else:
        job = yaml.safe_load(text)["jobs"]["installer"]
        assert job["runs-on"].startswith("windows")
        steps = " ".join(str(s.get("run", "")) + str(s.get("uses", "")) for s in job["steps"])
    assert "packaging\\windows\\build.ps1" in steps and "upload-artifact" in steps
    assert "/VERYSILENT" in steps and "unins000.exe" in steps


def test_icon_svg_png_and_ico() -> None:
    icons = ROOT / "resources" / "icons"
    svg = (icons / "wusong.svg").read_text(encoding="utf-8")
    assert "<path" in svg and "<text" not in svg, "the mark is an outline, no font needed"
    assert Image.open(icons / "wusong.png").size == (256, 256)
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= Image.open(icons / "wusong.ico").info[
        "sizes"
    ]


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _our_imports() -> tuple[set[str], set[str]]:
    """Top-level modules the app imports by name anywhere in desktop/ and db/ (module level or
    inside a function: PyInstaller's analysis follows both), and the names it imports by a
    string (importlib.import_module, find_spec, __import__: the analysis cannot see those)."""
    named: set[str] = set()
    by_string: set[str] = set()
    for path in [*ROOT.glob("desktop/**/*.py"), *ROOT.glob("db/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                named |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                named.add(node.module.split(".")[0])
            elif isinstance(node, ast.Call) and node.args:
                func = node.func
                called = getattr(func, "attr", getattr(func, "id", ""))
                first = node.args[0]
                if called in ("import_module", "find_spec", "__import__") and isinstance(
                    first, ast.Constant
                ):
                    by_string.add(str(first.value))
    return named - set(sys.stdlib_module_names) - {"desktop", "db", "__future__"}, by_string


def test_every_dependency_reaches_the_bundle(tmp_path: Path) -> None:
    """A library added to pyproject.toml (orjson, jsonschema-rs last session) is in the bundle
    only if the app imports it by name (the analysis follows imports, also lazy ones inside
    functions) or the spec lists it; a module the app imports must come from a declared
    dependency (or one a declared dependency requires), else the build venv lacks it; a module
    imported by a string must be in the spec's hidden imports."""
    import importlib.metadata as md
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {
        _normal(re.match(r"[A-Za-z0-9_.\-]+", d).group())  # type: ignore[union-attr]
        for d in project["dependencies"]
    }
    modules_of: dict[str, set[str]] = {}
    for module, dists in md.packages_distributions().items():
        for dist in dists:
            modules_of.setdefault(_normal(dist), set()).add(module.split("/")[0])
    named, by_string = _our_imports()
    calls = _run_spec(tmp_path)
    hidden = {
        h for kw in (kw for kind, _, kw in calls if kind == "Analysis") for h in kw["hiddenimports"]
    }
    hidden_top = {h.split(".")[0] for h in hidden}
    for dist in sorted(declared):
        provides = modules_of.get(dist, set())
        assert provides, f"{dist} is declared in pyproject.toml but not installed here"
        assert provides & (named | hidden_top), (
            f"{dist} ({', '.join(sorted(provides))}) is never imported by name: PyInstaller "
            "would leave it out; import it or add it to hiddenimports in wusong.spec"
        )
    required = set(declared)
    for dist in declared:
        for req in md.requires(dist) or []:
            if "extra ==" not in req:
                required.add(_normal(re.match(r"[A-Za-z0-9_.\-]+", req).group()))  # type: ignore[union-attr]
    for module in sorted(named):
        owners = {d for d, mods in modules_of.items() if module in mods}
        assert owners & required, (
            f"desktop/ imports {module}, which no dependency in pyproject.toml provides"
        )
    for module in sorted(by_string):
        assert module in hidden, f"{module} is imported by a string: add it to hiddenimports"
