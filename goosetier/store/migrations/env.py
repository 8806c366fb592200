"""Alembic environment: always run in-process on the connection the registry hands over.

script_location is set in code (goosetier.store.database), so no alembic.ini is needed and a
frozen build finds its migrations inside the bundle.
"""

from __future__ import annotations

from alembic import context

from goosetier.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - `alembic revision --autogenerate` from a shell
    from sqlalchemy import create_engine

    connection = create_engine(config.get_main_option("sqlalchemy.url")).connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: copy-and-move tables
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
