"""Writing an Excel 台账 import (see register_import): the planned rows become closed historical
cases of this file, in one transaction with the search index, an audit entry per case and a
``register_imports`` record. Old registers carry an outcome, not the five steps, so the cases
are written as archived (every step done): they count in reports and the 台账 and never show
a deadline in 今日."""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING

from desktop.core.models import DONE
from desktop.core.store import audit, sql

if TYPE_CHECKING:
    from desktop.core.reports.register_import import ImportPlan
    from desktop.core.store.store import Store


def write_planned(store: Store, plan: ImportPlan, *, actor: str | None = None) -> list[int]:
    from desktop.core.reports.register_import import mapping_json

    settings = store.settings.committee()
    spec = store.catalog.latest()
    steps = json.dumps([s.id for s in spec.steps])
    mediators = {name: mid for mid, name in store.db.execute("SELECT id, name FROM mediators")}
    who = actor or store.actor
    now = store.timestamp()
    ids: list[int] = []
    with store.bulk():
        used_nos = {
            r[0] for r in store.db.execute("SELECT case_no FROM cases WHERE committee_id = ''")
        }
        next_seq: dict[int, int] = {}
        for item in plan.add:
            v = dict(item.values)
            year = int(v["accepted_on"][:4])
            if year not in next_seq:
                next_seq[year] = store.db.execute(
                    "SELECT coalesce(max(seq), 0) + 1 FROM cases"
                    " WHERE year = ? AND committee_id = ''",
                    [year],
                ).fetchone()[0]
            seq = next_seq[year]
            next_seq[year] += 1
            old_no = v.pop("case_no")
            case_no = old_no
            if not case_no or case_no in used_nos:
                case_no = settings.case_no_format.format(
                    year=year, abbr=settings.abbr or "人", seq=seq
                )
                if old_no:
                    v["remarks"] = "；".join(
                        x for x in (v["remarks"], f"原台账案号：{old_no}") if x
                    )
            used_nos.add(case_no)
            mediator_name = v.pop("mediator_name")
            start, now_level, resolved = (
                v.pop(k) for k in ("level_start", "level_now", "level_resolved")
            )
            if now_level is None:  # not in the register: where it started or was settled
                given = [x for x in (start, resolved) if x is not None]
                now_level = max(given) if given else settings.level
            if start is None:
                start = min(now_level, settings.level)
            if v["status"] == "调解成功" and resolved is None:
                resolved = now_level
            row = {
                **v,
                "uuid": str(uuid.uuid4()),
                "case_no": case_no,
                "year": year,
                "seq": seq,
                "workflow_id": spec.id,
                "workflow_version": spec.version,
                "step_now": DONE,
                "completed_steps": steps,
                "level_now": now_level,
                "level_start": start,
                "level_resolved": resolved if v["status"] == "调解成功" else None,
                "mediator_id": mediators.get(mediator_name),
                "created_at": now,
                "updated_at": now,
            }
            case_id = sql.insert(store.db, "cases", row)
            for seq_p, party in enumerate(item.parties, start=1):
                sql.insert(
                    store.db,
                    "parties",
                    {
                        **party,
                        "case_id": case_id,
                        "seq": seq_p,
                        "created_at": now,
                        "updated_at": now,
                    },
                )
            audit.write(
                store.db,
                at=now,
                actor=who,
                case_id=case_id,
                entity="case",
                entity_id=case_id,
                action="import_register",
                detail={"file": plan.sheet.path.name, "row": item.row, "case_no": case_no},
            )
            store.reindex(case_id)
            ids.append(case_id)
        sql.insert(
            store.db,
            "register_imports",
            {
                "filename": plan.sheet.path.name,
                "sha256": plan.sheet.sha256,
                "rows": len(plan.sheet.rows),
                "added": len(ids),
                "skipped": len(plan.duplicates),
                "refused": len(plan.refused),
                "mapping": mapping_json(plan),
                "actor": who,
                "imported_at": now,
            },
        )
    return ids
