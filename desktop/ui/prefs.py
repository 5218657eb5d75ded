"""Per-user window preferences (not case data): kept in an INI file through QSettings."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from desktop.core.paths import user_data_dir

NORMAL_POINTS = 12
LARGE_POINTS = 16


def settings() -> QSettings:
    return QSettings(str(user_data_dir() / "window.ini"), QSettings.Format.IniFormat)


def large_text() -> bool:
    return str(settings().value("large_text", "false")).lower() == "true"


def set_large_text(on: bool) -> None:
    s = settings()
    s.setValue("large_text", "true" if on else "false")
    s.sync()


def point_size() -> int:
    return LARGE_POINTS if large_text() else NORMAL_POINTS


def id_photo_keep() -> bool | None:
    """Whether a photo used to fill a party is kept as the case's attachment; None until the
    mediator has been asked (once)."""
    value = str(settings().value("id_photo_keep", "")).lower()
    return {"true": True, "false": False}.get(value)


def set_id_photo_keep(keep: bool) -> None:
    s = settings()
    s.setValue("id_photo_keep", "true" if keep else "false")
    s.sync()
