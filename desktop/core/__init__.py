"""The Qt-free core of 无讼调解助手.

Design rules: nothing under ``desktop.core`` imports PySide6 (a test enforces it); the UI and
the CLI reach data only through the store's repositories; every rule about cases (step order,
mandatory items, escalation, termination, read-only closed cases) lives in ``workflow`` and is
applied by the store inside the same transaction that writes the change and its audit entry.
"""
