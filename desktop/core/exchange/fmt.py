"""The exchange package format (version 1): a .zip with ``manifest.json``, ``cases.jsonl`` and
optional reports, every member listed in the manifest with its SHA-256. Documented in
docs/exchange-format.md. The limits keep a damaged or malicious package from exhausting the
laptop."""

from __future__ import annotations

import hashlib
import json
from typing import Any

FORMAT = "wusong-exchange"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CASES = "cases.jsonl"
ENTRIES = "monthly_entries.json"
KINDS = ("period", "handoff")

MAX_MEMBERS = 2000
MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
#: A real member compresses maybe 10:1; a zip bomb by thousands to one.
MAX_RATIO = 200

#: Keys every case line must have, and their JSON types.
CASE_KEYS: dict[str, type | tuple[type, ...]] = {
    "uuid": str,
    "case_no": str,
    "updated_at": str,
    "case": dict,
    "parties": list,
    "records": dict,
    "escalations": list,
    "terminations": list,
    "extensions": list,
    "audit": list,
}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical(obj: Any) -> bytes:
    """Stable JSON: the same content always hashes the same."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def content_hash(line: dict[str, Any]) -> str:
    """Hash of a case's content, without its audit trail and local ids (which differ between
    databases holding the same case)."""
    core = {k: line[k] for k in ("parties", "records", "escalations", "terminations", "extensions")}
    # Mediators are people of the sending committee; the receiving file does not link them.
    core["case"] = {k: v for k, v in line["case"].items() if k != "mediator_name"}
    return sha256(canonical(core))
