"""Pure domain rules: standard library and python-stdnum only (no Qt, no SQLAlchemy)."""
