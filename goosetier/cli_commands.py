"""Sub-commands contributed by the import/export, printing and packaging work.

Each entry is a function that adds its sub-parsers; kept apart from cli.py so the commands of
different features can grow without editing one file from several places.
"""

from __future__ import annotations

REGISTER: list = []
