"""The window's two text sizes as one parametrised fixture, for every UI test that must hold at
normal and at large text. A test module takes it by name: ``text_size = text_sizes.text_size``
(an import of the fixture itself would be shadowed by the test's argument, which ruff reports;
a second conftest.py would give mypy two modules named conftest)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from desktop.ui.fonts import load_fonts
from desktop.ui.prefs import LARGE_POINTS, NORMAL_POINTS


@pytest.fixture(params=[NORMAL_POINTS, LARGE_POINTS], ids=["normal", "large"])
def text_size(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[int]:
    """The bundled font at the given point size (and the style that grows with it) for the
    test; the application's font and style as they were afterwards."""
    old_font, old_style = qapp.font(), qapp.style().name()
    load_fonts(qapp, request.param)
    yield request.param
    qapp.setFont(old_font)
    qapp.setStyle(old_style)
