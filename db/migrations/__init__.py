"""Numbered schema migrations, one module each. Rule: a released migration is never edited;
change the schema by adding the next one. The store takes a backup copy of the file before
applying any.

To add a migration: write ``db/migrations/mNNNN_what.py`` (``@migrations(name="mNNNN_what")``
on a function of ``db``, SQL run with ``run_script``, as the modules here do) and import it
below IN NUMERIC ORDER: the order of these imports is the order migrations run. Then
regenerate ``db/schema.sql`` (``wusong schema``; a test compares the two)."""

from __future__ import annotations

# Each import registers its migration; keep them in numeric order.
from db.migrations import (
    m0001_initial,  # noqa: F401
    m0002_monthly_entries,  # noqa: F401
    m0003_report_indexes,  # noqa: F401
    m0004_exchange,  # noqa: F401
    m0006_exchange_trust,  # noqa: F401
    m0007_documents_terms,  # noqa: F401
    m0008_official_numbers,  # noqa: F401
    m0010_name_initials,  # noqa: F401
    m0011_onsite_session,  # noqa: F401
    m0012_entry_revisions,  # noqa: F401
    m0015_exchange_sequences,  # noqa: F401
    m0016_name_spaces,  # noqa: F401
    m0017_received_audit,  # noqa: F401
)
from db.migrations.registry import migrations, run_script

__all__ = ["migrations", "run_script"]
