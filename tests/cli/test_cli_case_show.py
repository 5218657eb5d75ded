"""``wusong case show`` (“显示一件案件的全部内容”) shows everything recorded of a case, each
item under its Chinese label (closing note 4: 备注 was not shown). Kind: a field a case has
that the command left out — 备注, 涉及金额, 案件难度, 纠纷发生时间/地点, 涉及特殊人群, 风险等级,
平台案号, the later steps' 查明的事实, 争议事项, 结案说明 …, a party's 性别, 民族, 代理人 …, a
record's 地点, 调查人, 被回访人 …, an extension, an attachment. Checked against the workflow
file itself: every field of every step, party and record that holds a value is printed with
its label, through the real command."""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest
from builders import FixedClock, applicant, intake, respondent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli import main
from desktop.core.store import open_store
from desktop.core.store.codec import field_values

TEXT = st.text(alphabet="村东头宅基地漏水赔偿一二三，。", min_size=1, max_size=12)


def _show(db: Path, case_no: str, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(["--db", str(db), "case", "show", case_no]) == 0
    return capsys.readouterr().out


@given(
    remarks=TEXT,
    place=TEXT,
    difficulty=st.sampled_from(["简单", "一般", "疑难复杂"]),
    risk=st.sampled_from(["低", "中", "高"]),
    groups=st.lists(st.sampled_from(["妇女", "儿童", "老年人"]), min_size=1, unique=True),
    amount=st.integers(1, 10_000_000),
    agent=st.sampled_from(["王五", "赵六", "阿不都·买买提"]),
    ethnicity=st.sampled_from(["汉族", "回族", "维吾尔族"]),
)
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_every_intake_item_and_party_particular_is_shown(
    capsys: pytest.CaptureFixture[str],
    remarks: str,
    place: str,
    difficulty: str,
    risk: str,
    groups: list[str],
    amount: int,
    agent: str,
    ethnicity: str,
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "x.sqlite"
        with open_store(db, now=FixedClock(datetime(2026, 3, 2, 9))) as store:
            store.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
            store.settings.add_mediator("王调解")
            values = intake(
                remarks=remarks,
                occurred_place=place,
                occurred_on="2026-02-20",
                difficulty=difficulty,
                risk_level=risk,
                special_groups=groups,
                amount=f"{amount / 100:.2f}",
                platform_no="PT2026-0001",
            )
            case = store.cases.create(
                values,
                [applicant(agent_name=agent, ethnicity=ethnicity), respondent()],
            )
        out = _show(db, case.case_no, capsys)
    assert f"备注：{remarks.strip()}" in out
    assert f"纠纷发生地点：{place.strip()}" in out
    assert "纠纷发生时间：2026年2月20日" in out
    assert f"案件难度：{difficulty}" in out and f"风险等级：{risk}" in out
    assert f"涉及特殊人群：{'、'.join(groups)}" in out
    assert "涉及金额（元）：" in out and "平台案号：PT2026-0001" in out
    assert f"代理人：{agent}" in out and f"民族：{ethnicity}" in out


@pytest.mark.parametrize("seed", [3, 8])
def test_every_filled_field_of_a_whole_case_is_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], seed: int
) -> None:
    """Demo cases run through every step (records, terms, visits, receipts, extensions): for
    each, every step field, party item and record item holding a value is printed with its
    label."""
    db = tmp_path / "x.sqlite"
    assert main(["--db", str(db), "init", "--committee", "星光村人民调解委员会"]) == 0
    assert main(["--db", str(db), "demo", "--cases", "25", "--seed", str(seed)]) == 0
    scan = tmp_path / "收条.jpg"
    scan.write_bytes(b"\xff\xd8 a scan")
    with open_store(db) as store:
        # an extension and an attachment, which the demo does not make
        mediator = store.db.execute("SELECT min(id) FROM mediators").fetchone()[0]
        open_case = store.cases.create(
            intake(mediator=mediator, accepted_on=date.today().isoformat()),
            [applicant(), respondent()],
        ).id
        store.flow.extend(open_case, 10, "申请人外出务工，需等其返乡", consent=True)
        store.files.add_attachment(open_case, scan, "借条照片")
        ids = [r[0] for r in store.db.execute("SELECT id FROM cases ORDER BY id")]
        details = [store.cases.detail(i) for i in ids]
        shown_labels = []
        for d in details:
            spec = store.cases.spec_of(d.case)
            expected = [
                f.label
                for f in spec.all_fields().values()
                if f.must_be is None and field_values(spec, d.case).get(f.id) not in (None, "", ())
            ]
            for kind, records in d.records.items():
                fields = spec.record_kinds[kind].fields
                expected += [
                    f.label for r in records for f in fields if r.values.get(f.id) not in (None, "")
                ]
            party = spec.record_kinds["party"].fields
            expected += [
                f.label
                for p in d.parties
                for f in party
                if f.id
                not in ("role", "kind", "name", "id_number", "credit_code", "phone", "address")
                and getattr(p, f.id) not in (None, "")
            ]
            also = [x.reason for x in d.extensions] + [a.note for a in d.attachments]
            shown_labels.append((d.case.case_no, expected, also))
    assert any(also for _, _, also in shown_labels)
    for case_no, expected, also in shown_labels:
        out = _show(db, case_no, capsys)
        missing = [label for label in expected if f"{label}：" not in out]
        assert not missing, (case_no, missing)
        assert all(text in out for text in also)
