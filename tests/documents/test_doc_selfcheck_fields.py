"""The 卷宗评查 self-check on missing fields and on characters anywhere in the printed forms
(records too, not only the case's own fields)."""

from __future__ import annotations

from builders import intake, run_to_agreement
from doc_cases import big_case

from desktop.core import documents as docs
from desktop.core.store import Store


def found(store: Store, case_id: int) -> list[str]:
    return [f"{f.severity}:{f.message}" for f in docs.self_check(store, case_id)]


def test_unprintable_character_in_an_investigation_record(store: Store) -> None:
    case_id = run_to_agreement(store)
    inv = store.records.list(case_id, "investigation")[0]
    store.records.update("investigation", inv.id, {"content": "被调查人\U00031350某说明了情况。"})
    assert any(m.startswith("错误") and "\U00031350" in m for m in found(store, case_id))


def test_case_without_mediator_is_an_error(store: Store) -> None:
    case = store.cases.create(
        intake(mediator=None),
        [
            {"role": "申请人", "kind": "自然人", "name": "甲某"},
            {"role": "被申请人", "kind": "自然人", "name": "乙某"},
        ],
    )
    assert any(m.startswith("错误") and "没有承办调解员" in m for m in found(store, case.id))
    assert not any("没有承办调解员" in m for m in found(store, run_to_agreement(store)))


def test_organisation_without_legal_representative(store: Store) -> None:
    case_id = big_case(store)
    org = next(p for p in store.records.parties(case_id) if p.is_organisation)
    assert not any("法定代表人" in m for m in found(store, case_id))
    store.records.update_party(org.id, {"legal_rep": ""})
    assert f"错误:单位当事人“{org.name}”没有填写法定代表人，协议书上没有人代表单位签名。" in found(
        store, case_id
    )
