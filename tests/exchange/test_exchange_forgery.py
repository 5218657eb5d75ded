"""Failures 3-7 of issue 10 as kinds, through the real export/import and CLI: forged and
re-signed packages, a package changing another committee's cases, invalid field values (any
schema field), lying zip headers, GBK member names and a folder, byte flips. Every refusal is
one Chinese sentence and leaves the receiving file byte-identical."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from builders import FixedClock, applicant, intake, respondent
from click.testing import CliRunner
from forge import committee_key, members, patch_sizes, reseal, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli.main import cli
from desktop.core.demo import generate
from desktop.core.exchange import PackageError, export_period, import_packages
from desktop.core.paths import resource
from desktop.core.store import open_store


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two villages' packages (A twice: before and after an edit; B once) and a township."""
    tmp = tmp_path_factory.mktemp("forgery")
    clock = FixedClock(__import__("datetime").datetime(2026, 11, 1, 9, 0))
    out: dict[str, Path] = {"dir": tmp}
    for key, name, seed in (("a", "星光村人民调解委员会", 3), ("b", "泖口村人民调解委员会", 4)):
        with open_store(tmp / f"{key}.sqlite", now=clock) as v:
            v.settings.save_committee(name=name, abbr="星调")  # same abbr: same case numbers
            generate(v, 5, seed=seed, until=date(2026, 10, 31))
            out[key] = export_period(v, tmp / f"{key}.zip", include_reports=False).path
            if key == "a":
                clock.set(date(2026, 11, 3))
                case = v.cases.list(limit=1)[0]
                v.cases.update(case.id, {"facts": "村里补充。"}) if not v.cases.get(
                    case.id
                ).is_closed else v.records.add(
                    case.id,
                    "receipt",
                    {"received_on": "2026-11-03", "description": "收条"},
                )
                out["a2"] = export_period(v, tmp / "a2.zip", include_reports=False).path
    return out


def fresh_town(tmp: Path, clock: FixedClock, *packages: Path) -> Path:
    path = tmp / "town.sqlite"
    with open_store(path, now=clock) as t:
        t.settings.save_committee(name="新埭镇人民调解委员会", level=3, abbr="新调")
        if packages:
            import_packages(t, list(packages))
    return path


def refused(path: Path, clock: FixedClock, package: Path, words: str, **kw: Any) -> str:
    before = digest(path)
    with open_store(path, now=clock) as t, pytest.raises(PackageError, match=words) as err:
        import_packages(t, [package], **kw)
    assert "数据库没有任何改动" in err.value.message
    assert digest(path) == before
    return err.value.message


def test_forged_and_resigned_packages_refused(made, tmp_path: Path, clock: FixedClock) -> None:  # noqa: ANN001
    """Failure 4: content changed and hashes recomputed; manifest naming another village;
    re-signed with another key after the village's key was pinned."""
    town = fresh_town(tmp_path, clock, made["a"])
    files = members(made["a2"])
    forged = dict(
        files, **{"cases.jsonl": files["cases.jsonl"].replace("补充".encode(), "伪造".encode())}
    )
    # Hashes recomputed but the manifest's own signature not: refused.
    m = json.loads(reseal(forged)["manifest.json"])
    m["public_key"] = json.loads(files["manifest.json"])["public_key"]
    unsigned = {
        **reseal(forged),
        "manifest.json": json.dumps(m).encode(),
        "manifest.sig": files["manifest.sig"],
    }
    refused(town, clock, write(tmp_path / "f1.zip", unsigned), "签名与清单不符")
    # Manifest renamed to another village, signature kept: refused.
    renamed = json.loads(files["manifest.json"])
    renamed["committee_name"] = "泖口村人民调解委员会"
    bad = {**files, "manifest.json": json.dumps(renamed, ensure_ascii=False).encode()}
    refused(town, clock, write(tmp_path / "f2.zip", bad), "签名与清单不符")
    # Re-signed with the forger's own key: the pinned key differs.
    message = refused(town, clock, write(tmp_path / "f3.zip", reseal(forged)), "签名密钥.*不同")
    assert "指纹" in message and "接受新密钥" in message
    # Another committee id claiming the same name: refused too.
    other = reseal(forged, committee_id="another-id")
    refused(town, clock, write(tmp_path / "f4.zip", other), "不是同一个案件库")
    # A genuinely new key (reinstalled laptop) is accepted only deliberately, via the CLI.
    result = CliRunner().invoke(cli, ["--db", str(town), "import", str(tmp_path / "f3.zip")])
    assert (
        result.exit_code == 1
        and "--accept-new-key" in result.output
        and "Traceback" not in result.output
    )
    result = CliRunner().invoke(
        cli, ["--db", str(town), "import", "--accept-new-key", str(tmp_path / "f3.zip")]
    )
    assert result.exit_code == 0, result.output
    assert "新密钥" in result.output


