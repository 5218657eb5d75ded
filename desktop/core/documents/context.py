"""What the forms need from a case, in the words the forms use: party descriptions, dates in
Chinese, amounts in figures and capitals; and the form texts from resources/templates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.errors import ResourceError
from desktop.core.models import AuditEntry, CaseDetail, CommitteeSettings, Party, Record
from desktop.core.paths import resource
from desktop.core.plaintext import clause
from desktop.core.resources import load_toml, placeholders, unique
from desktop.core.store.codec import field_values
from desktop.core.validation.dates import format_cn_date
from desktop.core.validation.money import capital_amount, format_yuan
from desktop.core.workflow.spec import WorkflowSpec

if TYPE_CHECKING:
    from desktop.core.store.store import Store


@dataclass(frozen=True, slots=True)
class FormInfo:
    id: str
    name: str
    mandatory: bool

    def __str__(self) -> str:  # the window lists forms by id
        return self.id


@dataclass(frozen=True, slots=True)
class FormsTemplates:
    """resources/templates/forms.toml: the forms in binding order, the fixed sentences
    (``texts``, with {placeholders}) and the numbered lists (``lists``: rights, duties)."""

    forms: tuple[FormInfo, ...]
    texts: dict[str, str]
    lists: dict[str, tuple[str, ...]]
    file: str = "forms.toml"

    def text(self, key: str) -> str:
        if key not in self.texts:
            raise ResourceError.at(self.file, f"texts.{key}", "缺少这一项")
        return self.texts[key]

    def items(self, key: str) -> tuple[str, ...]:
        if key not in self.lists:
            raise ResourceError.at(self.file, f"texts.{key}", "缺少这一组文字")
        return self.lists[key]


@lru_cache(maxsize=2)
def templates(path: Path | None = None) -> FormsTemplates:
    """The forms' data file (default resources/templates/forms.toml).

    Raises ResourceError naming the file and key for a missing or mistyped entry, a form id
    given twice, or a text whose braces do not pair."""
    root = load_toml(path or resource("templates", "forms.toml"))
    entries = root.tables("forms")
    unique(entries, "id")
    forms = tuple(FormInfo(f.text("id"), f.text("name"), f.flag("mandatory")) for f in entries)
    words = root.table("texts")
    texts: dict[str, str] = {}
    lists: dict[str, tuple[str, ...]] = {}
    for key in words:
        if isinstance(words.data[key], list):
            lists[key] = words.texts(key)
            continue
        texts[key] = words.text(key)
        try:
            placeholders(texts[key])
        except ValueError:
            raise words.fail(key, "花括号没有成对") from None
    return FormsTemplates(forms, texts, lists, root.file)


def text(key: str, **values: object) -> str:
    """A fixed text of the forms with its placeholders filled; an unknown placeholder is an
    error naming the file and key (ResourceError), never a silent blank. Every text value is
    joined as a clause (:func:`clause`): its own final punctuation and control characters go,
    the template's punctuation stays, so a reason typed with ``。`` never gives ``。，``."""
    forms = templates()
    joined = {k: clause(v) if isinstance(v, str) else v for k, v in values.items()}
    try:
        return forms.text(key).format_map(_Strict(joined))
    except KeyError as exc:
        raise ResourceError.at(
            forms.file, f"texts.{key}", f"占位符 {{{exc.args[0]}}} 无法填写"
        ) from None


class _Strict(dict[str, object]):
    def __missing__(self, key: str) -> str:
        raise KeyError(key)


def cn(d: date | None) -> str:
    return format_cn_date(d) if d else "    年  月  日"


