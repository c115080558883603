"""Errors of the audio path that are not about one input file."""
from __future__ import annotations


class SetupError(RuntimeError):
    """A missing tool, package or model file (or one that changed). str() is one line."""
