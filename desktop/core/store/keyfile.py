"""How the committee's database key is kept.

The database is encrypted by SQLCipher with a random 256-bit key given as a raw key
(``PRAGMA key = "x'…'"``), so opening costs no SQLCipher key stretching. That key is derived
from the **recovery key** printed on the recovery sheet (32 random digits, 106 bits, in eight
groups of four digits plus one check digit, so a mistyped group is named), which therefore
opens the file and every backup on its own, even when the key file is lost. The **password**
wraps the same key: scrypt (n=2^15, r=8, p=1; RFC 7914) turns it into a key-encryption key and
AES-256-GCM seals the database key with it, in a small JSON file beside the database
(``<name>.key``). Changing the password rewrites only that file.

A wrong password is refused with a growing wait (1, 2, 4 … 60 seconds) kept in
``<name>.attempts``, so restarting the program does not reset it. Nothing else is changed.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from desktop.core.errors import StoreError, ValidationError
from desktop.core.fsutil import atomic_write_bytes

FORMAT = 1
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
PASSWORD_MIN = 6
PASSWORD_MAX = 64
GROUPS, GROUP_DIGITS = 8, 4
_AAD = b"wusong-db-key-v1"
_HKDF_INFO = b"wusong sqlcipher raw key v1"


class PasswordNeededError(StoreError):
    """The file is encrypted and no password (or recovery key) was given."""


class WrongPasswordError(StoreError):
    """The password or recovery key does not open this file. ``wait`` is the number of
    seconds before the next try is accepted."""

    def __init__(self, message: str, wait: int = 0) -> None:
        super().__init__(message)
        self.wait = wait


def key_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".key")


def attempts_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".attempts")


def key_id(db_key: bytes) -> str:
    """A short fingerprint that tells which key a file uses (reveals nothing of the key)."""
    return hashlib.sha256(b"wusong-key-id" + db_key).hexdigest()[:16]


def sqlcipher_key(db_key: bytes) -> str:
    """The text after ``PRAGMA key =`` for a raw 256-bit key."""
    return f"\"x'{db_key.hex()}'\""


# ---------------------------------------------------------------------------- passwords
def clean_password(raw: str) -> str:
    """The password as it is used: NFKC-folded, so a password typed with the input method in
    full-width mode (１２３４５６, ＡＢＣ) is the same as in half-width mode.

    Raises ValidationError when it is shorter than 6 or longer than 64 characters, is only
    spaces, begins or ends with a space (a stray space typed at the end would lock the
    committee out later: nobody remembers it), or holds control characters."""
    text = unicodedata.normalize("NFKC", raw or "")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in text):
        raise ValidationError("密码里有看不见的控制字符，请重新输入。", field="password")
    if not text.strip():
        raise ValidationError("请输入密码。", field="password")
    if text != text.strip():
        raise ValidationError(
            "密码的开头或结尾有空格，以后容易输错；请去掉开头和结尾的空格再设（中间的空格可以保留）。",
            field="password",
        )
    if len(text) < PASSWORD_MIN:
        raise ValidationError(
            f"密码太短了，至少要 {PASSWORD_MIN} 个字（字母、数字或汉字都可以）。", field="password"
        )
    if len(text) > PASSWORD_MAX:
        raise ValidationError(f"密码太长了，最多 {PASSWORD_MAX} 个字。", field="password")
    return text


def _kek(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(password.encode("utf-8"))


# ---------------------------------------------------------------------------- recovery key
def _check_digit(digits: str) -> str:
    """Weighted mod-10 check digit with weights 7, 3, 1, 9 (each prime to 10), so every
    single wrong digit of a group changes the check and is caught."""
    total = sum(int(d) * w for d, w in zip(digits, (7, 3, 1, 9), strict=True))
    return str((10 - total % 10) % 10)


def new_recovery_key() -> str:
    """A fresh recovery key as printed: ``12345-67890-…`` (8 groups of 5 digits)."""
    data = "".join(f"{secrets.randbelow(10**GROUP_DIGITS):0{GROUP_DIGITS}d}" for _ in range(GROUPS))
    return printed_recovery_key(data)


def printed_recovery_key(data: str) -> str:
    """The printed form (8 groups of 4 digits + check digit, joined by ``-``) of the 32 data
    digits ``parse_recovery_key`` returns."""
    groups = [data[i : i + GROUP_DIGITS] for i in range(0, GROUPS * GROUP_DIGITS, GROUP_DIGITS)]
    return "-".join(g + _check_digit(g) for g in groups)


#: What people put between the groups when they copy them (after NFKC: full-width forms folded).
_SEPARATORS = "-‐‑‒–—―_.,，、;；/|"


def parse_recovery_key(text: str) -> str:
    """The 32 data digits of a typed recovery key; spaces, dashes and full-width digits are
    accepted. Raises ValidationError naming the group that was copied wrong."""
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", text or "") if ch.isdigit())
    others = [
        ch
        for ch in unicodedata.normalize("NFKC", text or "")
        if not (ch.isdigit() or ch.isspace() or ch in _SEPARATORS)
    ]
    want = GROUPS * (GROUP_DIGITS + 1)
    if others or len(digits) != want or not digits.isascii():
        raise ValidationError(
            f"恢复密钥应当是 {GROUPS} 组、每组 5 位数字（共 {want} 位），"
            f"现在是 {len(digits)} 位{'，还夹着别的字' if others else ''}。请对照恢复单重新输入。",
            field="recovery_key",
        )
    data = []
    for i in range(GROUPS):
        group = digits[i * 5 : i * 5 + 5]
        if _check_digit(group[:4]) != group[4]:
            raise ValidationError(
                f"恢复密钥第 {i + 1} 组（{group}）抄错了，请对照恢复单重新输入这一组。",
                field="recovery_key",
            )
        data.append(group[:4])
    return "".join(data)


def db_key_from_recovery(text: str) -> bytes:
    """The database key a recovery key stands for (HKDF-SHA256 of its 32 data digits; the
    digits carry 106 random bits, so no slow stretching is needed). Raises ValidationError."""
    digits = parse_recovery_key(text)
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO).derive(
        digits.encode("ascii")
    )


# ---------------------------------------------------------------------------- the key file
@dataclass(frozen=True)
class KeyFile:
    key_id: str
    salt: bytes
    nonce: bytes
    sealed: bytes
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P
    #: The printed recovery key sealed by the same password (its own nonce), so the sheet
    #: can be printed again by whoever knows the password (``wusong password sheet``).
    #: Reveals nothing the password does not already open: the recovery key only stands
    #: for the database key. Absent in key files of the first release.
    recovery_nonce: bytes = b""
    recovery_sealed: bytes = b""

    def to_bytes(self) -> bytes:
        b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
        return json.dumps(
            {
                "format": FORMAT,
                "说明": "无讼调解助手案件库的钥匙文件：用密码解开案件库。请勿删除或修改。",
                "key_id": self.key_id,
                "kdf": {"name": "scrypt", "n": self.n, "r": self.r, "p": self.p},
                "salt": b64(self.salt),
                "nonce": b64(self.nonce),
                "sealed": b64(self.sealed),
                **(
                    {
                        "recovery": {
                            "nonce": b64(self.recovery_nonce),
                            "sealed": b64(self.recovery_sealed),
                        }
                    }
                    if self.recovery_sealed
                    else {}
                ),
            },
            ensure_ascii=False,
            indent=1,
        ).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes, where: Path) -> KeyFile:
        try:
            raw = json.loads(data.decode("utf-8"))
            if raw["format"] != FORMAT or raw["kdf"]["name"] != "scrypt":
                raise ValueError(raw["format"])
            return cls(
                key_id=str(raw["key_id"]),
                salt=base64.b64decode(raw["salt"]),
                nonce=base64.b64decode(raw["nonce"]),
                sealed=base64.b64decode(raw["sealed"]),
                n=int(raw["kdf"]["n"]),
                r=int(raw["kdf"]["r"]),
                p=int(raw["kdf"]["p"]),
                recovery_nonce=base64.b64decode(raw.get("recovery", {}).get("nonce", "")),
                recovery_sealed=base64.b64decode(raw.get("recovery", {}).get("sealed", "")),
            )
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
            raise StoreError(
                f"钥匙文件 {where.name} 已经损坏，不能用密码打开案件库。"
                "请用恢复单上的恢复密钥打开，再设一个新密码。"
            ) from exc


def seal(db_key: bytes, password: str, recovery_key: str | None = None) -> KeyFile:
    """Wrap the database key with a password (scrypt + AES-256-GCM); with ``recovery_key``
    (which must stand for ``db_key``) the printed recovery key is sealed beside it. Raises
    ValidationError for a password :func:`clean_password` refuses."""
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    kek = _kek(clean_password(password), salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    sealed = AESGCM(kek).encrypt(nonce, db_key, _AAD)
    r_nonce, r_sealed = b"", b""
    if recovery_key is not None:
        printed = printed_recovery_key(parse_recovery_key(recovery_key))
        assert db_key_from_recovery(printed) == db_key, "recovery key of another database key"
        r_nonce = secrets.token_bytes(12)
        r_sealed = AESGCM(kek).encrypt(r_nonce, printed.encode("ascii"), _RECOVERY_AAD)
    return KeyFile(
        key_id(db_key), salt, nonce, sealed, recovery_nonce=r_nonce, recovery_sealed=r_sealed
    )


_RECOVERY_AAD = b"wusong-recovery-key-v1"


def unseal(kf: KeyFile, password: str) -> bytes | None:
    """The database key, or None when the password is wrong (the GCM tag does not match)."""
    found = _unseal_both(kf, password)
    return found[0] if found else None


def unseal_recovery(kf: KeyFile, password: str) -> str | None:
    """The printed recovery key sealed in the key file, or None when the password is wrong
    or the key file (first release) holds none."""
    found = _unseal_both(kf, password)
    return found[1] if found else None


def _unseal_both(kf: KeyFile, password: str) -> tuple[bytes, str | None] | None:
    text = unicodedata.normalize("NFKC", password or "")
    try:
        kek = _kek(text, kf.salt, kf.n, kf.r, kf.p)
        db_key = AESGCM(kek).decrypt(kf.nonce, kf.sealed, _AAD)
    except (InvalidTag, ValueError):
        return None
    if not kf.recovery_sealed:
        return db_key, None
    try:
        printed = AESGCM(kek).decrypt(kf.recovery_nonce, kf.recovery_sealed, _RECOVERY_AAD)
    except (InvalidTag, ValueError):
        return db_key, None
    return db_key, printed.decode("ascii")


def unseal_typed(
    db_path: Path,
    kf: KeyFile,
    typed: str,
    now: datetime,
    what: str = "密码",
    outcome: str = "案件库没有打开",
) -> bytes:
    """The database key for a password as the mediator typed it. Raises WrongPasswordError:
    a wrong password counts as a wrong try (growing wait); a password that is right only
    without the spaces typed at its beginning or end is refused with a sentence saying so
    (not counted: it is a slip of the finger, and the wait would puzzle)."""
    found = unseal(kf, typed)
    if found is not None:
        return found
    text = unicodedata.normalize("NFKC", typed or "")
    if text.strip() and text.strip() != text and unseal(kf, text.strip()) is not None:
        raise WrongPasswordError(
            f"{what}的开头或结尾多打了空格，{outcome}；去掉空格就对了，请重新输入（不要带空格）。"
        )
    raise record_failure(db_path, now, what, outcome)


def read_key_file(db_path: Path) -> KeyFile | None:
    path = key_path(db_path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    return KeyFile.from_bytes(data, path)


def write_key_file(db_path: Path, kf: KeyFile) -> Path:
    """Written whole or not at all (temp file, fsync, rename, folder fsync)."""
    path = atomic_write_bytes(key_path(db_path), kf.to_bytes())
    sync_dir(path.parent)
    return path


def copy_key_file(db_path: Path, copy_path: Path) -> Path | None:
    """Put the key file of ``db_path`` beside a copy of it (a backup), if there is one."""
    try:
        data = key_path(db_path).read_bytes()
    except FileNotFoundError:
        return None
    return atomic_write_bytes(key_path(copy_path), data)


def sync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no directory handles)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# ---------------------------------------------------------------------------- wrong tries
def wait_after(failures: int) -> int:
    """Seconds to wait after ``failures`` wrong tries in a row: 0, 1, 2, 4 … at most 60
    (the first mistake is free: a typo is common)."""
    return 0 if failures < 2 else min(2 ** (failures - 2), 60)


def _attempts(db_path: Path) -> tuple[int, float]:
    try:
        raw = json.loads(attempts_path(db_path).read_text("utf-8"))
        return int(raw["failures"]), float(raw["until"])
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return 0, 0.0


def check_not_waiting(db_path: Path, now: datetime) -> None:
    """Raises WrongPasswordError while the wait after the last wrong try is running."""
    failures, until = _attempts(db_path)
    left = int(until - now.timestamp() + 0.999)
    if failures and left > 0:
        raise WrongPasswordError(f"密码已经输错 {failures} 次，请等 {left} 秒再试。", wait=left)


def record_failure(
    db_path: Path, now: datetime, what: str = "密码", outcome: str = "案件库没有打开"
) -> WrongPasswordError:
    """Count a wrong try (kept beside the file, so a restart does not reset the wait) and
    return the refusal to raise: ``{what}不对，{outcome}（已输错 N 次），…``."""
    failures = _attempts(db_path)[0] + 1
    wait = wait_after(failures)
    # A read-only folder (a CD, a locked USB stick) cannot keep the count: refused all the same.
    with contextlib.suppress(OSError):
        atomic_write_bytes(
            attempts_path(db_path),
            json.dumps({"failures": failures, "until": now.timestamp() + wait}).encode(),
        )
    later = f"请等 {wait} 秒再试" if wait else "请再试一次"
    tip = (
        "请对照恢复单，核对是不是这个案件库的恢复单。"
        if what == "恢复密钥"
        else "注意大小写；忘了密码可以用恢复单上的恢复密钥打开。"
    )
    return WrongPasswordError(
        f"{what}不对，{outcome}（已输错 {failures} 次），{later}。{tip}", wait=wait
    )


def clear_failures(db_path: Path) -> None:
    with contextlib.suppress(OSError):  # read-only folder: nothing was kept there either
        attempts_path(db_path).unlink(missing_ok=True)
