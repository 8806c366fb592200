"""Roster import: read a workbook, find its header, map columns, parse and classify rows."""
