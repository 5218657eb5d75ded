"""The committee's signing key (Ed25519, through ``cryptography``) and the keys of other
committees pinned at their first import.

The private key is kept in this database's ``settings`` (key ``exchange.signing_key``, the raw
32 bytes in base64), so an encrypted database file protects it with everything else. It is made
by migration m0006 when a database is created or upgraded. Public keys travel in the signed
manifest as base64 of their raw 32 bytes; people compare them by :func:`fingerprint`."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

if TYPE_CHECKING:
    from desktop.core.store.store import Store

SIGNING_KEY = "exchange.signing_key"


def new_private_key_text() -> str:
    """A fresh Ed25519 private key as base64 of its raw 32 bytes."""
    raw = Ed25519PrivateKey.generate().private_bytes(
        Encoding.Raw, PrivateFormat.Raw, NoEncryption()
    )
    return base64.b64encode(raw).decode("ascii")


def _private_key(store: Store) -> Ed25519PrivateKey:
    row = store.db.execute("SELECT value FROM settings WHERE key = ?", [SIGNING_KEY]).fetchone()
    if row is None:
        # A database made before m0006 always has one after migrating; an in-memory test
        # database too. This only guards against a settings row deleted by hand.
        text = new_private_key_text()
        with store.db.atomic():
            store.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)", [SIGNING_KEY, json.dumps(text)]
            )
    else:
        text = json.loads(row[0])
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(text))


def public_key_text(store: Store) -> str:
    """This committee's public key, base64 of the raw 32 bytes."""
    raw = _private_key(store).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def sign(store: Store, data: bytes) -> str:
    """Base64 Ed25519 signature of ``data`` with this committee's key."""
    return base64.b64encode(_private_key(store).sign(data)).decode("ascii")


def signature_valid(public_key: str, data: bytes, signature: str) -> bool:
    """Whether ``signature`` (base64) is ``public_key``'s (base64) signature of ``data``;
    malformed keys or signatures are simply not valid."""
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
        key.verify(base64.b64decode(signature, validate=True), data)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def fingerprint(public_key: str) -> str:
    """A short form people can read out over the phone: 4 groups of 4 hex digits."""
    digest = hashlib.sha256(public_key.encode("ascii")).hexdigest()[:16].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


def pinned_key(store: Store, committee_id: str) -> str | None:
    row = store.db.execute(
        "SELECT public_key FROM committee_keys WHERE committee_id = ?", [committee_id]
    ).fetchone()
    return str(row[0]) if row else None


def pin_key(store: Store, committee_id: str, name: str, public_key: str) -> None:
    """Pin (or, deliberately, replace) a committee's key; the replaced key is kept in
    ``previous_keys``. Call inside the import's transaction."""
    old = store.db.execute(
        "SELECT public_key, previous_keys FROM committee_keys WHERE committee_id = ?",
        [committee_id],
    ).fetchone()
    now = store.timestamp()
    if old is None:
        store.db.execute(
            "INSERT INTO committee_keys (committee_id, committee_name, public_key, pinned_at)"
            " VALUES (?, ?, ?, ?)",
            [committee_id, name, public_key, now],
        )
        return
    previous = json.loads(old[1])
    if old[0] != public_key:
        previous.append({"public_key": old[0], "replaced_at": now})
    store.db.execute(
        "UPDATE committee_keys SET committee_name = ?, public_key = ?, previous_keys = ?"
        " WHERE committee_id = ?",
        [name, public_key, json.dumps(previous), committee_id],
    )
