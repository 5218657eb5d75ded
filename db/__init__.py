"""Database schema of 无讼调解助手: numbered migrations (never edited once released) and the
schema snapshot ``schema.sql`` that a test keeps equal to what the migrations build."""

from db.migrations import migrations

__all__ = ["migrations"]