def test_unsigned_old_format_refused_once_committee_signs(
    made, tmp_path: Path, clock: FixedClock
) -> None:  # noqa: ANN001
    files = members(made["a2"])
    m = json.loads(files["manifest.json"])
    m["format_version"] = 1
    old = {k: v for k, v in files.items() if k != "manifest.sig"}
    old["manifest.json"] = json.dumps(m, ensure_ascii=False).encode()
    town = fresh_town(tmp_path, clock, made["a"])
    refused(town, clock, write(tmp_path / "old.zip", old), "没有签名的旧格式包")


def test_package_changes_only_its_own_committees_cases(
    made, tmp_path: Path, clock: FixedClock
) -> None:  # noqa: ANN001
    """Failure 4: a package signed by B carrying A's cases takes nothing over."""
    town = fresh_town(tmp_path, clock, made["a"])
    a_lines = members(made["a"])["cases.jsonl"]
    b_files = members(made["b"])
    key_b = committee_key(made["dir"] / "b.sqlite")
    hijack = reseal(
        {**b_files, "cases.jsonl": a_lines}, key_b, counts={"cases": len(a_lines.splitlines())}
    )
    with open_store(town, now=clock) as t:
        before = t.db.execute("SELECT committee_id, count(*) FROM cases GROUP BY 1").fetchall()
        report = import_packages(t, [write(tmp_path / "hijack.zip", hijack)])[0]
        assert len(report.refused) == 5 and not report.updated and not report.added
        # Each names the committee that owns the case, the number once.
        for text, line in zip(report.refused, a_lines.splitlines(), strict=True):
            number = json.loads(line)["case_no"]
            assert "星光村人民调解委员会" in text and text.count(number) == 1
        assert (
            t.db.execute("SELECT committee_id, count(*) FROM cases GROUP BY 1").fetchall() == before
        )