def cn_count(n: int) -> str:
    """Small counts in Chinese numerals, as formal documents write them (一式三份)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


def money(fen: int | None) -> str:
    if fen is None:
        return ""
    return f"{format_yuan(fen)}元（{capital_amount(fen)}）"


def describe_party(p: Party) -> str:
    """One line of basic information, as the forms print it."""
    if p.is_organisation:
        bits = [p.name]
        if p.credit_code:
            bits.append(f"统一社会信用代码 {p.credit_code}")
        if p.legal_rep:
            bits.append(f"法定代表人 {p.legal_rep}")
        if p.address:
            bits.append(f"住所 {p.address}")
        if p.phone:
            bits.append(f"电话 {p.phone}")
    else:
        bits = [p.name]
        bits += [x for x in (p.gender, p.ethnicity) if x]
        if p.birth_date:
            bits.append(f"{format_cn_date(p.birth_date)}出生")
        elif p.age is not None:
            bits.append(f"{p.age}岁")
        if p.id_number:
            bits.append(f"身份证号 {p.id_number}")
        if p.occupation:
            bits.append(p.occupation)
        if p.address:
            bits.append(f"住 {p.address}")
        if p.phone:
            bits.append(f"电话 {p.phone}")
    line = "，".join(bits)
    if p.agent_name:
        line += f"。委托代理人：{p.agent_name}" + (
            f"（{p.agent_authority}）" if p.agent_authority else ""
        )
    return line


def person(name: str | None) -> str:
    """A recorded actor as a signature name, or "" (a blank line to sign) for a role word or
    program (调解员, 命令行, 未登录: what older versions and tools recorded), never printed."""
    from desktop.core.store.signin import ROLE_WORDS

    name = (name or "").strip()
    return "" if name in ROLE_WORDS else name


def _level_of(value: Any) -> int | None:
    # A received history's entry may hold anything (the package format allows it).
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@dataclass(frozen=True, slots=True)
class Handoff:
    """A case received from another committee (exchange handoff): whose it was and when it
    arrived here."""

    from_committee: str
    original_case_no: str
    received_on: date
    #: The level it came to (the 四级化讼 level at the receiver), when the receipt says.
    level: int | None = None


@dataclass(frozen=True, slots=True)
class CaseContext:
    detail: CaseDetail
    committee: CommitteeSettings
    spec: WorkflowSpec
    values: Mapping[str, Any]
    history: tuple[AuditEntry, ...] = ()

    @property
    def handoffs(self) -> tuple[Handoff, ...]:
        """Every hand-off the case came through, oldest first: each receiving committee's own
        import entry (with the case's number before). A case handed over more than once (村 →
        镇 → 县) brings the lower levels' receipts in its history; the last is this
        committee's."""
        return tuple(
            Handoff(
                str(e.detail.get("from") or ""),
                str(e.detail["original_case_no"]),
                date.fromisoformat(e.at[:10]),
                _level_of(e.detail.get("level")),
            )
            for e in self._receipts()
        )

    @property
    def handoff(self) -> Handoff | None:
        """How the case came to this committee (the last hand-off), or None."""
        found = self.handoffs
        return found[-1] if found else None

    def _receipts(self) -> list[AuditEntry]:
        return [
            e
            for e in self.history
            if e.entity == "case" and e.action == "import" and e.detail.get("original_case_no")
        ]

    @property
    def received_on(self) -> date:
        """The date this committee accepted the case: the acceptance date, or for a case
        handed over from another committee the day it was received here."""
        h = self.handoff
        return h.received_on if h else self.case.accepted_on

    @property
    def registrar(self) -> str:
        """Who registered the case here (the person signed in when it was created or
        received), else the mediator in charge."""
        receipts = self._receipts()
        if receipts:  # received here: this committee's own receipt, never a lower level's
            return person(receipts[-1].actor) or self.mediator_name
        for e in self.history:
            if e.entity == "case" and e.action == "create" and person(e.actor):
                return person(e.actor)
        return self.mediator_name

    def recorded_by(self, kind: str, record: Record, *keys: str) -> str:
        """The person who entered ``record`` (audit entry matched on ``keys``), or ""."""
        want = {k: _iso(record.get(k)) for k in keys}
        for e in self.history:
            same = all(_iso(e.detail.get(k)) == v for k, v in want.items())
            if e.entity == kind and e.action == "create" and same:
                return person(e.actor)
        return ""

    def before_handoff(self, day: date | None) -> bool:
        """Whether something dated ``day`` happened at a committee the case came from (see
        :meth:`made_at`)."""
        return self.made_at(day) is not None

    def made_at(self, day: date | None) -> Handoff | None:
        """For something dated ``day`` that happened before the case came here: the hand-off
        from the committee that held the case that day, so a record of the 镇 is not named the
        村's when the case went 村 → 镇 → 县; else None. A committee held the case until its
        hand-over up to the level the hand-off brought the case to (escalations by level,
        not by the receiver's date: two laptops' clocks disagree); this committee's own later
        hand-over to the level above is none of them."""
        if day is None:
            return None
        for h in self.handoffs:
            sent = [
                e.escalated_on
                for e in self.detail.escalations
                if h.level is None or e.to_level <= h.level
            ]
            if sent and day <= max(sent):
                return h
        return None

    @property
    def case(self):  # noqa: ANN201 - the Case
        return self.detail.case

    @property
    def committee_name(self) -> str:
        return self.committee.name or "人民调解委员会"

    @property
    def mediator_name(self) -> str:
        return self.detail.mediator.name if self.detail.mediator else ""

    def parties_named(self) -> str:
        return "、".join(p.name for p in self.detail.parties)

    def by_role(self, role: str) -> list[Party]:
        return [p for p in self.detail.parties if p.role == role]

    def value(self, key: str) -> str:
        v = self.values.get(key)
        if v is None:
            return ""
        if isinstance(v, tuple | list):
            return "、".join(str(x) for x in v)
        if isinstance(v, date):
            return format_cn_date(v)
        return str(v)

    def records(self, kind: str) -> tuple[Record, ...]:
        return self.detail.of(kind)


def _iso(v: object) -> str:
    return v.isoformat() if isinstance(v, date) else str(v or "")


def make_context(store: Store, case_id: int) -> CaseContext:
    from desktop.core.store import audit

    detail = store.cases.detail(case_id)
    spec = store.cases.spec_of(detail.case)
    from desktop.core.store.senders import case_committee

    return CaseContext(
        detail,
        # A case imported from another committee's package prints as that committee's.
        case_committee(store, case_id),
        spec,
        field_values(spec, detail.case),
        tuple(audit.history(store.db, case_id)),
    )
