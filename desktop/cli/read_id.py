"""``wusong read-id PHOTO...``: read ID cards, permanent-residence cards and business licences
from photos, scans or PDFs, offline, and print what was found as JSON (one object per file, or
a list for several) for testing and batch use. Nothing is written to the database."""

from __future__ import annotations

import json
from pathlib import Path

import click

from desktop.cli.context import friendly


@click.command(
    name="read-id",
    help="从身份证、外国人永久居留身份证或营业执照的照片（JPG/PNG）或扫描件（PDF 第一页）读出"
    "当事人信息，以 JSON 输出；全程离线。没有通过校验的项留空，并在 problems 里说明原因。",
)
@click.argument("photos", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lines/--no-lines", default=False, help="同时输出识别出的全部文字行。")
@friendly
def read_id_cmd(photos: tuple[Path, ...], lines: bool) -> None:
    from desktop.core.idphoto import read_id_photo

    results = []
    for photo in photos:
        reading = read_id_photo(photo).as_json()
        if not lines:
            reading.pop("lines")
        results.append({"file": str(photo), **reading})
    click.echo(
        json.dumps(results[0] if len(results) == 1 else results, ensure_ascii=False, indent=2)
    )
