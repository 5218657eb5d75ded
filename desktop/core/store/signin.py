"""Who is working: the mediator signs in by picking their name from the committee's list, and
from then on ``Store.actor`` is that name, so the audit log, escalations (经办人/移交人) and the
records they add carry the real person (SPEC §2 "who is working"; the 卷宗 names the person
who did each act). The CLI records itself as ``命令行`` unless
told ``--as NAME``. A role word such as 调解员 is never accepted as a person's name."""

from __future__ import annotations

import json
import unicodedata
from typing import TYPE_CHECKING

from desktop.core.errors import ValidationError
from desktop.core.store import audit
from desktop.core.validation.names import tidy_name

if TYPE_CHECKING:
    from desktop.core.store.store import Store

#: Who the command line is when no one is named (``--as`` / ``WUSONG_USER``).
CLI_ACTOR = "命令行"
#: Who a Store is before anyone signs in (tests, tools); never shown as a signer.
NOBODY = "未登录"
#: Words that name a role or a program, not a person: the printed 移交单 and the audit log
#: must say who, so these are refused as names.
ROLE_WORDS = frozenset(
    {
        "调解员",
        "人民调解员",
        "调解人",
        "调解人员",
        "专职调解员",
        "兼职调解员",
        "主持人",
        "记录人",
        "登记人",
        "经办人",
        "管理员",
        "用户",
        "本人",
        "我",
        CLI_ACTOR,
        NOBODY,
    }
)
NAME_MAX = 20
LAST_KEY = "signin.last"


def clean_name(raw: str | None, *, field: str = "name") -> str:
    """A person's name as it will be recorded: outer spaces removed, compatibility forms
    folded (full-width letters), spaces beside a Chinese character dropped (张　三 -> 张三),
    other inner runs of spaces kept as one.

    Raises ValidationError (one Chinese sentence) when it is empty, longer than 20
    characters, holds control or invisible characters, or is a role word like 调解员.
    """
    text = unicodedata.normalize("NFKC", raw or "")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in text):
        raise ValidationError(
            "姓名里有看不见的控制字符（可能是从别处复制来的），请重新输入姓名。", field=field
        )
    # One name: no space beside a Chinese character (张　三 lined up -> 张三), one ordinary
    # space between Latin words (validation/names.tidy_name).
    name = tidy_name(text)
    if not name:
        raise ValidationError("请填写调解员姓名。", field=field)
    if len(name) > NAME_MAX:
        raise ValidationError(
            f"姓名太长了（{len(name)} 个字），请填写本人姓名，不超过 {NAME_MAX} 个字。", field=field
        )
    if name in ROLE_WORDS:
        raise ValidationError(
            f"“{name}”是称呼，不是姓名。请填写本人的真实姓名，例如“王建平”。", field=field
        )
    return name


def signed_in_person(store: Store) -> str:
    """The signed-in person's name for a form to prefill, or "" when nobody is signed in
    (the command line, a tool): a form is better left blank than filled with 命令行."""
    return "" if store.actor in ROLE_WORDS else store.actor


def last_signed_in(store: Store) -> str | None:
    """The name signed in last on this database (to preselect it), if any."""
    row = store.db.execute("SELECT value FROM settings WHERE key = ?", [LAST_KEY]).fetchone()
    return json.loads(row[0]) if row else None


def choices(store: Store) -> list[str]:
    """The names to pick from: the committee's active mediators, in list order."""
    return [m.name for m in store.settings.mediators()]


def sign_in(store: Store, name: str, *, add: bool = False) -> str:
    """Make ``name`` the person working from now on: ``store.actor`` becomes it, the sign-in
    is written to the audit log (action ``sign_in``) and remembered for the next start.

    ``name`` must be one of the committee's active mediators; with ``add=True`` a new name is
    added to the list first (the person adds themselves). Raises ValidationError otherwise.
    Returns the recorded name.
    """
    known = choices(store)
    who = listed_as(clean_name(name), known)
    if who not in known:
        if not add:
            raise ValidationError(_not_listed(who, known), field="name")
        store.settings.add_mediator(who, actor=who)
    now = store.timestamp()
    with store.db.atomic():
        store.db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [LAST_KEY, json.dumps(who, ensure_ascii=False)],
        )
        audit.write(
            store.db,
            at=now,
            actor=who,
            case_id=None,
            entity="sign_in",
            entity_id=None,
            action="sign_in",
            detail={"before": store.actor},
        )
    store.actor = who
    return who


def act_as(store: Store, name: str | None) -> str:
    """The command line's person: ``name`` (from ``--as`` or ``WUSONG_USER``) when given,
    which must be on the committee's list once the list has names, else ``命令行``. Sets
    ``store.actor`` and writes nothing (a read-only command cannot). Raises ValidationError.
    """
    if name is None:
        store.actor = CLI_ACTOR
        return CLI_ACTOR
    known = choices(store)
    who = listed_as(cli_person(name), known)
    if known and who not in known:
        raise ValidationError(_not_listed(who, known), field="name")
    store.actor = who
    return who


def listed_as(who: str, known: list[str]) -> str:
    """The name of ``known`` that ``who`` is, as the list spells it: a mediator added before
    names were tidied may be listed as 张 三 and is 张三 typed or picked now."""
    return next((k for k in known if tidy_name(k) == who), who)


def cli_person(name: str) -> str:
    """``--as NAME`` / ``WUSONG_USER`` checked before the file is even opened: a name given
    empty or as spaces only (``--as ''``, ``--as '　'``) is refused rather than quietly taken
    for 命令行, and so is anything :func:`clean_name` refuses. Raises ValidationError."""
    if not "".join(unicodedata.normalize("NFKC", name).split()):
        raise ValidationError(
            "--as 后面的姓名是空的：请写上本人的姓名（例如 --as 王建平）；"
            "不想署名就去掉 --as，这次操作会记为“命令行”。",
            field="name",
        )
    return clean_name(name)


def _not_listed(who: str, known: list[str]) -> str:
    if not known:
        return f"调委会还没有调解员名单，请先添加“{who}”为调解员。"
    return (
        f"“{who}”不在本调委会的调解员名单里（名单：{'、'.join(known)}）。"
        "请选名单里的姓名，或先在“设置”里添加。"
    )
