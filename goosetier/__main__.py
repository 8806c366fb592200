"""``python -m goosetier`` — same as the ``goosetier`` command."""

from goosetier.cli import main

raise SystemExit(main())
