"""Whom a package comes from: the sender's key against the one pinned at its first import
(SPEC §4), and the sender's clock, which is reported when it was wrong but never decides
anything (versions are ordered by revision and lineage)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from desktop.core.exchange import keys
from desktop.core.exchange.report import ImportReport
from desktop.core.exchange.schema import visible
from desktop.core.exchange.verify import Package, PackageError
from desktop.core.validation.names import as_read, has_unseen

if TYPE_CHECKING:
    from desktop.core.store.store import Store


class KeyChangedError(PackageError):
    """A committee's package signed with a key other than the pinned one. Carries what a
    window needs to ask the clerk whether to accept the new key."""

    def __init__(
        self, message: str, committee_id: str, name: str, old_key: str, new_key: str
    ) -> None:
        super().__init__(message)
        self.committee_id = committee_id
        self.committee_name = name
        self.old_fingerprint = keys.fingerprint(old_key)
        self.new_fingerprint = keys.fingerprint(new_key)


def check_key(store: Store, pkg: Package, accept_new_key: bool, report: ImportReport) -> None:
    """Pin the sender's key at its first import; refuse a package signed with another key
    unless the clerk confirmed it (``accept_new_key``: a reinstalled laptop). Raises
    PackageError (KeyChangedError for a changed key)."""
    name = str(pkg.manifest["committee_name"])
    shown = visible(name, 100)  # an invisible character of the name shown as □
    pinned = keys.pinned_key(store, pkg.committee_id)
    if not pkg.signed:
        if pinned:
            raise PackageError(
                f"导入包 {pkg.path.name} 是没有签名的旧格式包，而“{shown}”以前寄来的包都有签名，"
                "不能确认是该调委会导出的。请让对方用新版程序重新导出。整个包没有导入，数据库没有任何改动。"
            )
        report.notes.append("（这是没有签名的旧格式包，请让对方升级程序后再导出。）")
        return
    same_name = _namesake(store, pkg, name)
    if same_name and not accept_new_key:
        # A reinstalled laptop without its old case file makes a new one: a new id and a new
        # key under the old name. Refused like a changed key, and accepted the same way.
        raise KeyChangedError(
            f"导入包 {pkg.path.name} 自称“{shown}”{_hidden(name)}，"
            f"但与以前收到的“{same_name[0]}”不是同一个案件库"
            f"（以前的指纹 {keys.fingerprint(same_name[1])}，"
            f"这次 {keys.fingerprint(pkg.public_key)}），可能是伪造的。"
            "如果该调委会重装电脑后新建了案件库，请打电话核对新指纹后选择“接受新密钥”再导入；"
            "否则不要导入这个包。整个包没有导入，数据库没有任何改动。",
            pkg.committee_id,
            name,
            same_name[1],
            pkg.public_key,
        )
    if same_name:
        report.notes.append(
            f"（已按您的确认把新建案件库的“{shown}”作为同名调委会接收，指纹 "
            f"{keys.fingerprint(pkg.public_key)}；它以前的案件仍在原来的名下。）"
        )
    if pinned and pinned != pkg.public_key:
        if not accept_new_key:
            raise KeyChangedError(
                f"导入包 {pkg.path.name} 的签名密钥与以前收到的“{shown}”的不同"
                f"（以前的指纹 {keys.fingerprint(pinned)}，"
                f"这次 {keys.fingerprint(pkg.public_key)}）。"
                "如果该调委会重装过电脑，请打电话核对新指纹后选择“接受新密钥”再导入；否则不要导入这个包。"
                "整个包没有导入，数据库没有任何改动。",
                pkg.committee_id,
                name,
                pinned,
                pkg.public_key,
            )
        report.notes.append(
            f"（已按您的确认接受“{shown}”的新密钥，指纹 {keys.fingerprint(pkg.public_key)}。）"
        )
    keys.pin_key(store, pkg.committee_id, name, pkg.public_key)


def _namesake(store: Store, pkg: Package, name: str) -> tuple[str, str] | None:
    """(name, public key) of another committee whose name reads as the package's (compared
    as a reader sees them, :func:`as_read`: an invisible character, a space or a look-alike
    form does not make a name another one), or None. A committee this file already trusts
    keeps its own name however it is spelt, and is never taken for an impostor of a namesake:
    once the clerk accepted a committee that set up a new case file under the same name, the
    old one's late packages must still import. A package in this file's own committee's name
    is refused outright (PackageError): nobody else may speak as the receiver."""
    seen = as_read(name)
    row = store.db.execute(
        "SELECT committee_name FROM committee_keys WHERE committee_id = ?", [pkg.committee_id]
    ).fetchone()
    if row is not None and as_read(str(row[0])) == seen:
        return None
    own = store.settings.committee().name
    if as_read(own) == seen:
        raise PackageError(
            f"导入包 {pkg.path.name} 自称“{visible(name, 100)}”{_hidden(name)}，与本调委会同名，"
            f"但不是本案件库导出的（指纹 {keys.fingerprint(pkg.public_key)}），"
            "可能是伪造的，不要导入这个包。"
            "整个包没有导入，数据库没有任何改动。"
        )
    for other, public_key in store.db.execute(
        "SELECT committee_name, public_key FROM committee_keys WHERE committee_id != ?",
        [pkg.committee_id],
    ):
        if as_read(str(other)) == seen:
            return str(other), str(public_key)
    return None


def _hidden(name: str) -> str:
    """Tells the clerk why two names that look the same are taken as one."""
    return "（名称里夹有空格或看不见的字符）" if has_unseen(name) else ""


def _minutes(moment: str) -> str:
    return moment.replace("T", " ")[:16]


def _prior(store: Store, key: str) -> dict[str, Any]:
    row = store.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    value = json.loads(row[0]) if row else {}
    # Before format 2 carried the export's change sequence only the time was remembered.
    return {"at": value, "seq": None} if isinstance(value, str) else dict(value)


def clock_notes(store: Store, pkg: Package) -> list[str]:
    """Sentences about this package's export time, each about this package only, so one
    package made with a wrong clock is reported once, not by every later package:

    - made "later" than this computer's time by more than a day: the sender's (or this)
      clock is ahead;
    - later by the sender's change sequence than the package imported before it, but earlier
      by time: the clock was wrong for one of the two.

    Packages are compared in the order the sender made them (the manifest's ``change_seq``);
    without it (format 1, early format 2) with the package imported just before. Nothing is
    decided by these times: cases merge by revision and lineage."""
    created = str(pkg.manifest.get("created_at") or "")
    seq = pkg.manifest.get("change_seq")
    key = f"exchange.created.{pkg.committee_id}"
    prior = _prior(store, key)
    notes: list[str] = []
    now = store.timestamp()
    if created and created > (datetime.fromisoformat(now) + timedelta(days=1)).isoformat():
        notes.append(
            f"（注意：这个包的导出时间 {_minutes(created)} 比本机时间 {_minutes(now)} 还晚，"
            "对方（或本机）电脑时钟可能不对；案件按修改序号合并，不受影响。请核对电脑日期。）"
        )
    prior_at, prior_seq = str(prior.get("at") or ""), prior.get("seq")
    later = seq is None or prior_seq is None or int(seq) > int(prior_seq)
    if not later:
        return notes  # an earlier package of the sender arriving late: nothing to compare
    if prior_at and created and created < prior_at:
        notes.append(
            f"（注意：这个包是在上一个包（导出时间 {_minutes(prior_at)}）之后导出的，"
            f"导出时间却是 {_minutes(created)}，对方电脑时钟在两次导出之间被调动过；"
            "案件按修改序号合并，不受影响。请提醒对方核对电脑日期。）"
        )
    store.db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, json.dumps({"at": created, "seq": seq})],
    )
    return notes
