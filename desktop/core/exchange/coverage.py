"""Which of a sending committee's changes this file has received, and the packages missing in
between. A package of format 3 chosen by change sequence carries every change of its
committee after ``since_seq`` up to ``change_seq`` (docs/exchange-format.md); the ranges of a
committee's imported packages (table ``imports``) must join up from the start, and a hole
between two of them is a package that never arrived: the cases it carried are still missing
something (a 回访, a 收条) even though every later package imported well.

Order does not matter: ranges are joined whatever order the packages came in, a package
imported twice is recognised by its hash before (merge.py), and a later package or a whole
package covering the hole closes it. Packages without a range (a month, a date, a
hand-off) are not checked. A period package of format 2 told only where it ended
(``change_seq``): it is taken as carrying everything up to there, whenever it arrives, so a
late old package neither hides a gap after it nor opens one; one of format 1 (no sequence at
all) makes the committee taken as complete up to its first numbered package. A gap a late
package fills only in part is told again as what is still missing, never as 补齐.

A committee's package number that arrives a second time with other content (``Reuse``) means
its laptop was put back to an older backup and numbered its packages again from there: what
was typed in after the backup and sent before may differ from what it sends now. It is told on
every import until a package carrying every case (全部案件, ``since_seq`` 0) arrives from it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.core.exchange.report import ImportReport
    from desktop.core.store.store import Store


def _minutes(moment: str) -> str:
    return moment.replace("T", " ")[:16]


@dataclass(frozen=True, slots=True)
class Gap:
    """Changes ``from_seq`` < s <= ``to_seq`` of a committee that no imported package carried:
    between its package ``after_no`` (made ``after_at``; None when the gap is at the start)
    and its package ``before_no`` (made ``before_at``)."""

    committee_id: str
    committee_name: str
    from_seq: int
    to_seq: int
    after_no: int | None
    after_at: str
    before_no: int | None
    before_at: str

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.committee_id, self.from_seq, self.to_seq)

    @property
    def missing(self) -> str:
        """The missing packages in words: 第 2 个包, 第 2 至 4 个包, or by change sequence."""
        first = (self.after_no or 0) + 1
        # After an old-format package nobody knows which numbers are missing.
        legacy = self.after_no is None and bool(self.after_at)
        if self.before_no is not None and self.before_no > first and not legacy:
            last = self.before_no - 1
            return f"第 {first} 个包" if last == first else f"第 {first} 至 {last} 个包"
        return f"修改序号 {self.from_seq + 1} 至 {self.to_seq} 的变动"

    def sentence(self) -> str:
        """One sentence for the clerk: which committee, which package is missing between
        which two, and what to ask the committee to do."""
        name = self.committee_name
        before = f"截至 {_minutes(self.before_at)} 的" if self.before_at else ""
        before_no = f"第 {self.before_no} 个包" if self.before_no else "包"
        if self.after_no is None and self.after_at:
            return (
                f"缺少“{name}”的报送包：截至 {_minutes(self.after_at)} 的旧格式包与{before}"
                f"{before_no}之间的变动没有导入，本库可能少了这期间的一些变动（如回访、收条）；"
                "请让该调委会在“导出报送包”中选“全部案件（完整包）”导出"
                "（命令行 wusong export --all）后寄来导入，补齐之前每次导入都会再提示。"
            )
        if self.after_no is None:
            return (
                f"缺少“{name}”的报送包：本库收到的最早一个是{before}{before_no}，"
                f"此前的{self.missing}没有导入，本库可能缺少该调委会以前的案件和变动；"
                "请让该调委会在“导出报送包”中选“全部案件（完整包）”导出"
                "（命令行 wusong export --all）后寄来导入，补齐之前每次导入都会再提示。"
            )
        after = f"截至 {_minutes(self.after_at)} 的" if self.after_at else ""
        first = self.after_no + 1
        return (
            f"缺少“{name}”的报送包：{after}第 {self.after_no} 个包与{before}{before_no}之间的"
            f"{self.missing}没有导入，本库可能少了这期间的一些变动（如回访、收条）；"
            f"请让该调委会在“导出报送包”中选“从第 {first} 个包起重新导出”"
            f"（命令行 wusong export --since-package {first}）后寄来导入，"
            "补齐之前每次导入都会再提示。"
        )

    def closed_sentence(self) -> str:
        return f"（“{self.committee_name}”此前缺少的{self.missing}已经补齐。）"


@dataclass(frozen=True, slots=True)
class _Range:
    since: int
    to: int
    no: int | None
    at: str


def open_gaps(store: Store, committee_id: str | None = None) -> list[Gap]:
    """The holes in what this file received from each committee (or from ``committee_id``),
    in the order the committees first sent a package."""
    rows = store.db.execute(
        "SELECT committee_id, committee_name, kind, format_version, package_no, since_seq,"
        " change_seq, created_at FROM imports"
        + (" WHERE committee_id = ?" if committee_id is not None else "")
        + " ORDER BY id",
        [committee_id] if committee_id is not None else [],
    ).fetchall()
    names: dict[str, str] = {}
    ranges: dict[str, list[_Range]] = {}
    legacy: set[str] = set()
    for cid, name, kind, version, no, since, to, at in rows:
        names[cid] = name  # the latest package's name
        if since is not None and to is not None:
            ranges.setdefault(cid, []).append(_Range(int(since), int(to), no, at or ""))
        elif kind == "period" and int(version or 0) < 3 and to is not None:
            # A package of format 2 carried every change up to its change_seq as far as the
            # county can tell (the sender's next export started there), whenever it arrives:
            # a late old package neither hides a gap after it nor makes one before it.
            ranges.setdefault(cid, []).append(_Range(0, int(to), None, at or ""))
        elif kind == "period" and int(version or 0) < 3:
            legacy.add(cid)
    gaps: list[Gap] = []
    for cid, got in ranges.items():
        # Of two ranges alike, the numbered one is named (an old package says no number).
        got.sort(key=lambda r: (r.since, -r.to, r.no is None))
        numbered = [r.since for r in got if r.no is not None]
        if not numbered:
            continue  # only packages of format 2: nothing to check yet
        # Packages of format 1 (and early format 2) told not even where they ended: taken as
        # complete up to the first numbered one, so upgrading the program raises no false alarm.
        reached = min(numbered) if cid in legacy else 0
        last: _Range | None = None
        for r in got:
            if r.since > reached:
                gaps.append(
                    Gap(
                        cid,
                        names[cid],
                        reached,
                        r.since,
                        last.no if last else None,
                        last.at if last else "",
                        r.no,
                        r.at,
                    )
                )
            if r.to > reached or last is None:
                reached, last = max(reached, r.to), r
    return gaps


@dataclass(frozen=True, slots=True)
class Reuse:
    """Package numbers ``numbers`` of a committee arrived twice with different content (its
    laptop restored from a backup), the first at ``first_at``, the other at ``again_at``
    (export times of the first such pair)."""

    committee_id: str
    committee_name: str
    numbers: tuple[int, ...]
    first_at: str
    again_at: str

    def sentence(self) -> str:
        """One sentence: which packages came twice, the likely cause, what to ask for."""
        numbers = "、".join(str(n) for n in self.numbers)
        when = (
            f"（导出时间 {_minutes(self.first_at)} 和 {_minutes(self.again_at)}）"
            if self.first_at and self.again_at
            else ""
        )
        return (
            f"“{self.committee_name}”的第 {numbers} 个报送包收到了两个内容不同的{when}，"
            "该调委会的电脑很可能从旧备份恢复过，恢复前后录入的内容可能对不上；"
            "请让该调委会在“导出报送包”中选“全部案件（完整包）”导出"
            "（命令行 wusong export --all）后寄来导入，补齐之前每次导入都会再提示。"
        )

    def closed_sentence(self) -> str:
        return f"（“{self.committee_name}”从备份恢复后重复的报送包号已由完整包补齐。）"


def reused_numbers(store: Store, *, leave_out: int = 0) -> list[Reuse]:
    """Each committee whose package numbers came twice with different content and that has
    sent no package carrying every case since: the imports in the order they were made, the
    last ``leave_out`` of them left out (the state before an import). A package carrying every
    case ends the episode; after it, a number colliding only with what came before it is the
    old laptop's echo (the restored one numbers on from its backup), not a new restore."""
    rows = store.db.execute(
        "SELECT id, committee_id, committee_name, package_sha256, package_no, since_seq,"
        " created_at FROM imports WHERE kind = 'period' ORDER BY id"
    ).fetchall()
    if leave_out:
        last = store.db.execute(
            "SELECT id FROM imports ORDER BY id DESC LIMIT 1 OFFSET ?", [leave_out - 1]
        ).fetchone()
        rows = [r for r in rows if last is None or r[0] < last[0]]
    names: dict[str, str] = {}
    held: dict[tuple[str, int], list[tuple[int, str, str]]] = {}
    fixed_at: dict[str, int] = {}
    open_: dict[str, list[tuple[int, str, str]]] = {}  # committee -> (number, first, again)
    for row_id, cid, name, sha, no, since, created in rows:
        names[cid] = name
        if no is None:
            continue
        prior = [p for p in held.get((cid, int(no)), []) if p[1] != sha]
        held.setdefault((cid, int(no)), []).append((row_id, sha, created or ""))
        if since == 0:
            # Carries every case: settles what came twice if it was numbered after it (the
            # old laptop's own first package, arriving late, carries every case of its time).
            told = open_.get(cid, [])
            if (told and int(no) > max(n for n, _, _ in told)) or (not told and prior):
                fixed_at[cid] = row_id
                open_.pop(cid, None)
            continue
        if not prior:
            continue
        if cid in fixed_at and all(p[0] < fixed_at[cid] for p in prior):
            continue  # the old laptop's number, already settled by the full package
        open_.setdefault(cid, []).append((int(no), prior[0][2], created or ""))
    return [
        Reuse(cid, names[cid], tuple(sorted({n for n, _, _ in got})), got[0][1], got[0][2])
        for cid, got in open_.items()
    ]


