"""The Qt window. The only package that imports PySide6; widgets ask the core for every rule."""
