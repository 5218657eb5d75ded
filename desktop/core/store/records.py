"""Parties and step records (investigations, sessions, agreement terms, return visits,
receipts). Fields come from the workflow file's ``[records.*]`` lists; the engine decides
whether the case may still change."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop.core.errors import NotFoundError, ValidationError
from desktop.core.models import Party, Record
from desktop.core.performance import needs_deadline
from desktop.core.store import audit, sql
from desktop.core.store.codec import (
    RECORD_TABLES,
    column_of,
    party_from_row,
    record_from_row,
    row_encode,
)
from desktop.core.store.party_names import check_party_names
from desktop.core.validation.dates import check_date_order
from desktop.core.validation.idcard import CHECKED_ID_TYPES, check_id_number
from desktop.core.validation.names import tidy_name
from desktop.core.workflow.engine import check_edit
from desktop.core.workflow.spec import FieldSpec, RecordKindSpec
from desktop.core.workflow.values import check_all_happened, coerce, encode

if TYPE_CHECKING:
    from desktop.core.store.store import Store


def validate_record(
    kind: RecordKindSpec, values: Mapping[str, Any], partial: bool = False
) -> dict[str, Any]:
    """Canonical values of one record, refusing unknown items and (unless ``partial``) any
    required item left empty; the error names the field."""
    by_id = {f.id: f for f in kind.fields}
    unknown = [k for k in values if k not in by_id]
    if unknown:
        raise ValidationError(f"{kind.name}中没有“{'、'.join(unknown)}”这一项。", field=unknown[0])
    clean = {k: coerce(by_id[k], v) for k, v in values.items()}
    if not partial:
        # An unanswered yes/no item of a new record is 否 (a session is not 当场调解 unless
        # ticked), so the items that follow it apply as they would on the form.
        clean.update({f.id: False for f in kind.fields if f.kind == "bool" and not clean.get(f.id)})
    fields: tuple[FieldSpec, ...] = tuple(by_id[k] for k in clean) if partial else kind.fields
    for f in fields:
        # An item that does not apply (``when``) is not asked for: 各方陈述 of a 当场调解.
        if f.applies(clean) and f.is_required(clean) and clean.get(f.id) in (None, ""):
            raise ValidationError(f"请填写{kind.name}的“{f.label}”。", field=f.id)
    return clean


def age_on(birth: date, day: date) -> int:
    """Whole years from ``birth`` to ``day`` (周岁)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _check_age(clean: Mapping[str, Any], on: date, today: date) -> None:
    """The age typed must be the age the birth date gives, at the case's acceptance date or
    today (or any day between): 76 for someone born in 1959 is refused in words."""
    age, birth = clean.get("age"), clean.get("birth_date")
    if age is None or birth is None:
        return
    low, high = sorted((age_on(birth, on), age_on(birth, today)))
    if not low <= age <= high:
        shown = f"{low}" if low == high else f"{low}至{high}"
        source = "身份证号" if clean.get("id_number") else "出生日期"
        raise ValidationError(
            f"年龄填的是 {age} 岁，但按{source}（{birth.year}年{birth.month}月{birth.day}日出生）"
            f"应为 {shown} 岁，请核对。",
            field="age",
        )


def _check_term(kind: str, values: Mapping[str, Any]) -> None:
    """A term needs a deadline unless it is a continuing duty (performance.needs_deadline)."""
    if kind == "term" and needs_deadline(values.get("kind")) and not values.get("deadline"):
        raise ValidationError(
            "请填写协议条款的“履行期限”（只有持续义务，如“不得设置障碍”，可以不填）。",
            field="deadline",
        )


def clean_party(
    kind: RecordKindSpec,
    values: Mapping[str, Any],
    partial: bool = False,
    *,
    on: date | None = None,
    today: date | None = None,
) -> dict[str, Any]:
    """A party's canonical values. Forms call this before saving, to show a refusal at the
    right party's field. ``on`` is the case's acceptance date and ``today`` the store's day
    (both default to the computer's date): an age must agree with the birth date between
    them. Raises ValidationError naming the field."""
    values = dict(values)
    chosen = str(values.get("id_type") or "").strip()
    typed_number = None
    if chosen and chosen not in CHECKED_ID_TYPES and values.get("id_number"):
        # A passport or other document: its number has no national check; kept as typed.
        typed_number = " ".join(str(values.pop("id_number")).split()).upper()
    clean = validate_record(kind, values, partial)
    for key in ("name", "legal_rep", "agent_name"):
        if clean.get(key):
            clean[key] = tidy_name(clean[key])
    if typed_number is not None:
        clean["id_number"] = typed_number
    number, birth = clean.get("id_number"), clean.get("birth_date")
    if number and typed_number is None:
        # The ID number carries birth date and sex: fill them in, or catch a mismatch.
        info = check_id_number(number, birth, field="id_number", id_type=chosen or None)
        clean["id_type"] = info.id_type
        if not birth:
            clean["birth_date"] = info.birth_date
        if not clean.get("gender"):
            clean["gender"] = info.gender
        elif clean["gender"] != info.gender:
            raise ValidationError(
                f"身份证号显示性别为“{info.gender}”，与所填“{clean['gender']}”不一致，请核对。",
                field="gender",
            )
    if clean.get("kind") == "单位" and clean.get("id_number"):
        raise ValidationError("单位当事人请填写统一社会信用代码，不填身份证号。", field="id_number")
    day = today or date.today()
    check_all_happened(kind.fields, clean, day)  # 出生日期 after today
    _check_age(clean, on or day, day)
    return clean


