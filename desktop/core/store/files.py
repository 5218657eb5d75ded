"""Attachments (photos and scans copied into the data folder, with their SHA-256) and the
record of every generated document."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import NotFoundError, StoreError, ValidationError
from desktop.core.fsutil import atomic_copy, atomic_write_bytes, sha256_file
from desktop.core.models import Attachment, GeneratedDocument
from desktop.core.store import audit, sql
from desktop.core.store.database import DiskFullError
from desktop.core.store.filecrypt import private_folder, readable_copy, seal_bytes
from desktop.core.workflow.engine import check_edit

if TYPE_CHECKING:
    from desktop.core.store.store import Store

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_filename(name: str) -> str:
    cleaned = _UNSAFE.sub("_", name).strip(" .")
    return cleaned[:120] or "附件"


class FileRepository:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db

    def attachments(self, case_id: int) -> tuple[Attachment, ...]:
        return tuple(
            Attachment(
                r["id"],
                r["case_id"],
                r["filename"],
                r["stored_path"],
                r["sha256"],
                r["size"],
                r["note"],
                r["added_at"],
            )
            for r in self.db.query(
                "SELECT * FROM attachments WHERE case_id = ? ORDER BY id", [case_id]
            )
        )

    def attachment_path(self, attachment: Attachment) -> Path:
        """Where the attachment is stored (encrypted when the file has a password)."""
        return self.store.data_dir / attachment.stored_path

    def documents_folder(self, case_uuid: str) -> Path:
        """Where a case's generated documents are written: beside the database, or, when it
        has a password, in a private temporary folder removed at exit (a printed form is
        made again from the case whenever needed, and never lies readable beside it)."""
        if self.store.db_key is not None:
            return private_folder() / "documents" / case_uuid
        return self.store.data_dir / "documents" / case_uuid

    def readable_path(self, attachment: Attachment) -> Path:
        """A path a viewer can open: the stored file, or a decrypted private temporary copy
        when the database is encrypted (filecrypt.py)."""
        return readable_copy(self.attachment_path(attachment), self.store.db_key)

    def add_attachment(
        self, case_id: int, source: Path, note: str = "", *, actor: str | None = None
    ) -> Attachment:
        """Copy ``source`` into the case's folder; receipts and scans may still be added to a
        closed case, like return visits."""
        source = Path(source)
        if not source.is_file():
            raise ValidationError(f"找不到文件 {source}，请重新选择。")
        case = self.store.cases.get(case_id)
        check_edit(self.store.cases.state(case), "receipt")
        digest = sha256_file(source)
        relative = Path("attachments") / case.uuid / f"{digest[:12]}-{safe_filename(source.name)}"
        target = self.store.data_dir / relative
        if not target.exists():
            if self.store.db_key is not None:
                # Beside an encrypted database an ID photo is never kept readable.
                atomic_write_bytes(target, seal_bytes(self.store.db_key, source.read_bytes()))
            else:
                atomic_copy(source, target)
        now = self.store.timestamp()
        try:
            with self.db.atomic():
                att_id = sql.insert(
                    self.db,
                    "attachments",
                    {
                        "case_id": case_id,
                        "filename": source.name,
                        "stored_path": relative.as_posix(),
                        "sha256": digest,
                        "size": source.stat().st_size,
                        "note": note.strip(),
                        "added_at": now,
                    },
                )
                self.db.execute("UPDATE cases SET updated_at = ? WHERE id = ?", [now, case_id])
                audit.write(
                    self.db,
                    at=now,
                    actor=actor or self.store.actor,
                    case_id=case_id,
                    entity="attachment",
                    entity_id=att_id,
                    action="attach",
                    detail={"filename": source.name, "sha256": digest, "note": note.strip()},
                )
        except BaseException:
            if not self.db.execute(
                "SELECT 1 FROM attachments WHERE stored_path = ?", [relative.as_posix()]
            ).fetchone():
                target.unlink(missing_ok=True)
            raise
        return next(a for a in self.attachments(case_id) if a.id == att_id)

    def documents(self, case_id: int | None) -> tuple[GeneratedDocument, ...]:
        rows = self.db.query("SELECT * FROM documents WHERE case_id IS ? ORDER BY id", [case_id])
        return tuple(
            GeneratedDocument(
                r["id"],
                r["case_id"],
                r["form"],
                r["format"],
                r["path"],
                r["sha256"],
                r["created_at"],
            )
            for r in rows
        )

    def record_document(
        self, case_id: int | None, form: str, fmt: str, path: Path, *, actor: str | None = None
    ) -> GeneratedDocument:
        """Note a document that was written (atomically) to ``path``, with its hash."""
        path = Path(path)
        if not path.is_file():
            raise NotFoundError(f"文书文件 {path} 不存在，无法登记。")
        digest = sha256_file(path)
        now = self.store.timestamp()
        try:
            return self._record_document(case_id, form, fmt, path, digest, now, actor)
        except DiskFullError as exc:
            # The file IS written: say so, rather than "nothing was saved" beside a new file.
            raise StoreError(
                f"“{path.name}”已经写好，但磁盘已满，没能在 {self._file_name()} 里登记这份文书；"
                "请腾出磁盘空间后再生成一次。"
            ) from exc

    def _file_name(self) -> str:
        return self.store.path.name if self.store.path else "案件库"

    def _record_document(
        self,
        case_id: int | None,
        form: str,
        fmt: str,
        path: Path,
        digest: str,
        now: str,
        actor: str | None,
    ) -> GeneratedDocument:
        with self.db.atomic():
            doc_id = sql.insert(
                self.db,
                "documents",
                {
                    "case_id": case_id,
                    "form": form,
                    "format": fmt,
                    "path": str(path.resolve()),
                    "sha256": digest,
                    "created_at": now,
                },
            )
            audit.write(
                self.db,
                at=now,
                actor=actor or self.store.actor,
                case_id=case_id,
                entity="document",
                entity_id=doc_id,
                action="document",
                detail={"form": form, "format": fmt, "path": str(path), "sha256": digest},
            )
        return next(d for d in self.documents(case_id) if d.id == doc_id)
