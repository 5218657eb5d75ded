"""The Qt window. The only package that imports PySide6; widgets ask the core for every rule."""

from desktop.ui.refcount_guard import make_singletons_immortal

# Before any widget exists: PySide6 6.12 on Python 3.11 would otherwise abort after a few
# thousand Qt calls (see refcount_guard).
make_singletons_immortal()
