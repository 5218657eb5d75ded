"""The exchange package format (version 3): a .zip with ``manifest.json``, ``cases.jsonl`` and
optional reports, every member listed in the manifest with its SHA-256. Documented in
docs/exchange-format.md. The limits keep a damaged or malicious package from exhausting the
laptop."""

from __future__ import annotations

import hashlib
import json
from typing import Any

FORMAT = "wusong-exchange"
#: Version 2 (issue 10): signed manifest, revisions and lineage, schema-validated fields,
#: masked flag. Version 3: the manifest says which of the sender's changes the package
#: carries (``since_seq``..``change_seq``, ``package_no``), so a missed package is noticed, and
#: the sender's region. Versions 1 and 2 are still read (see docs/exchange-format.md).
FORMAT_VERSION = 3
SUPPORTED_VERSIONS = (1, 2, 3)
MANIFEST = "manifest.json"
#: Base64 Ed25519 signature of the exact bytes of manifest.json (format 2).
SIGNATURE = "manifest.sig"
CASES = "cases.jsonl"
ENTRIES = "monthly_entries.json"
KINDS = ("period", "handoff")

MAX_MEMBERS = 2000
#: Real decompressed bytes, counted while reading (headers are never trusted). Members are
#: streamed, so these bound time, not memory; 512 MB of case lines is ~150,000 cases.
MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
#: Members read whole (manifest, signature, 排查 figures) and any one case line.
MAX_SMALL_MEMBER_BYTES = 16 * 1024 * 1024
MAX_LINE_BYTES = 16 * 1024 * 1024
#: A real member compresses maybe 10:1; a zip bomb by thousands to one. Checked on the real
#: bytes past the first megabyte.
MAX_RATIO = 200


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
