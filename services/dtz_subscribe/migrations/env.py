"""Alembic's entry point: migrations run on the connection database.upgrade() hands over."""

from alembic import context

from dtz_subscribe.store import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
