"""Domain errors. Every refusal the user can meet carries a Chinese sentence saying what is
wrong and what to do; the UI and CLI show ``message`` as is."""

from __future__ import annotations

import errno
from pathlib import Path


class MediationError(Exception):
    """Base of every error the core raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(MediationError):
    """A value the user typed is not acceptable. ``field`` names the form field (its id)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class WorkflowError(MediationError):
    """The workflow engine refused a step, escalation, termination or edit.

    ``missing`` lists the ids of the fields or record kinds that must be filled first, so a
    form can point at each of them.
    """

    def __init__(self, message: str, missing: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.missing = missing


class StepOrderError(WorkflowError):
    """A step was asked for out of order."""


class MissingItemsError(WorkflowError):
    """A step cannot complete because mandatory items are missing."""


class CaseClosedError(WorkflowError):
    """The case is closed: only return visits and receipts may still be added."""


class EscalationError(WorkflowError):
    """An escalation was refused (not one level up, no reason, already at the top)."""


class TerminationError(WorkflowError):
    """A termination was refused (no reason or no routes told)."""


class ResourceError(MediationError):
    """A data file under resources/ (categories, clauses, forms, reports, demo) is broken.
    ``file`` is its name, ``key`` the key path at fault ("categories[3].name")."""

    noun = "数据文件"

    def __init__(self, message: str, *, file: str = "", key: str = "") -> None:
        super().__init__(message)
        self.file, self.key = file, key

    @classmethod
    def at(cls, file: str, key: str, problem: str) -> ResourceError:
        """The one sentence: which file, which key, what is wrong, what to do."""
        where = f" {key} " if key[:1].isascii() else key  # 的 steps[1].name 有误, 的整个文件有误
        return cls(
            f"{cls.noun} {file} 的{where}有误：{problem}，"
            "请改正这个文件或重新安装本程序，仍不行请把这句话告诉技术人员。",
            file=file,
            key=key,
        )


class WorkflowSpecError(ResourceError):
    """A workflow file in resources/workflows is malformed. Names the file and the key."""

    noun = "流程文件"


class StoreError(MediationError):
    """The database could not be opened, migrated or written."""


class DamagedError(StoreError):
    """The case file is damaged (or not a database at all): restoring a backup is offered."""


class DatabaseLockedError(StoreError):
    """Another program already has this database open for writing."""


class NotFoundError(MediationError):
    """A case or record that was asked for does not exist."""


class AmbiguousCaseError(NotFoundError):
    """A case number is held by more than one committee (an aggregate database): the caller
    must say which. ``choices`` lists (committee_id, committee name) of each holder; ''
    is this file's own committee."""

    def __init__(self, message: str, choices: tuple[tuple[str, str], ...]) -> None:
        super().__init__(message)
        self.choices = choices


#: What an operating-system failure means to a mediator, by errno.
_OS_REASONS = {
    errno.ENOSPC: "磁盘或 U 盘已满",
    errno.EDQUOT: "磁盘或 U 盘已满",
    errno.EACCES: "没有权限，可能文件夹是只读的或文件正被别的程序打开",
    errno.EPERM: "没有权限，可能文件夹是只读的或文件正被别的程序打开",
    errno.EROFS: "这个位置是只读的",
    errno.ENOENT: "找不到这个文件或文件夹",
    errno.ENOTDIR: "找不到这个文件夹",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.EEXIST: "那里已有同名的文件",
    errno.EBUSY: "文件正被别的程序占用",
    errno.EIO: "读写出错，U 盘可能已拔出或损坏",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EINVAL: "文件名里有不能用的字符",
}


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in Chinese words (the system's own text is English)."""
    return _OS_REASONS.get(exc.errno or -1, "读写出错")


def os_error_message(exc: OSError) -> str:
    """The one sentence for a failed file operation, in Chinese (the system's own text is
    English): which file, why, what to do. The CLI and the window both say it."""
    name = Path(str(exc.filename)).name if exc.filename else ""
    if name.startswith(".") and name.endswith(".part"):  # fsutil.atomic_write's temporary
        name = name[1:-5].rsplit(".", 1)[0]
    what = f"“{name}”" if name else "文件"
    return f"{what}读写失败（{os_reason(exc)}），请换一个文件夹或文件再试。"
