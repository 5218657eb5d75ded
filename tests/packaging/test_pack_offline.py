"""No network at run time: the installed CLI runs init, demo, search and render with every socket
connection refused by a guard (the frozen binaries get a network namespace in test_pack_build)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Loaded by every Python started with this folder on PYTHONPATH: any attempt to reach the
# network (name lookup or connect) fails loudly, and is also written to a log the test reads,
# so an attempt that the app swallows is still caught.
GUARD = """
import os, socket
_LOG = os.environ["WUSONG_NET_LOG"]
def _refuse(*args, **kwargs):
    with open(_LOG, "a", encoding="utf-8") as f:
        f.write(repr(args[:2]) + "\\n")
    raise OSError("network use refused by the test guard")
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.getaddrinfo = _refuse
socket.create_connection = _refuse
"""


@pytest.fixture
def offline_env(tmp_path: Path) -> dict[str, str]:
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    nowhere = "http://127.0.0.1:9"
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(guard), str(ROOT)]),
        "WUSONG_NET_LOG": str(tmp_path / "net.log"),
        "QT_QPA_PLATFORM": "offscreen",
        "http_proxy": nowhere,
        "https_proxy": nowhere,
        "HTTP_PROXY": nowhere,
        "HTTPS_PROXY": nowhere,
        "no_proxy": "",
        "WUSONG_DB": str(tmp_path / "unused.sqlite"),
    }


def _py(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, timeout=300, cwd=ROOT
    )


def test_the_guard_really_refuses_network(offline_env: dict[str, str], tmp_path: Path) -> None:
    probe = _py(offline_env, "-c", "import socket; socket.create_connection(('192.0.2.1', 80), 1)")
    assert probe.returncode != 0 and "refused by the test guard" in probe.stderr
    assert (tmp_path / "net.log").read_text(encoding="utf-8").strip()


def test_cli_works_without_network(offline_env: dict[str, str], tmp_path: Path) -> None:
    db = str(tmp_path / "wusong.sqlite")

    def cli(*args: str) -> str:
        done = _py(offline_env, "-m", "desktop.cli", "--db", db, *args)
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    cli("init", "--committee", "星光村人民调解委员会", "--abbr", "星调")
    assert "已生成 30 件" in cli("demo", "--cases", "30")
    case_no = cli("case", "list", "--status", "调解成功", "--limit", "1").splitlines()[0].split()[0]
    assert case_no in cli("search", case_no)
    pdf = tmp_path / "协议书.pdf"
    cli("render", case_no, "协议书", "--format", "pdf", "-o", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "net.log").exists(), "the CLI tried to reach the network"


def test_reading_an_id_photo_needs_no_network(offline_env: dict[str, str], tmp_path: Path) -> None:
    from desktop.core.idphoto.specimen import specimen

    photo = tmp_path / "card.jpg"
    photo.write_bytes(specimen(0).jpeg)
    done = _py(offline_env, "-m", "desktop.cli", "read-id", str(photo))
    assert done.returncode == 0, done.stderr[-2000:]
    assert specimen(0).truth["id_number"] in done.stdout
    assert not (tmp_path / "net.log").exists(), "reading a photo tried to reach the network"
