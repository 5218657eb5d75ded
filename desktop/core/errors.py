"""Domain errors. Every refusal the user can meet carries a Chinese sentence saying what is
wrong and what to do; the UI and CLI show ``message`` as is."""

from __future__ import annotations


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
        return cls(
            f"{cls.noun} {file} 的 {key} 有误：{problem}，请改正这个文件或重新安装本程序。",
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
