"""Exports to Excel: rosters of any Selection, the summary workbook, the blank import template.

- `roster.export_roster(registry, selection, out, sheet_per_program=…, per_designation=…)`
  streams a roster (xlsxwriter constant_memory; rows from `roster_query`, one SQL pass).
- `summary_book.export_summary_book(summary, out, clusters=…, tiers=…)` writes the tier summary
  table with native Excel bar charts; the caller builds the Summary (goosetier.reports), since
  sibling layers do not import each other.
- `template.export_template(out)` writes the blank import template with drop-down lists.

Every cell goes through `safety`: text is written as text, and text that looks like a formula
gets Excel's quote prefix, so no export can carry a formula from imported data. This package
imports core and store only — never Qt.
"""
