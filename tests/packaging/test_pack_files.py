"""What can be checked here of the installers: the spec bundles every resource folder, the
Inno Setup script has what a per-user, upgrade-in-place install needs, the CI workflow parses."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_spec_bundles_the_whole_resources_folder_and_db() -> None:
    spec = (ROOT / "packaging" / "pyinstaller" / "wusong.spec").read_text(encoding="utf-8")
    # The whole folder, so a subfolder added later (templates, clauses, ...) is never missed.
    assert '(str(ROOT / "resources"), "resources")' in spec
    assert '"db.migrations"' in spec
    assert all((ROOT / "resources" / d).is_dir() for d in ("fonts", "workflows", "templates", "icons"))


def _sections(text: str) -> dict[str, str]:
    parts = re.split(r"^\[(\w+)\]\s*$", text, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def test_inno_setup_script_is_per_user_and_keeps_data() -> None:
    iss = (ROOT / "packaging" / "windows" / "wusong.iss").read_text(encoding="utf-8-sig")
    sections = _sections(iss)
    assert {"Setup", "Languages", "Files", "Icons", "Run"} <= set(sections)
    setup = sections["Setup"]
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}", setup, re.MULTILINE), "a fixed AppId upgrades in place"
    assert "PrivilegesRequired=lowest" in setup
    assert "DefaultDirName={localappdata}" in setup or "DefaultDirName={userpf}" in setup
    icons = sections["Icons"]
    assert "{userprograms}" in icons and "{userdesktop}" in icons and "{#AppName}" in icons
    assert '#define AppName "无讼调解助手"' in iss  # the shortcuts' Chinese name
    # User data lives in %LOCALAPPDATA%\wusong and must survive an uninstall.
    assert "UninstallDelete" not in sections
    assert "wusong\\wusong.sqlite" not in iss


def test_windows_workflow_is_valid_yaml_shape() -> None:
    text = (ROOT / ".github" / "workflows" / "windows-installer.yml").read_text(encoding="utf-8")
    try:
        import yaml  # type: ignore[import-untyped]
    except ImportError:  # keep the check without an extra dependency
        assert re.search(r"^on:", text, re.MULTILINE) and "runs-on: windows-latest" in text
        assert "iscc" in text.lower() and "pyinstaller" in text.lower()
        return
    data = yaml.safe_load(text)
    job = next(iter(data["jobs"].values()))
    assert job["runs-on"] == "windows-latest"
    steps = " ".join(str(s) for s in job["steps"]).lower()
    assert "pyinstaller" in steps and "iscc" in steps
