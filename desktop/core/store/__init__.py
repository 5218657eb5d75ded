"""Persistence: one SQLite file per committee, opened through :func:`open_store`."""

from desktop.core.store.store import Store, open_store

__all__ = ["Store", "open_store"]
