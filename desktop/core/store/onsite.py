"""当场调解: a small dispute settled where it arose, the parties agreeing orally (人民调解法
第28条: 当事人认为无需制作调解协议书的，可以采取口头协议方式，人民调解员应当记录协议内容).

One form (wubu.toml ``[onsite]``) is written as one 调解记录 marked 当场调解 that holds the facts
found — it stands as the investigation record too (the investigate step's ``also``) — plus the
step fields and the oral agreement's term its answers are sent to; then every step listed in
``completes`` that is still open is completed through the engine, each checked as if its 完成
button were clicked. All of it in one transaction: a refusal anywhere leaves the case as it was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop.core.errors import CaseClosedError, StepOrderError, ValidationError
from desktop.core.models import Case, Party
from desktop.core.store.party_names import check_party_names
from desktop.core.store.signin import signed_in_person
from desktop.core.validation.dates import check_date_order, format_cn_date
from desktop.core.workflow.spec import FieldSpec, OnsiteSpec, WorkflowSpec
from desktop.core.workflow.values import check_all_happened, coerce

if TYPE_CHECKING:
    from desktop.core.store.store import Store

#: The record kind a 当场调解 is written as, and its marker field (wubu.toml [records.session]).
SESSION, MARKER = "session", "onsite"


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == () or value == []


def clean_onsite(
    onsite: OnsiteSpec, values: Mapping[str, Any], accepted_on: date, today: date
) -> dict[str, Any]:
    """The canonical answers of the 当场调解 form by field id; a field that does not apply
    (履行期限 of something done on the spot) is None. Raises ValidationError naming the field:
    an unknown item, a required answer missing, a date before acceptance, a deadline before
    the day of the mediation, or a mediation day after ``today`` (the record is of what was
    settled on the spot, so it has happened)."""
    by_id = {f.id: f for f in onsite.fields}
    unknown = [k for k in values if k not in by_id]
    if unknown:
        raise ValidationError(
            f"{onsite.name}中没有“{'、'.join(unknown)}”这一项。", field=unknown[0]
        )
    clean = {f.id: coerce(f, values.get(f.id)) for f in onsite.fields}
    for f in onsite.fields:
        if not f.applies(clean):
            clean[f.id] = None
        elif f.is_required(clean) and _empty(clean[f.id]):
            verb = "选择" if f.kind in ("choice", "multichoice") else "填写"
            raise ValidationError(f"请{verb}“{f.label}”。", field=f.id)
    held = clean.get("held_on")
    if isinstance(held, date) and held > today:
        raise ValidationError(
            f"{by_id['held_on'].label}（{format_cn_date(held)}）晚于今天（{format_cn_date(today)}），"
            f"{onsite.name}只记已经调解成的纠纷，请核对日期。",
            field="held_on",
        )
    check_all_happened(onsite.fields, clean, today)
    for f in onsite.fields:
        if f.kind == "date" and isinstance(clean[f.id], date):
            check_date_order(accepted_on, clean[f.id], "受理日期", f.label, field=f.id)
            if f.id != "held_on" and isinstance(held, date):
                check_date_order(held, clean[f.id], by_id["held_on"].label, f.label, field=f.id)
    return clean


def absent_side(onsite: OnsiteSpec, parties: Sequence[Party], clean: Mapping[str, Any]) -> None:
    """Refuse, at 到场当事人, an agreement reached on the spot while a whole side was away: for
    each role of ``present_roles`` (申请人, 被申请人) some party of it must be named in the
    answer (by name; an organisation also by its 法定代表人). Raises ValidationError."""
    present = "".join(str(clean.get("participants") or "").split())
    for role in onsite.present_roles:
        side = [p for p in parties if p.role == role]
        names = [n for p in side for n in (p.name, p.legal_rep) if n.strip()]
        if side and not any("".join(n.split()) in present for n in names):
            who = "、".join(p.name for p in side)
            raise ValidationError(
                f"“到场当事人”里没有{role}{who}：{onsite.name}须双方都在场，"
                f"代理人到场的请写成“王某（{side[0].name}的代理人）”。",
                field="participants",
            )


def route(onsite: OnsiteSpec, clean: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Where each answer goes: {"session": {...}, "step": {...}, "term": {...}}, in the order
    of the form so a later answer overrides an earlier one (履行期限 over 调解日期); an empty
    optional answer is recorded as its ``empty`` text (证据材料 → 无); an amount goes as yuan
    text ("123.45")."""
    out: dict[str, dict[str, Any]] = {
        "session": {MARKER: True},
        "step": {"agreement_form": onsite.agreement_form},
        "term": {},
    }
    for f in onsite.fields:
        value = clean.get(f.id)
        if _empty(value) and f.empty and f.applies(clean):
            value = f.empty
        if _empty(value):
            continue
        if f.kind == "money" and isinstance(value, int):
            # Money is stored in fen but handed to a record as yuan text (never a bare int,
            # which could be either): 12345 fen -> "123.45".
            value = f"{value // 100}.{value % 100:02d}"
        for target in f.to:
            where, _, fid = target.partition(".")
            out[where][fid] = value
    return out


