"""The PySide6 desktop app: thin windows over ``reader``."""
