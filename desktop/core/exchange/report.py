"""What an import did, for the clerk: counts of added, updated, unchanged, older, conflicting
and refused cases, and the sentences to read (a new key accepted, a clock that was wrong)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ImportReport:
    package: str
    committee: str
    kind: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    #: Versions this file already contains (older): kept in history, nothing to do.
    older: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    #: Cases of another committee the package tried to change: not changed, kept in history.
    refused: list[str] = field(default_factory=list)
    #: Sentences a clerk should read (a new key accepted, a clock that went backwards).
    notes: list[str] = field(default_factory=list)
    already_imported: bool = False
    period: str = ""
    #: The sending committee's id ("" for a package recognised as imported before).
    committee_id: str = ""

    @property
    def total(self) -> int:
        return sum(
            len(x)
            for x in (
                self.added,
                self.updated,
                self.unchanged,
                self.older,
                self.conflicts,
                self.refused,
            )
        )

    def summary(self) -> str:
        if self.already_imported:
            return f"{self.package}：这个包以前已经导入过，没有任何改动。" + "".join(self.notes)
        text = (
            f"{self.package}（{self.committee}）：新增 {len(self.added)} 件，"
            f"更新 {len(self.updated)} 件，未变 {len(self.unchanged)} 件"
        )
        if self.older:
            text += f"，已有更新版本 {len(self.older)} 件（收到的旧版本存入历史）"
        if self.conflicts:
            text += (
                f"，冲突 {len(self.conflicts)} 件（两边都改过，都已保留，未覆盖）："
                + "；".join(self.conflicts)
            )
        if self.refused:
            text += f"，未改动 {len(self.refused)} 件（不属于发送的调委会）：" + "；".join(
                self.refused
            )
        text += "。"
        return text + "".join(self.notes)

    def preview(self) -> str:
        """What importing will do, in the words of the import window's preview."""
        if self.already_imported:
            return f"{self.package}：以前已经导入过，导入时不会有任何改动。" + "".join(self.notes)
        text = (
            f"{self.package}：{self.committee}，{self.period}，{self.total} 件案件"
            f"——将新增 {len(self.added)} 件，更新 {len(self.updated)} 件，"
            f"未变 {len(self.unchanged)} 件"
        )
        if self.older:
            text += f"，已有更新版本 {len(self.older)} 件"
        if self.conflicts:
            text += f"，冲突 {len(self.conflicts)} 件（收到的版本只存入历史，不覆盖本库）"
        if self.refused:
            text += f"，不属于发送方的 {len(self.refused)} 件不会改动"
        return text + "。" + "".join(self.notes)
