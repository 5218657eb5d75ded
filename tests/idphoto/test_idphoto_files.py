"""Any file the mediator may pick (damaged, cut short, not a picture at all, an iPhone HEIC, an
encrypted or empty PDF) gives one Chinese sentence, never a traceback. Kind: unreadable input
reaching the picture loader; generated inputs of that kind go through the real loader."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import MediationError
from desktop.core.idphoto.engine import SCAN_SIDE, load_picture
from desktop.core.idphoto.specimen import clean_document, specimen

SUFFIXES = (".jpg", ".jpeg", ".png", ".pdf", ".tif", ".bmp", ".heic", ".txt", "")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=2000), suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_are_a_picture_or_one_chinese_sentence(
    tmp_path: Path, data: bytes, suffix: str
) -> None:
    path = tmp_path / f"file{suffix}"
    path.write_bytes(data)
    try:
        picture = load_picture(path)
    except MediationError as exc:
        assert exc.message.endswith("。") and any("\u4e00" <= c <= "\u9fff" for c in exc.message)
    else:
        assert picture.mode == "RGB" and max(picture.size) <= SCAN_SIDE


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cut=st.floats(0.0, 0.95), suffix=st.sampled_from((".jpg", ".pdf")))
def test_a_file_cut_short_is_refused_in_chinese(tmp_path: Path, cut: float, suffix: str) -> None:
    whole = tmp_path / f"whole{suffix}"
    if suffix == ".pdf":
        clean_document(0).save(whole, "PDF", resolution=100)
    else:
        whole.write_bytes(specimen(0).jpeg)
    data = whole.read_bytes()
    part = tmp_path / f"part{suffix}"
    part.write_bytes(data[: int(len(data) * cut)])
    with pytest.raises(MediationError) as err:
        load_picture(part)
    assert "请" in err.value.message


def test_big_photos_are_brought_down_and_pdfs_rendered(tmp_path: Path) -> None:
    big = tmp_path / "big.png"
    clean_document(3).resize((4000, 2830)).save(big)
    assert max(load_picture(big).size) == SCAN_SIDE
    pdf = tmp_path / "scan.pdf"
    clean_document(1).save(pdf, "PDF", resolution=300)
    picture = load_picture(pdf)
    assert picture.mode == "RGB" and abs(max(picture.size) - 1000) <= 2  # 300 dpi as scanned
