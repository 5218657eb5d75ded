"""Value objects the store returns. Plain frozen dataclasses: no SQL rows leak out of the
store, and nothing here knows about Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class CaseStatus(StrEnum):
    OPEN = "在办"
    SUCCEEDED = "调解成功"
    FAILED = "调解不成"
    TERMINATED = "已终止"
    TRANSFERRED = "已移交"


#: The step id a case carries once its last step is complete.
DONE = "done"


@dataclass(frozen=True, slots=True)
class Mediator:
    id: int
    name: str
    phone: str = ""
    full_time: bool = False
    active: bool = True


@dataclass(frozen=True, slots=True)
class CommitteeSettings:
    name: str = ""
    level: int = 2
    region: str = ""
    abbr: str = ""
    case_no_format: str = "（{year}）{abbr}调字第{seq}号"
    committee_id: str = ""
    extra_categories: tuple[str, ...] = ()
    backup_dir: str = ""
    large_text: bool = False
    #: Period packages (and their 台账) carry masked ID numbers, phones and addresses
    #: (issue 12 point 5); hand-offs always carry full values.
    exchange_masked: bool = False
    #: How many days ahead 今日 lists what falls due (a return visit is due ~30 days on).
    horizon_days: int = 30


@dataclass(frozen=True, slots=True)
class Party:
    id: int
    case_id: int
    seq: int
    role: str
    kind: str
    name: str
    gender: str = ""
    ethnicity: str = ""
    birth_date: date | None = None
    age: int | None = None
    id_number: str = ""
    occupation: str = ""
    phone: str = ""
    address: str = ""
    credit_code: str = ""
    legal_rep: str = ""
    agent_name: str = ""
    agent_phone: str = ""
    agent_authority: str = ""
    id_type: str = ""  # 证件类型 (validation.idcard.ID_TYPES); "" when no number is given

    @property
    def is_organisation(self) -> bool:
        return self.kind == "单位"


@dataclass(frozen=True, slots=True)
class Record:
    """A step record (investigation, session, term, return visit, receipt).

    ``kind`` is the record kind of the workflow file; ``values`` maps its field ids to typed
    values (dates as ``date``, money in fen as ``int``).
    """

    id: int
    case_id: int
    kind: str
    seq: int
    values: dict[str, Any]

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


@dataclass(frozen=True, slots=True)
class Escalation:
    id: int
    case_id: int
    from_level: int
    to_level: int
    reason: str
    escalated_on: date
    actor: str


@dataclass(frozen=True, slots=True)
class Termination:
    id: int
    case_id: int
    outcome: str
    reason: str
    routes: tuple[str, ...]
    terminated_on: date
    actor: str


@dataclass(frozen=True, slots=True)
class Extension:
    id: int
    case_id: int
    days: int
    reason: str
    granted_on: date
    actor: str


@dataclass(frozen=True, slots=True)
class Attachment:
    id: int
    case_id: int
    filename: str
    stored_path: str
    sha256: str
    size: int
    note: str
    added_at: str


@dataclass(frozen=True, slots=True)
class GeneratedDocument:
    id: int
    case_id: int | None
    form: str
    format: str
    path: str
    sha256: str
    created_at: str


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: str
    actor: str
    case_id: int | None
    entity: str
    entity_id: int | None
    action: str
    detail: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Case:
    id: int
    uuid: str
    case_no: str
    workflow_id: str
    workflow_version: int
    category_code: str
    category_name: str
    source: str
    title: str
    status: CaseStatus
    step_now: str
    completed_steps: tuple[str, ...]
    level_now: int
    level_start: int
    level_resolved: int | None
    accepted_on: date
    agreement_on: date | None
    closed_on: date | None
    agreement_form: str
    judicial_confirmation: str
    amount_fen: int | None
    people_count: int | None
    risk_flags: tuple[str, ...]
    facts: str
    requests: str
    mediator_id: int | None
    step_values: dict[str, Any]
    created_at: str
    updated_at: str
    # What township offices collect beside the workflow's own fields (m0008).
    difficulty: str = ""  # 案件难度: 简单 / 一般 / 疑难复杂
    platform_no: str = ""  # 平台案号 of the provincial platform
    occurred_on: date | None = None  # 纠纷发生时间
    occurred_place: str = ""  # 纠纷发生地点
    special_groups: tuple[str, ...] = ()  # 涉及特殊人群
    risk_level: str = ""  # 风险等级
    remarks: str = ""  # 备注

    @property
    def is_closed(self) -> bool:
        """Closed cases are read-only except for return visits and receipts."""
        return self.step_now == DONE


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """One row of the case list: cheap to load a page of."""

    id: int
    case_no: str
    title: str
    category_name: str
    status: CaseStatus
    step_now: str
    level_now: int
    accepted_on: date
    parties: str
    mediator: str
    #: In a township/county file, the committee an imported case belongs to ('' = this
    #: file's own): the same case number may exist in several committees.
    committee: str = ""


@dataclass(frozen=True, slots=True)
class CaseDetail:
    case: Case
    parties: tuple[Party, ...]
    records: dict[str, tuple[Record, ...]]
    escalations: tuple[Escalation, ...]
    terminations: tuple[Termination, ...]
    extensions: tuple[Extension, ...]
    attachments: tuple[Attachment, ...] = ()
    documents: tuple[GeneratedDocument, ...] = ()
    mediator: Mediator | None = None

    def of(self, kind: str) -> tuple[Record, ...]:
        return self.records.get(kind, ())


@dataclass(frozen=True, slots=True)
class CaseFilter:
    status: CaseStatus | None = None
    category_code: str | None = None
    level: int | None = None
    step: str | None = None
    month: str | None = None  # "YYYY-MM" of the acceptance date
    mediator_id: int | None = None
    text: str = ""
    case_ids: tuple[int, ...] | None = field(default=None)
