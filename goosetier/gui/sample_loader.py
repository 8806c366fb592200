"""Load the bundled sample roster (goosetier.importing.sample) through the ordinary importer,
marking what it creates as sample data (enterprise.is_sample)."""

from __future__ import annotations

import tempfile
from pathlib import Path


def load_sample(registry):
    """Write the sample workbook to a temporary folder and import it; returns ImportResult."""
    from goosetier.importing.model import ImportOptions
    from goosetier.importing.sample import write_sample
    from goosetier.importing.session import run_import

    with tempfile.TemporaryDirectory(prefix="goosetier-sample-") as folder:
        path = write_sample(Path(folder) / "示例名单.xlsx")
        result, _plan = run_import(registry, path, options=ImportOptions(mark_sample=True))
    return result
