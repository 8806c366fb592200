"""The registry: SQLAlchemy models, opening and migrating the database, backups, queries."""
