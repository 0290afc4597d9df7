"""Mødemappe's core: library, PDF handling and CLI. Never imports Qt."""

__version__ = "0.1.0"