def _bad_values(prop: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values the schema refuses for this property."""
    kinds = prop.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    options: list[st.SearchStrategy[Any]] = [st.just({"nested": 1}), st.just([1, 2])]
    if prop.get("format") == "date":
        options.append(
            st.sampled_from(["2026-02-30", "2026-13-01", "2026-04-31", "20260101", "昨天"])
        )
    if prop.get("format") == "local-datetime":
        options.append(st.sampled_from(["2026-02-30T09:00:00", "2026-11-01 25:00", "x"]))
    if "enum" in prop:
        options.append(st.text(min_size=1, max_size=5).filter(lambda s: s not in prop["enum"]))
    if "maximum" in prop:
        options.append(st.integers(prop["maximum"] + 1, prop["maximum"] + 10**6))
    if "minimum" in prop:
        options.append(st.integers(prop["minimum"] - 10**6, prop["minimum"] - 1))
    if "maxLength" in prop and prop["maxLength"] <= 2000:
        options.append(st.just("长" * (prop["maxLength"] + 1)))
    if "integer" in kinds:
        options.append(st.sampled_from(["12", 1.5]))
    if "string" in kinds:
        options.append(st.integers(0, 10))
    return st.one_of(options)


def _fields() -> list[tuple[str, str, dict[str, Any]]]:
    schema = json.loads(resource("exchange", "case-line.schema.json").read_text(encoding="utf-8"))
    props = schema["properties"]
    out = [("case", k, v) for k, v in props["case"]["properties"].items()]
    out += [("parties", k, v) for k, v in props["parties"]["items"]["properties"].items()]
    for kind, group in props["records"]["properties"].items():
        out += [(f"records.{kind}", k, v) for k, v in group["items"]["properties"].items()]
    return out


FIELDS = _fields()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), which=st.sampled_from(FIELDS))
def test_any_invalid_field_refuses_the_package_naming_case_and_field(
    made,
    tmp_path: Path,
    clock: FixedClock,
    data: st.DataObject,
    which: tuple[str, str, dict],  # noqa: ANN001
) -> None:
    """Failure 3: one bad value anywhere (2026-02-30 as accepted_on, an unknown status, an
    amount out of range…), even in a package signed by the committee itself, refuses the
    package whole, naming the case and the field."""
    group, name, prop = which
    value = data.draw(_bad_values(prop))
    files = members(made["a"])
    lines = [json.loads(x) for x in files["cases.jsonl"].splitlines()]
    line = lines[0]
    if group == "case":
        target = line["case"]
    elif group == "parties":
        target = line["parties"][0]
    else:
        rows = line["records"][group.split(".")[1]]
        if not rows:
            rows.append(
                {"seq": 1, "created_at": "2026-10-01T09:00:00", "updated_at": "2026-10-01T09:00:00"}
            )
        target = rows[0]
    target[name] = value
    if name == "case_no" and group == "case":
        line["case_no"] = value
    data_bytes = b"\n".join(json.dumps(x, ensure_ascii=False).encode() for x in lines) + b"\n"
    key = committee_key(made["dir"] / "a.sqlite")
    bad = write(tmp_path / "bad.zip", reseal({**files, "cases.jsonl": data_bytes}, key))
    path = tmp_path / "town.sqlite"
    if not path.exists():
        fresh_town(tmp_path, clock)
    message = refused(path, clock, bad, "第 1 行")
    # The field by its Chinese name, never by its path of Latin names (case.accepted_on).
    title = prop["title"]
    assert title in message or "编号前后不一致" in message, message
    assert f"{group}.{name}" not in message and f"（{name}）" not in message, message
    # One hint per kind of value: a date is never told about ID numbers, nor the reverse.
    if prop.get("format") in ("date", "local-datetime"):
        assert "身份证" not in message
    if prop.get("format") == "id-number":
        assert "日期" not in message


def test_the_quoted_invalid_date_refused(made, tmp_path: Path, clock: FixedClock) -> None:  # noqa: ANN001
    files = members(made["a"])
    lines = [json.loads(x) for x in files["cases.jsonl"].splitlines()]
    lines[2]["case"]["accepted_on"] = "2026-02-30"
    data = b"\n".join(json.dumps(x, ensure_ascii=False).encode() for x in lines) + b"\n"
    bad = write(
        tmp_path / "d.zip",
        reseal({**files, "cases.jsonl": data}, committee_key(made["dir"] / "a.sqlite")),
    )
    town = fresh_town(tmp_path, clock)
    message = refused(town, clock, bad, "受理日期")
    assert lines[2]["case_no"] in message and "2026-02-30" in message
    result = CliRunner().invoke(cli, ["verify", str(bad)])
    assert result.exit_code == 1 and "受理日期" in result.output


def test_bomb_with_lying_headers_refused(made, tmp_path: Path, clock: FixedClock) -> None:  # noqa: ANN001
    """Failure 5: headers understate the size; real decompressed bytes are counted."""
    files = members(made["a"])
    huge = files["cases.jsonl"] + b" " * (30 * 1024 * 1024)
    sealed = reseal({**files, "cases.jsonl": huge}, committee_key(made["dir"] / "a.sqlite"))
    raw = write(tmp_path / "b0.zip", sealed).read_bytes()
    bomb = tmp_path / "bomb.zip"
    bomb.write_bytes(patch_sizes(raw, "cases.jsonl", 4096))
    town = fresh_town(tmp_path, clock)
    # Understated: reading stops at the declared size and the CRC disagrees; the stream,
    # inflated again within bounds, holds more than declared: malicious, not damaged.
    refused(town, clock, bomb, "恶意压缩包")
    # Overstated far beyond any real compression ratio.
    inflated = tmp_path / "inflated.zip"
    inflated.write_bytes(patch_sizes(raw, "cases.jsonl", 2**32 - 1))
    refused(town, clock, inflated, "恶意压缩包")


def _gbk_zip(files: dict[str, bytes], folder: str) -> bytes:
    """Zip as Chinese Windows does: names in GBK without the UTF-8 flag, in one folder."""
    import io

    buf = io.BytesIO()
    swaps = []
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, (name, data) in enumerate(files.items()):
            real = f"{folder}/{name}".encode("gbk")
            placeholder = f"~{i:03d}".encode().ljust(len(real), b"_")
            zf.writestr(placeholder.decode("ascii"), data)
            swaps.append((placeholder, real))
    out = buf.getvalue()
    for placeholder, real in swaps:
        out = out.replace(placeholder, real)
    return out


def test_gbk_names_in_a_folder_are_read(made, tmp_path: Path, clock: FixedClock) -> None:  # noqa: ANN001
    """Failure 7: a package re-zipped on Chinese Windows imports like the original."""
    files = members(made["a"])
    with_register = dict(files)
    rezipped = tmp_path / "rezipped.zip"
    rezipped.write_bytes(_gbk_zip(with_register, "星光村报送包"))
    with zipfile.ZipFile(rezipped) as zf:
        assert not any(i.flag_bits & 0x800 for i in zf.infolist())
    town = fresh_town(tmp_path, clock)
    with open_store(town, now=clock) as t:
        report = import_packages(t, [rezipped])[0]
        assert len(report.added) == 5


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    flips=st.lists(st.tuples(st.integers(0, 10**9), st.integers(1, 255)), min_size=1, max_size=4)
)
def test_byte_flips_never_give_a_traceback(
    made, tmp_path: Path, clock: FixedClock, flips: list[tuple[int, int]]
) -> None:  # noqa: ANN001
    """Failure 7: a corrupted package gives a Chinese sentence (or, if the flip hit nothing
    that matters, imports), never a traceback; a refusal leaves the file byte-identical."""
    raw = bytearray(made["a"].read_bytes())
    for pos, xor in flips:
        raw[pos % len(raw)] ^= xor
    bad = tmp_path / "flipped.zip"
    bad.write_bytes(bytes(raw))
    path = tmp_path / "town.sqlite"
    if not path.exists():
        fresh_town(tmp_path, clock)
    before = digest(path)
    with open_store(path, now=clock) as t:
        try:
            import_packages(t, [bad])
        except PackageError as exc:
            assert "不能使用" in exc.message or "不相容" in exc.message
            imported = False
        else:
            imported = True
    if not imported:
        assert digest(path) == before
    else:
        path.unlink()
    result = CliRunner().invoke(cli, ["verify", str(bad)])
    assert (
        "Traceback" not in result.output
        and result.exception is None
        or isinstance(result.exception, SystemExit)
    )


def test_case_numbers_in_two_committees_ask_which(made, tmp_path: Path, clock: FixedClock) -> None:  # noqa: ANN001
    """Failure 6: `case show` and `render` never pick another committee's case silently."""
    town = fresh_town(tmp_path, clock, made["a"], made["b"])
    with open_store(town, now=clock) as t:
        t.settings.add_mediator("钱镇")
        number = t.db.execute(
            "SELECT case_no FROM cases GROUP BY case_no HAVING count(*) > 1 LIMIT 1"
        ).fetchone()[0]
        t.cases.create(intake(mediator=1), [applicant(), respondent()])
    runner = CliRunner()
    show = runner.invoke(cli, ["--db", str(town), "case", "show", number])
    assert show.exit_code == 1 and "个调委会都有" in show.output and "--committee" in show.output
    out = tmp_path / "x.pdf"
    render = runner.invoke(cli, ["--db", str(town), "render", number, "申请书", "-o", str(out)])
    assert render.exit_code == 1 and "个调委会都有" in render.output and not out.exists()
    chosen = runner.invoke(
        cli, ["--db", str(town), "case", "show", number, "--committee", "泖口村人民调解委员会"]
    )
    assert chosen.exit_code == 0, chosen.output
    with open_store(town, now=clock) as t:
        b_id = t.db.execute(
            "SELECT committee_id FROM imports WHERE committee_name = '泖口村人民调解委员会'"
        ).fetchone()[0]
        b_case = t.db.execute(
            "SELECT id FROM cases WHERE case_no = ? AND committee_id = ?", [number, b_id]
        ).fetchone()[0]
        b_party = t.records.parties(b_case)[0].name
    assert b_party in chosen.output