#: Record kinds whose text feeds the search index.
_SEARCHED_KINDS = frozenset({"party", "term"})


class RecordRepository:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db

    def _kind(self, case_id: int, kind: str) -> RecordKindSpec:
        spec = self.store.cases.spec_for(case_id)
        if kind not in spec.record_kinds:
            raise ValidationError(f"未知的记录种类：{kind}。")
        return spec.record_kinds[kind]

    _validate = staticmethod(validate_record)

    # ------------------------------------------------------------------ parties
    def parties(self, case_id: int) -> tuple[Party, ...]:
        return tuple(
            party_from_row(r)
            for r in self.db.query(
                "SELECT * FROM parties WHERE case_id = ? ORDER BY seq", [case_id]
            )
        )

    def party(self, party_id: int) -> Party:
        rows = list(self.db.query("SELECT * FROM parties WHERE id = ?", [party_id]))
        if not rows:
            raise NotFoundError("找不到这位当事人，可能已被删除。")
        return party_from_row(rows[0])

    def _clean_party(
        self, case_id: int, values: Mapping[str, Any], partial: bool
    ) -> dict[str, Any]:
        accepted = self.store.cases.get(case_id).accepted_on
        today = self.store.today()
        return clean_party(self._kind(case_id, "party"), values, partial, on=accepted, today=today)

    def add_party(
        self, case_id: int, values: Mapping[str, Any], *, actor: str | None = None
    ) -> Party:
        case = self.store.cases.get(case_id)
        check_edit(self.store.cases.state(case), "party")
        clean = self._clean_party(case_id, values, partial=False)
        kind = self._kind(case_id, "party")
        now = self.store.timestamp()
        with self.db.atomic():
            seq = self._next_seq("parties", case_id)
            row = {f.id: row_encode(f, clean.get(f.id)) for f in kind.fields}
            row.update(case_id=case_id, seq=seq, created_at=now, updated_at=now)
            party_id = sql.insert(self.db, "parties", row)
            self._log(
                case_id,
                "party",
                party_id,
                "create",
                {k: encode(v) for k, v in clean.items()},
                actor,
                now,
            )
            self.store.reindex(case_id)
        return self.party(party_id)

    def update_party(
        self, party_id: int, values: Mapping[str, Any], *, actor: str | None = None
    ) -> Party:
        old = self.party(party_id)
        check_edit(self.store.cases.state(self.store.cases.get(old.case_id)), "party")
        if (
            "id_number" in values
            and "id_type" not in values
            and old.id_type
            not in (
                "",
                *CHECKED_ID_TYPES,
            )
        ):
            # A new number alone keeps the document chosen before (a passport stays one).
            values = {**values, "id_type": old.id_type}
        clean = self._clean_party(old.case_id, values, partial=True)
        kind = self._kind(old.case_id, "party")
        return self._update(
            "parties",
            kind,
            old.case_id,
            party_id,
            clean,
            {f.id: getattr(old, f.id) for f in kind.fields},
            actor,
            self.party,
        )

    def remove_party(self, party_id: int, *, actor: str | None = None) -> None:
        old = self.party(party_id)
        check_edit(self.store.cases.state(self.store.cases.get(old.case_id)), "party")
        self._delete("parties", old.case_id, party_id, "party", {"name": old.name}, actor)

    # ------------------------------------------------------------------ step records
    def list(self, case_id: int, kind: str) -> tuple[Record, ...]:
        spec = self._kind(case_id, kind)
        table = RECORD_TABLES[kind]
        return tuple(
            record_from_row(kind, spec.fields, r)
            for r in self.db.query(
                f"SELECT * FROM {table} WHERE case_id = ? ORDER BY seq", [case_id]
            )
        )

    def get(self, kind: str, record_id: int) -> Record:
        table = RECORD_TABLES[kind]
        rows = list(self.db.query(f"SELECT * FROM {table} WHERE id = ?", [record_id]))
        if not rows:
            raise NotFoundError("找不到这条记录，可能已被删除。")
        spec = self._kind(rows[0]["case_id"], kind)
        return record_from_row(kind, spec.fields, rows[0])

    def add(
        self, case_id: int, kind: str, values: Mapping[str, Any], *, actor: str | None = None
    ) -> Record:
        case = self.store.cases.get(case_id)
        check_edit(self.store.cases.state(case), kind)
        spec = self._kind(case_id, kind)
        clean = self._validate(spec, values, partial=False)
        self._check_dates(case.accepted_on, spec, clean)
        _check_term(kind, clean)
        check_party_names(spec.fields, clean, self.parties(case_id))
        table = RECORD_TABLES[kind]
        now = self.store.timestamp()
        with self.db.atomic():
            row = {column_of(f): row_encode(f, clean.get(f.id)) for f in spec.fields}
            row.update(
                case_id=case_id, seq=self._next_seq(table, case_id), created_at=now, updated_at=now
            )
            record_id = sql.insert(self.db, table, row)
            self._log(
                case_id,
                kind,
                record_id,
                "create",
                {k: encode(v) for k, v in clean.items()},
                actor,
                now,
            )
            if kind in _SEARCHED_KINDS:
                self.store.reindex(case_id)
        return self.get(kind, record_id)

    def update(
        self, kind: str, record_id: int, values: Mapping[str, Any], *, actor: str | None = None
    ) -> Record:
        old = self.get(kind, record_id)
        case = self.store.cases.get(old.case_id)
        check_edit(self.store.cases.state(case), kind if case.is_closed else "record")
        spec = self._kind(old.case_id, kind)
        clean = self._validate(spec, values, partial=True)
        self._check_dates(case.accepted_on, spec, clean)
        _check_term(kind, {**old.values, **clean})
        check_party_names(spec.fields, clean, self.parties(old.case_id))
        return self._update(
            RECORD_TABLES[kind],
            spec,
            old.case_id,
            record_id,
            clean,
            old.values,
            actor,
            lambda rid: self.get(kind, rid),
        )

    def delete(self, kind: str, record_id: int, *, actor: str | None = None) -> None:
        old = self.get(kind, record_id)
        check_edit(self.store.cases.state(self.store.cases.get(old.case_id)), "record")
        self._delete(
            RECORD_TABLES[kind],
            old.case_id,
            record_id,
            kind,
            {k: encode(v) for k, v in old.values.items()},
            actor,
        )

    # ------------------------------------------------------------------ shared
    def _check_dates(
        self, accepted_on: date, spec: RecordKindSpec, clean: Mapping[str, Any]
    ) -> None:
        """Each date on or after the case's acceptance (a birth date aside), and none outside
        the days its field may have (回访日期 after today, 1900…)."""
        check_all_happened(spec.fields, clean, self.store.today())
        for f in spec.fields:
            if f.kind == "date" and isinstance(clean.get(f.id), date) and f.id != "birth_date":
                check_date_order(accepted_on, clean[f.id], "受理日期", f.label, field=f.id)

    def _next_seq(self, table: str, case_id: int) -> int:
        return self.db.execute(
            f"SELECT coalesce(max(seq), 0) + 1 FROM {table} WHERE case_id = ?", [case_id]
        ).fetchone()[0]

    def _log(
        self,
        case_id: int,
        entity: str,
        entity_id: int,
        action: str,
        detail: dict[str, Any],
        actor: str | None,
        now: str,
    ) -> None:
        audit.write(
            self.db,
            at=now,
            actor=actor or self.store.actor,
            case_id=case_id,
            entity=entity,
            entity_id=entity_id,
            action=action,
            detail=detail,
        )

    def _touch(self, case_id: int, now: str) -> None:
        self.db.execute("UPDATE cases SET updated_at = ? WHERE id = ?", [now, case_id])

    def _update(
        self,
        table: str,
        spec: RecordKindSpec,
        case_id: int,
        record_id: int,
        clean: dict[str, Any],
        old: Mapping[str, Any],
        actor: str | None,
        reload: Any,
    ) -> Any:
        changed = {k: v for k, v in clean.items() if old.get(k) != v}
        if not changed:
            return reload(record_id)
        by_id = {f.id: f for f in spec.fields}
        now = self.store.timestamp()
        with self.db.atomic():
            row = {column_of(by_id[k]): row_encode(by_id[k], v) for k, v in changed.items()}
            row["updated_at"] = now
            sql.update(self.db, table, record_id, row)
            self._touch(case_id, now)
            self._log(
                case_id,
                spec.id,
                record_id,
                "update",
                {k: [encode(old.get(k)), encode(v)] for k, v in changed.items()},
                actor,
                now,
            )
            if spec.id in _SEARCHED_KINDS:
                self.store.reindex(case_id)
        return reload(record_id)

    def _delete(
        self,
        table: str,
        case_id: int,
        record_id: int,
        entity: str,
        detail: dict[str, Any],
        actor: str | None,
    ) -> None:
        now = self.store.timestamp()
        with self.db.atomic():
            self.db.execute(f"DELETE FROM {table} WHERE id = ?", [record_id])
            self._touch(case_id, now)
            self._log(case_id, entity, record_id, "delete", detail, actor, now)
            if entity in _SEARCHED_KINDS:
                self.store.reindex(case_id)
