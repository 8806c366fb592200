"""Sub-commands contributed by the features (import/export, printing, self-test, sharing).

Each module here exposes ``register(subparsers)``; it must keep heavy imports (Qt, SQLAlchemy,
Excel readers) inside the command functions so ``goosetier --version`` stays fast. The list is
explicit rather than discovered so a frozen build finds every module.
"""

from __future__ import annotations

import importlib

MODULES = ("imports", "exports", "printing", "selftest", "sharing")


def registrars() -> list:
    found = []
    for name in MODULES:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            continue
        found.append(module.register)
    return found
