"""Committee settings (one JSON value per key in ``settings``) and the mediators list."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, fields, replace
from typing import TYPE_CHECKING, Any

from desktop.core.errors import NotFoundError, ValidationError
from desktop.core.models import CommitteeSettings, Mediator
from desktop.core.store import audit, sql
from desktop.core.store.signin import clean_name
from desktop.core.validation.names import tidy_name
from desktop.core.validation.phone import check_phone

if TYPE_CHECKING:
    from desktop.core.store.store import Store

_KEYS = {f.name for f in fields(CommitteeSettings)}


class SettingsRepository:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db

    def committee(self) -> CommitteeSettings:
        stored = {
            r[0]: json.loads(r[1]) for r in self.db.execute("SELECT key, value FROM settings")
        }
        known = {k: v for k, v in stored.items() if k in _KEYS}
        if "extra_categories" in known:
            known["extra_categories"] = tuple(known["extra_categories"])
        return CommitteeSettings(**known)

    @property
    def initialised(self) -> bool:
        return bool(self.committee().name)

    def set_up(
        self, mediators: list[str], actor: str | None = None, **committee: Any
    ) -> CommitteeSettings:
        """A new committee: its settings (``committee``: name, level, region, abbr, as
        :meth:`save_committee` takes them) and its roster of mediators (names) in ONE
        transaction, so a refusal — a name with a line break, a mediator named twice — changes
        nothing and the form (or ``wusong init``) can be corrected and sent again. Saved one by
        one, a refusal after the committee left the first mediators on the roster, and the
        corrected form was then refused for ever (名单里已经有…). Raises ValidationError."""
        with self.db.atomic():
            saved = self.save_committee(actor, **committee)
            for name in mediators:
                self.add_mediator(name, actor=actor)
        return saved

    def save_committee(self, actor: str | None = None, **changes: Any) -> CommitteeSettings:
        unknown = set(changes) - _KEYS
        if unknown:
            raise ValidationError(f"未知的设置项：{'、'.join(sorted(unknown))}。")
        current = self.committee()
        updated = replace(current, **changes)
        _check(updated)
        if not updated.committee_id:
            updated = replace(updated, committee_id=str(uuid.uuid4()))
        old, new = asdict(current), asdict(updated)
        now = self.store.timestamp()
        with self.db.atomic():
            for key, value in new.items():
                if old.get(key) != value or key not in old:
                    self.db.execute(
                        "INSERT INTO settings (key, value) VALUES (?, ?)"
                        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                        [key, json.dumps(value, ensure_ascii=False)],
                    )
            audit.write(
                self.db,
                at=now,
                actor=actor or self.store.actor,
                case_id=None,
                entity="settings",
                entity_id=None,
                action="update",
                detail=audit.diff(old, new),
            )
        return updated

    # ------------------------------------------------------------------ mediators
    def mediators(self, *, active_only: bool = True) -> list[Mediator]:
        sql = "SELECT id, name, phone, full_time, active FROM mediators"
        if active_only:
            sql += " WHERE active = 1"
        return [
            Mediator(r[0], r[1], r[2], bool(r[3]), bool(r[4]))
            for r in self.db.execute(sql + " ORDER BY id")
        ]

    def mediator(self, mediator_id: int) -> Mediator:
        row = self.db.execute(
            "SELECT id, name, phone, full_time, active FROM mediators WHERE id = ?", [mediator_id]
        ).fetchone()
        if row is None:
            raise NotFoundError("找不到这位调解员，请在“设置 → 调解员”中添加。")
        return Mediator(row[0], row[1], row[2], bool(row[3]), bool(row[4]))

    def add_mediator(
        self, name: str, phone: str = "", full_time: bool = False, *, actor: str | None = None
    ) -> Mediator:
        name = clean_name(name)
        if name in {tidy_name(m.name) for m in self.mediators(active_only=False)}:
            raise ValidationError(f"名单里已经有“{name}”了，不必重复添加。", field="name")
        phone = check_phone(phone, field="phone") if phone.strip() else ""
        now = self.store.timestamp()
        with self.db.atomic():
            mid = sql.insert(
                self.db,
                "mediators",
                {
                    "name": name,
                    "phone": phone,
                    "full_time": int(full_time),
                    "active": 1,
                    "created_at": now,
                },
            )
            audit.write(
                self.db,
                at=now,
                actor=actor or self.store.actor,
                case_id=None,
                entity="mediator",
                entity_id=mid,
                action="create",
                detail={"name": name, "phone": phone, "full_time": full_time},
            )
        return self.mediator(mid)

    def update_mediator(
        self, mediator_id: int, *, actor: str | None = None, **changes: Any
    ) -> Mediator:
        old = self.mediator(mediator_id)
        allowed = {"name", "phone", "full_time", "active"}
        if set(changes) - allowed:
            raise ValidationError("调解员只能修改姓名、电话、是否专职和是否在任。")
        if "name" in changes:
            changes["name"] = clean_name(str(changes["name"]))
        if changes.get("phone"):
            changes["phone"] = check_phone(changes["phone"], field="phone")
        row = {k: int(v) if isinstance(v, bool) else v for k, v in changes.items()}
        now = self.store.timestamp()
        with self.db.atomic():
            sql.update(self.db, "mediators", mediator_id, row)
            audit.write(
                self.db,
                at=now,
                actor=actor or self.store.actor,
                case_id=None,
                entity="mediator",
                entity_id=mediator_id,
                action="update",
                detail=audit.diff(asdict(old), changes),
            )
        return self.mediator(mediator_id)


#: Texts printed on one line everywhere (package manifests, every case number, 台账 rows).
_ONE_LINE = {
    "name": "调委会名称",
    "region": "所属地区",
    "abbr": "案号简称",
    "case_no_format": "案号格式",
}


#: Line and paragraph separators and bidirectional controls (a name after U+202E is drawn
#: backwards: another committee's name on screen).
_NOT_IN_A_LINE = "\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _check(s: CommitteeSettings) -> None:
    if not s.name.strip():
        raise ValidationError("请填写调委会名称，例如“新埭镇星光村人民调解委员会”。", field="name")
    for key, label in _ONE_LINE.items():
        # A line break here would be refused by every township that imports the packages
        # (resources/exchange: 调委会名称 and 案号 are one line).
        if any(
            ord(ch) < 32 or 127 <= ord(ch) < 160 or ch in _NOT_IN_A_LINE for ch in getattr(s, key)
        ):
            raise ValidationError(f"{label}里不能有换行等控制字符，请重新输入。", field=key)
    if not 1 <= s.horizon_days <= 366:
        raise ValidationError("今日提前提醒的天数请填 1 到 366 之间的整数。", field="horizon_days")
    if s.level not in (1, 2, 3, 4):
        raise ValidationError("调委会层级只能是 1（网格）到 4（县级）。", field="level")
    try:
        sample = s.case_no_format.format(year=2026, abbr=s.abbr or "人", seq=1)
    except (KeyError, IndexError, ValueError):
        raise ValidationError(
            "案号格式只能使用 {year}、{abbr}、{seq} 三个占位符，"
            "例如“（{year}）{abbr}调字第{seq}号”。",
            field="case_no_format",
        ) from None
    if "1" not in sample or "{seq}" not in s.case_no_format:
        raise ValidationError("案号格式必须包含序号 {seq}。", field="case_no_format")
