"""Connecting to the database named by a URL, and bringing its schema to the newest migration.

SQLite (the default, one file under var/) runs in WAL mode with full fsync, and every transaction
takes the write lock when it begins (``BEGIN IMMEDIATE``), so concurrent requests wait for each other
instead of failing halfway. PostgreSQL needs only its URL: ``postgresql+psycopg://user@host/db``.
"""

from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event
from sqlalchemy.engine import make_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def connect(url):
    """An Engine for ``url``; SQLite's folder is made when missing."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)  # no addresses in error messages
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30}, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _pragmas(connection, _record):
        connection.isolation_level = None  # the driver leaves transactions to the "begin" hook below
        cursor = connection.cursor()
        # secure_delete: an erased address is overwritten in the file, not left in a free page
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "busy_timeout=30000", "secure_delete=ON"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def flush_log(engine):
    """SQLite: copy the WAL into the database file and empty it, so no old version of a row stays
    behind in the log (after an erasure). Nothing to do for other databases."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        connection.connection.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _alembic():
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine):
    """Apply every migration the database has not had yet (nothing when it is at head)."""
    config = _alembic()
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
