"""The Linux bundle builds from the source tree by its one documented command, and its frozen
binaries work with no network: CLI --version, init, demo, search, render of an agreement with
embedded fonts, the window started offscreen and closed cleanly, and install.sh puts launchers
in place. Slow (a full PyInstaller build, about two minutes), still run in CI."""

from __future__ import annotations

import os
import subprocess
import tarfile
from pathlib import Path

import pytest

from desktop import __version__

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _can_unshare() -> bool:
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


def _offline(cmd: list[str]) -> list[str]:
    """Run without any network: a fresh network namespace when we may make one (root here and
    in CI); otherwise test_pack_offline's socket guard is what proves the CLI needs none."""
    return ["unshare", "-n", *cmd] if _can_unshare() else cmd


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("linux-dist")
    proc = subprocess.run(
        ["sh", str(ROOT / "packaging" / "linux" / "build.sh"), str(out)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    print(proc.stderr.strip().splitlines()[-1])  # build time and sizes, shown with -s
    tarball = Path(proc.stdout.strip().splitlines()[-1])
    assert tarball.is_file() and tarball.name.startswith(f"wusong-{__version__}-linux-x86_64-")
    assert tarball.name.endswith(".tar.gz")
    unpack = out / "unpacked"
    with tarfile.open(tarball) as tf:
        if hasattr(tarfile, "data_filter"):
            tf.extractall(unpack, filter="data")
        else:  # Debian 12's Python 3.11.2 predates extraction filters (3.11.4); our own tarball
            tf.extractall(unpack)
    (folder,) = unpack.iterdir()
    return folder


def run(
    bundle: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    nowhere = "http://127.0.0.1:9"
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "http_proxy": nowhere,
        "https_proxy": nowhere,
        **(env or {}),
    }
    return subprocess.run(
        _offline([str(bundle / args[0]), *args[1:]]),
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
    )


def test_bundle_holds_every_resource_file(bundle: Path) -> None:
    for name in ("wusong", "wusong-desktop", "install.sh"):
        assert os.access(bundle / name, os.X_OK), name
    assert (bundle / "wusong.desktop").is_file() and (bundle / "wusong.png").is_file()
    shipped = bundle / "_internal" / "resources"
    wanted = [
        p.relative_to(ROOT / "resources")
        for p in (ROOT / "resources").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    ]
    missing = [str(p) for p in wanted if not (shipped / p).is_file()]
    assert not missing, missing


def test_namespace_really_has_no_network() -> None:
    if not _can_unshare():
        pytest.skip("no network namespace here; test_pack_offline guards the sockets instead")
    probe = subprocess.run(
        [
            "unshare",
            "-n",
            "python3",
            "-c",
            "import socket; socket.create_connection(('192.0.2.1', 80), 2)",
        ],
        capture_output=True,
        text=True,
    )
    assert probe.returncode != 0 and "unreachable" in probe.stderr.lower()


def test_frozen_cli_and_window_work_offline(bundle: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "a.sqlite")
    assert run(bundle, "wusong", "--version").stdout.strip() == f"wusong {__version__}"
    init = run(
        bundle,
        "wusong",
        "--db",
        db,
        "init",
        "--committee",
        "星光村人民调解委员会",
        "--abbr",
        "星调",
    )
    assert init.returncode == 0, init.stderr
    assert "已生成 50 件" in run(bundle, "wusong", "--db", db, "demo", "--cases", "50").stdout
    listed = run(
        bundle, "wusong", "--db", db, "case", "list", "--status", "调解成功", "--limit", "1"
    )
    case_no = listed.stdout.splitlines()[0].split()[0]
    found = run(bundle, "wusong", "--db", db, "search", case_no)
    assert found.returncode == 0 and case_no in found.stdout
    pdf = tmp_path / "协议书.pdf"
    rendered = run(
        bundle, "wusong", "--db", db, "render", case_no, "协议书", "--format", "pdf", "-o", str(pdf)
    )
    assert rendered.returncode == 0, rendered.stderr
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    rows = fonts.splitlines()[2:]
    assert rows and any("NotoSerifSC" in row for row in rows)
    assert all(" yes yes yes " in f"{row} " for row in rows), fonts  # embedded, subset, unicode
    window = run(bundle, "wusong-desktop", "--db", db, "--quit-after", "1500")
    assert window.returncode == 0, window.stderr[-1000:]


def test_frozen_cli_exports_verifies_and_imports_offline(bundle: Path, tmp_path: Path) -> None:
    """The exchange's libraries (orjson, jsonschema-rs, cryptography) are in the bundle: the
    frozen CLI writes, verifies (signature, every line against the schema) and imports a
    package, and sends again since a package."""
    village, county = str(tmp_path / "v.sqlite"), str(tmp_path / "c.sqlite")
    pkg, again = str(tmp_path / "a.zip"), str(tmp_path / "b.zip")
    w = "wusong"
    assert (
        run(bundle, w, "--db", village, "init", "--committee", "星光村人民调解委员会").returncode
        == 0
    )
    assert run(bundle, w, "--db", village, "demo", "--cases", "20").returncode == 0
    done = run(bundle, w, "--db", village, "export", "-o", pkg)
    assert done.returncode == 0 and "第 1 个包" in done.stdout, done.stderr
    checked = run(bundle, w, "verify", pkg)
    assert checked.returncode == 0 and "签名有效" in checked.stdout, checked.stderr
    run(bundle, w, "--db", county, "init", "--committee", "平湖市人民调解委员会", "--level", "4")
    imported = run(bundle, w, "--db", county, "import", pkg)
    assert imported.returncode == 0 and "新增 20 件" in imported.stdout, imported.stderr
    resent = run(bundle, w, "--db", village, "export", "--since-package", "1", "-o", again)
    assert resent.returncode == 0 and "第 2 个包" in resent.stdout, resent.stderr
    imported = run(bundle, w, "--db", county, "import", again)
    assert imported.returncode == 0 and "未变 20 件" in imported.stdout, imported.stderr


def test_frozen_cli_reads_an_id_photo_offline(bundle: Path, tmp_path: Path) -> None:
    """The recogniser's models and native libraries are in the bundle: a specimen card photo is
    read by the frozen ``wusong read-id`` inside a namespace without network."""
    import json

    from desktop.core.idphoto.specimen import specimen

    photo = tmp_path / "证件.jpg"
    photo.write_bytes(specimen(2).jpeg)
    done = run(bundle, "wusong", "read-id", str(photo))
    assert done.returncode == 0, done.stderr[-2000:]
    reading = json.loads(done.stdout)
    assert reading["kind"] == "居民身份证"
    assert reading["fields"]["id_number"] == specimen(2).truth["id_number"]
    assert reading["fields"]["name"] == specimen(2).truth["name"]
    internal = bundle / "_internal"
    assert list(internal.rglob("ch_PP-OCRv4_rec_infer.onnx"))
    added = sum(
        f.stat().st_size
        for name in (
            "rapidocr_onnxruntime",
            "onnxruntime",
            "cv2",
            "numpy",
            "numpy.libs",
            "shapely",
            "shapely.libs",
            "pyclipper",
            "pypdfium2_raw",
            "opencv_python.libs",
        )
        if (internal / name).exists()
        for f in (internal / name).rglob("*")
        if f.is_file()
    )
    print(f"photo reading adds {added / 1e6:.0f} MB to the bundle folder")


def test_install_script_puts_launchers_in_place(bundle: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "桌面").mkdir(parents=True)
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "PATH": "/usr/bin:/bin",
    }  # no xdg-user-dir needed
    for _ in range(2):  # the second run is an upgrade over the first
        done = subprocess.run(
            ["sh", str(bundle / "install.sh")], capture_output=True, text=True, env=env, timeout=300
        )
        assert done.returncode == 0, done.stderr
    program = home / ".local" / "opt" / "wusong"
    for launcher in (
        home / ".local/share/applications/wusong.desktop",
        home / "桌面/无讼调解助手.desktop",
    ):
        entry = dict(
            line.split("=", 1)
            for line in launcher.read_text(encoding="utf-8").splitlines()
            if "=" in line
        )
        assert entry["Name"] == "无讼调解助手"
        assert entry["Exec"] == f'"{program}/wusong-desktop"' and Path(entry["Icon"]).is_file()
    installed = subprocess.run(
        [str(program / "wusong"), "--version"], capture_output=True, text=True
    )
    assert installed.stdout.strip() == f"wusong {__version__}"
    assert not (program.parent / "wusong.new").exists()
