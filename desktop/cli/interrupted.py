"""The one sentence a Ctrl-C gets at the console, saying what is really on disk (ondisk.py
reads it from the files): 「已取消，什么也没有改动。」 only when nothing changed; else what did
— work saved in a case file, a case file upgraded (and where its backup is), files written.
Before it is said, a new case file the command left empty and its temporary files are
removed (an interrupted ``init`` leaves nothing half-made)."""

from __future__ import annotations

from pathlib import Path

from desktop.core import ondisk

#: Ctrl-C before anything was done (also printed while the program's modules load).
NOTHING = "已取消，什么也没有改动。"
SAVED = "中断之前已经完成的改动已经保存在案件库里"


def interrupted_sentence() -> str:
    """The sentence for a Ctrl-C now (see the module's docstring)."""
    ondisk.tidy()
    return say(ondisk.since())


def say(changes: ondisk.Changes) -> str:
    """``changes`` in one Chinese sentence a mediator understands."""
    if changes.nothing:
        return NOTHING
    clauses = [SAVED] if changes.saved else []
    clauses += [_conversion(c) for c in changes.converted]
    clauses += [f"案件库 {n} 的密码已经改成新密码，请用新密码打开" for n in changes.repassworded]
    if not (changes.saved or changes.upgraded or changes.converted or changes.repassworded):
        clauses.append("案件库没有改动")
    for up in changes.upgraded:
        copy = f"（升级前的备份在 {up.backup}）" if up.backup else ""
        if up.whole:
            clause = f"案件库 {up.name} 已经升级到本程序的版本{copy}"
        else:
            clause = f"案件库 {up.name} 已经升级了一部分{copy}，下次打开时会自动升级完"
        clauses.append(clause if changes.saved else clause + "，案件没有改动")
    if changes.written:
        clauses.append(f"已经写好的文件留在原处：{_names(changes.written)}")
    if changes.left_empty:
        clauses.append(f"新建的案件库 {_names(changes.left_empty)} 还是空的，可以删掉它再重新建立")
    return "已中断；" + "；".join(clauses) + "。"


def _conversion(c: ondisk.Conversion) -> str:
    """Whether the password the command was setting or removing is on the file now: the file
    is the truth (the next open settles backups and the key file to match it)."""
    if c.setting and c.encrypted:
        return f"案件库 {c.name} 已经设好了密码（已加密），请用这次的恢复单"
    if c.setting:
        return f"案件库 {c.name} 还没有设上密码，仍然不加密，这次的恢复单没有用处"
    if c.encrypted:
        return f"案件库 {c.name} 的密码还在，没有取消"
    return f"案件库 {c.name} 的密码已经取消，不再加密"


def _names(paths: tuple[Path, ...]) -> str:
    return "、".join(str(p) for p in paths)