def _source_field(onsite: OnsiteSpec, where: str, fid: str) -> FieldSpec | None:
    """The form field whose answer went to ``where.fid`` (the last one, as in :func:`route`)."""
    found = None
    for f in onsite.fields:
        if f"{where}.{fid}" in f.to:
            found = f
    return found


class OnsiteMediation:
    def __init__(self, store: Store) -> None:
        self.store = store

    def _spec(self, case: Case) -> tuple[WorkflowSpec, OnsiteSpec]:
        spec = self.store.cases.spec_of(case)
        if spec.onsite is None:
            raise ValidationError("本案所用的流程没有“当场调解”，请按步骤分别记录。")
        return spec, spec.onsite

    def offered(self, case_id: int) -> OnsiteSpec | None:
        """The 当场调解 form when this case may take it now: open, at a step of
        ``offered_at``, and no 调解记录 yet (once mediated, the steps go on as usual)."""
        case = self.store.cases.get(case_id)
        spec = self.store.cases.spec_of(case)
        if spec.onsite is None or case.is_closed or case.step_now not in spec.onsite.offered_at:
            return None
        if self.store.cases.state(case).record_counts.get(SESSION, 0):
            return None
        return spec.onsite

    def prefill(self, case_id: int) -> dict[str, Any]:
        """What a new 当场调解 form starts with: today, the signed-in mediator, the parties'
        names (到场当事人, 、-separated), by field id."""
        case = self.store.cases.get(case_id)
        _spec, onsite = self._spec(case)
        parties = "、".join(p.name for p in self.store.records.parties(case_id))
        sources = {
            "today": self.store.today(),
            "signed_in": signed_in_person(self.store),
            "parties": parties,
        }
        return {f.id: sources[f.prefill] for f in onsite.fields if f.prefill and sources[f.prefill]}

    def settle(self, case_id: int, values: Mapping[str, Any], *, actor: str | None = None) -> Case:
        """Record a dispute settled on the spot and move the case on: one 调解记录 marked
        当场调解 (standing as the investigation record), the step fields, the oral agreement
        (协议形式 口头协议, its date and its one term; a term done on the spot, per
        ``performed_when``, gets a 履行凭证 saying so and is not reminded), then the steps of
        ``completes`` still open are completed in order through the engine. Returns the case
        (at 回访归档 with the shipped workflow, status 调解成功).

        Raises ValidationError (field = the form's field id), CaseClosedError, StepOrderError
        (the case is past the steps it is offered at, or already has a 调解记录) or
        MissingItemsError (e.g. step 1's questions unanswered); nothing is written then."""
        case = self.store.cases.get(case_id)
        spec, onsite = self._spec(case)
        if case.is_closed:
            raise CaseClosedError(f"本案已经办结（{case.status}），不能再记录{onsite.name}。")
        if case.step_now not in onsite.offered_at:
            raise StepOrderError(
                f"本案已在第{spec.step(case.step_now).number}步“{spec.step(case.step_now).name}”，"
                f"{onsite.name}只能在调解之前使用；请在本步照常记录。"
            )
        if self.offered(case_id) is None:
            raise StepOrderError(
                f"本案已经有调解记录，不能再用{onsite.name}；请在“调解疏导”一步照常记录。"
            )
        clean = clean_onsite(onsite, values, case.accepted_on, self.store.today())
        parties = self.store.records.parties(case_id)
        absent_side(onsite, parties, clean)
        check_party_names(onsite.fields, clean, parties)  # 履行人 is a party of the case
        parts = route(onsite, clean)
        who = actor or self.store.actor
        try:
            with self.store.db.atomic():
                self.store.records.add(case_id, SESSION, parts["session"], actor=who)
                self.store.cases.update(case_id, parts["step"], actor=who)
                if parts["term"]:
                    term = self.store.records.add(case_id, "term", parts["term"], actor=who)
                    if onsite.performed_when is not None and onsite.performed_when.holds(clean):
                        # Done there and then before the mediator: performed, not reminded.
                        self.store.records.add(
                            case_id,
                            "receipt",
                            {
                                "received_on": parts["session"].get("held_on"),
                                "description": onsite.performed_note,
                                "term_seq": term.seq,
                                "amount": parts["term"].get("amount"),  # yuan text
                            },
                            actor=who,
                        )
                while (now := self.store.cases.get(case_id)).step_now in onsite.completes:
                    self.store.flow.complete_step(case_id, now.step_now, actor=who)
        except ValidationError as exc:
            # A refusal of the record, step or term names its own field: point at the form's.
            for where in ("session", "step", "term"):
                source = _source_field(onsite, where, exc.field or "")
                if source is not None and exc.field in parts[where]:
                    raise ValidationError(exc.message, field=source.id) from exc
            raise
        return self.store.cases.get(case_id)