def tell_gaps(store: Store, reports: list[ImportReport], before: list[Gap]) -> None:
    """After an import: every gap still open is told (on the report of that committee's last
    package in this import, else on the last report), and gaps this import closed are named;
    the same for package numbers that came twice with different content (``reused_numbers``).
    ``before``: the gaps open before the import."""
    if not reports:
        return
    gaps = open_gaps(store)
    last_of = {r.committee_id: r for r in reports if r.committee_id}
    new_rows = sum(1 for r in reports if not r.already_imported)
    reuses = reused_numbers(store)
    still_reused = {r.committee_id for r in reuses}
    for old in reused_numbers(store, leave_out=new_rows) if new_rows else []:
        if old.committee_id not in still_reused and old.committee_id in last_of:
            last_of[old.committee_id].notes.append(old.closed_sentence())
    for reuse in reuses:
        last_of.get(reuse.committee_id, reports[-1]).notes.append(f"（注意：{reuse.sentence()}）")
    for gap in before:
        # Closed only when nothing of it is still missing: a gap that merely shrank (a late
        # package filled part of it) is told again below, never also as 补齐.
        still = any(
            g.committee_id == gap.committee_id
            and g.from_seq < gap.to_seq
            and g.to_seq > gap.from_seq
            for g in gaps
        )
        if not still and gap.committee_id in last_of:
            last_of[gap.committee_id].notes.append(gap.closed_sentence())
    for gap in gaps:
        last_of.get(gap.committee_id, reports[-1]).notes.append(f"（注意：{gap.sentence()}）")
