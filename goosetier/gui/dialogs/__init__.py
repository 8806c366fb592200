"""Dialogs: enterprise and designation forms, settings, targets editor, import history."""
