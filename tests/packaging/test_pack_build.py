"""The Linux bundle builds from the source tree and its frozen binaries work with no network:
CLI --version, init, demo, search, render of an agreement with embedded fonts, and the window
started offscreen and closed cleanly. Slow (a full PyInstaller build), still run in CI."""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _offline(cmd: list[str]) -> list[str]:
    """Run without any network: a fresh network namespace when we may make one."""
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    return ["unshare", "-n", *cmd] if probe.returncode == 0 else cmd


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("pyinstaller") is None and subprocess.run(
            ["python3", "-m", "PyInstaller", "--version"], capture_output=True).returncode != 0:
        pytest.fail("PyInstaller is not installed: tests/run.sh installs it with .[test,build]")
    out = tmp_path_factory.mktemp("linux-dist")
    proc = subprocess.run(["sh", str(ROOT / "packaging" / "linux" / "build.sh"), str(out)],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    tarball = Path(proc.stdout.strip().splitlines()[-1])
    assert tarball.is_file() and tarball.name.endswith(".tar.gz")
    unpack = out / "unpacked"
    with tarfile.open(tarball) as tf:
        tf.extractall(unpack, filter="data")
    folder = next(unpack.iterdir())
    assert (folder / "wusong.desktop").is_file() and (folder / "wusong.png").is_file()
    return folder


def run(bundle: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "http_proxy": "http://127.0.0.1:9",
                   "https_proxy": "http://127.0.0.1:9", **(env or {})}
    return subprocess.run(_offline([str(bundle / args[0]), *args[1:]]), capture_output=True, text=True,
                          timeout=300, env=environment)


def test_frozen_cli_and_window_work_offline(bundle: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "a.sqlite")
    assert run(bundle, "wusong", "--version").stdout.strip().startswith("wusong ")
    assert run(bundle, "wusong", "--db", db, "init", "--committee", "星光村人民调解委员会", "--abbr", "星调").returncode == 0
    assert "已生成 50 件" in run(bundle, "wusong", "--db", db, "demo", "--cases", "50").stdout
    listed = run(bundle, "wusong", "--db", db, "case", "list", "--status", "调解成功", "--limit", "1").stdout
    case_no = listed.splitlines()[0].split()[0]
    found = run(bundle, "wusong", "--db", db, "search", case_no)
    assert found.returncode == 0 and case_no in found.stdout
    pdf = tmp_path / "协议书.pdf"
    rendered = run(bundle, "wusong", "--db", db, "render", case_no, "协议书", "-o", str(pdf))
    assert rendered.returncode == 0, rendered.stderr
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "NotoSerifSC" in fonts and all(" yes yes yes " in f"{line} " for line in fonts.splitlines()[2:])
    window = run(bundle, "wusong-desktop", "--db", db, "--quit-after", "1500")
    assert window.returncode == 0, window.stderr[-1000:]
