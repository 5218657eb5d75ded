"""Cases: create, read and edit (listing and search: :mod:`case_listing`, which this
repository takes in). Every write validates through the workflow spec, checks the engine's
edit rule, refreshes the search index and writes its audit entry, all in one transaction."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from desktop.core.categories import load_categories
from desktop.core.errors import AmbiguousCaseError, NotFoundError, ValidationError
from desktop.core.models import (
    Case,
    CaseDetail,
    Escalation,
    Extension,
    Termination,
)
from desktop.core.store import audit, sql
from desktop.core.store.case_listing import CaseListing
from desktop.core.store.codec import (
    RECORD_TABLES,
    case_from_row,
    column_encode,
    field_values,
    must_date,
)
from desktop.core.validation.names import as_read
from desktop.core.workflow.engine import CaseState, check_edit
from desktop.core.workflow.spec import WorkflowSpec
from desktop.core.workflow.values import check_all_happened, coerce, encode

if TYPE_CHECKING:
    from desktop.core.store.store import Store


def suggested_title(parties: Sequence[Mapping[str, Any]], category_name: str) -> str:
    """The usual 纠纷名称 from the parties and the category: "张建国与李秀英邻里纠纷";
    "张建国等与某公司劳务报酬纠纷" when a side has several parties."""

    def side(role: str) -> str:
        names = [str(p.get("name", "")).strip() for p in parties if p.get("role") == role]
        names = [n for n in names if n]
        return names[0] + ("等" if len(names) > 1 else "") if names else ""

    a, b = side("申请人"), side("被申请人")
    who = f"{a}与{b}" if a and b else (a or b)
    return f"{who}{category_name}" if who else ""


def _fill_defaults(clean: dict[str, Any], parties: Sequence[Mapping[str, Any]]) -> None:
    """A new case left without 纠纷名称 or 涉及人数 gets the usual ones: the title from the
    parties and category, the number of people from the parties registered."""
    if not clean.get("title") and clean.get("category"):
        title = suggested_title(parties, load_categories().by_code(clean["category"]).name)
        if title:
            clean["title"] = title
    if clean.get("people_count") is None and parties:
        clean["people_count"] = len(parties)


class CaseRepository(CaseListing):
    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db

    # ------------------------------------------------------------------ reading
    def get(self, case_id: int) -> Case:
        rows = list(self.db.query("SELECT * FROM cases WHERE id = ?", [case_id]))
        if not rows:
            raise NotFoundError(f"找不到编号为 {case_id} 的案件。")
        return case_from_row(rows[0])

    def find_by_no(self, case_no: str, *, committee: str | None = None) -> Case:
        """The case with this number. In an aggregate (township/county) database the same
        number may belong to several committees: ``committee`` (an id, a name, or '' for this
        file's own) says which; without it an ambiguous number raises AmbiguousCaseError,
        never picks one silently. Raises NotFoundError when no (such) case exists."""
        rows = list(self.db.query("SELECT * FROM cases WHERE case_no = ?", [case_no.strip()]))
        if committee is not None:
            wanted = self.committee_ids(committee)
            rows = [r for r in rows if r["committee_id"] in wanted]
        if not rows:
            where = f"（{committee}）" if committee else ""
            raise NotFoundError(
                f"找不到案号为“{case_no}”{where}的案件，请核对案号（可用 wusong search 查找）。"
            )
        if len(rows) > 1:
            names = self.committee_names()
            choices = tuple(
                (r["committee_id"], names.get(r["committee_id"], r["committee_id"])) for r in rows
            )
            raise AmbiguousCaseError(
                f"案号“{case_no}”在 {len(rows)} 个调委会都有："
                + "、".join(name for _, name in choices)
                + "。请指明是哪个调委会的案件（命令行加 --committee 调委会名称）。",
                choices,
            )
        return case_from_row(rows[0])

    def committee_names(self) -> dict[str, str]:
        """committee_id -> name of every committee whose cases this file holds ('' = own)."""
        rows = self.db.execute(
            "SELECT committee_id, committee_name, min(id) FROM imports GROUP BY committee_id"
            " ORDER BY 3"
        ).fetchall()
        latest = {
            str(r[0]): str(r[1])
            for r in self.db.execute("SELECT committee_id, committee_name FROM imports ORDER BY id")
        }
        own = self.store.settings.committee().name or "本调委会"
        # A committee that set up a new case file after a reinstall (accepted by the clerk,
        # exchange/trust.py) sends under its old name with a new id: each later namesake is
        # told apart by the order it first arrived in, so a user can still name which one.
        # Names are compared as a reader sees them: one with an invisible character is no
        # other name to the eye.
        names: dict[str, str] = {}
        seen: dict[str, int] = {as_read(own): 1}
        for cid, _name, _first in rows:
            name = latest[str(cid)]
            n = seen[as_read(name)] = seen.get(as_read(name), 0) + 1
            names[str(cid)] = name if n == 1 else f"{name}（第 {n} 个案件库）"
        names[""] = own
        return names

    def committee_ids(self, committee: str) -> set[str]:
        """The committee ids a user's words name: an id, a full name, or '' / 本会 for own."""
        text = committee.strip()
        if text in ("", "本会", "本调委会"):
            return {""}
        names = self.committee_names()
        own = self.store.settings.committee()
        found = {cid for cid, name in names.items() if text in (cid, name)}
        if text == own.committee_id:
            found.add("")
        return found

    def spec_of(self, case: Case) -> WorkflowSpec:
        return self.store.catalog.get(case.workflow_id, case.workflow_version)

    def spec_for(self, case_id: int) -> WorkflowSpec:
        """The workflow a case started on, without loading the whole case."""
        row = self.db.execute(
            "SELECT workflow_id, workflow_version FROM cases WHERE id = ?", [case_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"找不到编号为 {case_id} 的案件。")
        return self.store.catalog.get(row[0], row[1])

    def state(self, case: Case) -> CaseState:
        counts = {"party": self._count("parties", case.id)}
        for kind, table in RECORD_TABLES.items():
            counts[kind] = self._count(table, case.id)
        spec = self.spec_of(case)
        for also in {r.also for s in spec.steps for r in s.records if r.also is not None}:
            # A ticked yes/no field of a record (a 当场调解 session) counts for another list.
            counts[also.key] = self.db.execute(
                f"SELECT count(*) FROM {RECORD_TABLES[also.kind]} WHERE case_id = ?"
                f" AND {also.field} = 1",
                [case.id],
            ).fetchone()[0]
        return CaseState(
            status=case.status,
            step_now=case.step_now,
            completed_steps=case.completed_steps,
            level_now=case.level_now,
            values=field_values(spec, case),
            record_counts=counts,
        )

    def _count(self, table: str, case_id: int) -> int:
        return self.db.execute(
            f"SELECT count(*) FROM {table} WHERE case_id = ?", [case_id]
        ).fetchone()[0]

    def detail(self, case_id: int) -> CaseDetail:
        case = self.get(case_id)
        records = self.store.records
        q = self.db.query
        escalations = tuple(
            Escalation(
                r["id"],
                r["case_id"],
                r["from_level"],
                r["to_level"],
                r["reason"],
                must_date(r["escalated_on"]),
                r["actor"],
            )
            for r in q("SELECT * FROM escalations WHERE case_id = ? ORDER BY id", [case_id])
        )
        terminations = tuple(
            Termination(
                r["id"],
                r["case_id"],
                r["outcome"],
                r["reason"],
                tuple(json.loads(r["routes"])),
                must_date(r["terminated_on"]),
                r["actor"],
            )
            for r in q("SELECT * FROM terminations WHERE case_id = ?", [case_id])
        )
        extensions = tuple(
            Extension(
                r["id"],
                r["case_id"],
                r["days"],
                r["reason"],
                must_date(r["granted_on"]),
                r["actor"],
            )
            for r in q("SELECT * FROM extensions WHERE case_id = ? ORDER BY id", [case_id])
        )
        mediator = self.store.settings.mediator(case.mediator_id) if case.mediator_id else None
        return CaseDetail(
            case=case,
            parties=records.parties(case_id),
            records={kind: records.list(case_id, kind) for kind in RECORD_TABLES},
            escalations=escalations,
            terminations=terminations,
            extensions=extensions,
            attachments=self.store.files.attachments(case_id),
            documents=self.store.files.documents(case_id),
            mediator=mediator,
        )

    # ------------------------------------------------------------------ writing
    def create(
        self,
        values: Mapping[str, Any],
        parties: Sequence[Mapping[str, Any]] | None = None,
        *,
        level: int | None = None,
        actor: str | None = None,
    ) -> Case:
        """Register a new case at step 1 with a fresh case number. ``values`` are step-1 field
        values by field id (dates may be text); ``accepted_on`` and ``category`` are needed
        to number and file it; the rest may be filled in later."""
        spec = self.store.catalog.latest()
        step = spec.steps[0]
        clean = self._clean(spec, step.id, values)
        for needed in ("accepted_on", "category"):
            if clean.get(needed) is None:
                label = step.field(needed).label
                raise ValidationError(f"请先填写“{label}”，才能登记新案件。", field=needed)
        _fill_defaults(clean, parties or [])
        settings = self.store.settings.committee()
        start_level = level or settings.level
        if not 1 <= start_level <= settings.level:
            # A committee registers at its own level or below (a grid worker's case in a
            # village database), never above it: that is the higher level's own register.
            spec = self.store.catalog.latest()
            allowed = "、".join(spec.level_label(n) for n in range(1, settings.level + 1))
            raise ValidationError(
                f"本调委会在{spec.level_label(settings.level)}，新案件只能在{allowed}受理。",
                field="level",
            )
        now = self.store.timestamp()
        accepted = clean["accepted_on"]
        with self.store.bulk():
            seq = self.db.execute(
                # Numbers run per year among this file's own cases (imported ones keep theirs).
                "SELECT coalesce(max(seq), 0) + 1 FROM cases WHERE year = ? AND committee_id = ''",
                [accepted.year],
            ).fetchone()[0]
            case_no = settings.case_no_format.format(
                year=accepted.year, abbr=settings.abbr or "人", seq=seq
            )
            row: dict[str, Any] = {
                "uuid": str(uuid.uuid4()),
                "case_no": case_no,
                "year": accepted.year,
                "seq": seq,
                "workflow_id": spec.id,
                "workflow_version": spec.version,
                "category_code": "",
                "step_now": step.id,
                "level_now": start_level,
                "level_start": start_level,
                "created_at": now,
                "updated_at": now,
            }
            row.update(self._columns(spec, clean))
            row["step_values"] = json.dumps(self._step_values(spec, {}, clean), ensure_ascii=False)
            case_id = sql.insert(self.db, "cases", row)
            actor = actor or self.store.actor
            audit.write(
                self.db,
                at=now,
                actor=actor,
                case_id=case_id,
                entity="case",
                entity_id=case_id,
                action="create",
                detail={"case_no": case_no, **{k: encode(v) for k, v in clean.items()}},
            )
            self.store.reindex(case_id)
            for party in parties or ():
                self.store.records.add_party(case_id, party, actor=actor)
        return self.get(case_id)

    def update(self, case_id: int, values: Mapping[str, Any], *, actor: str | None = None) -> Case:
        """Change step field values of an open case (any step's fields, so earlier answers can
        be corrected); audit records old and new values."""
        case = self.get(case_id)
        spec = self.spec_of(case)
        check_edit(self.state(case), "case")
        clean = self._clean(spec, None, values)
        old = field_values(spec, case)
        changed = {k: v for k, v in clean.items() if old.get(k) != v}
        if not changed:
            return case
        merged = {**old, **changed}
        if merged.get("agreement_form") == "口头协议" and merged.get("judicial_confirmation") in (
            "已申请",
            "已确认",
        ):
            # 人民调解法 第33条: 司法确认 is of a written agreement (调解协议书); an oral one
            # has none.
            raise ValidationError(
                "口头协议不能申请司法确认：需要司法确认的，请先制作书面调解协议书。",
                field="judicial_confirmation",
            )
        with self.db.atomic():
            row = self._columns(spec, changed)
            row["step_values"] = json.dumps(
                self._step_values(spec, case.step_values, changed), ensure_ascii=False
            )
            row["updated_at"] = self.store.timestamp()
            sql.update(self.db, "cases", case_id, row)
            audit.write(
                self.db,
                at=row["updated_at"],
                actor=actor or self.store.actor,
                case_id=case_id,
                entity="case",
                entity_id=case_id,
                action="update",
                detail={k: [encode(old.get(k)), encode(v)] for k, v in changed.items()},
            )
            self.store.reindex(case_id)
        return self.get(case_id)

    def _clean(
        self, spec: WorkflowSpec, step_id: str | None, values: Mapping[str, Any]
    ) -> dict[str, Any]:
        fields = spec.step(step_id).fields if step_id else tuple(spec.all_fields().values())
        by_id = {f.id: f for f in fields}
        unknown = [k for k in values if k not in by_id]
        if unknown:
            raise ValidationError(f"不认识的字段：{'、'.join(unknown)}。", field=unknown[0])
        clean = {k: coerce(by_id[k], v) for k, v in values.items()}
        # 受理日期 2099 or 1900 (a slip of the keyboard) is refused here, for the window, the
        # command line and every other caller alike.
        check_all_happened(fields, clean, self.store.today())
        if clean.get("mediator") is not None:
            self.store.settings.mediator(clean["mediator"])  # refuses unknown ids
        return clean

    @staticmethod
    def _columns(spec: WorkflowSpec, clean: Mapping[str, Any]) -> dict[str, Any]:
        fields = spec.all_fields()
        return {
            column: column_encode(fields[k], v)
            for k, v in clean.items()
            if (column := fields[k].column)
        }

    @staticmethod
    def _step_values(
        spec: WorkflowSpec, current: Mapping[str, Any], clean: Mapping[str, Any]
    ) -> dict[str, Any]:
        merged = dict(current)
        fields = spec.all_fields()
        for k, v in clean.items():
            if not fields[k].column:
                merged[k] = encode(v)
        return merged
