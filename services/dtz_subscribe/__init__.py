"""Nieuwsbrief subscriptions (README "Subscriptions"): a small web service (Starlette, run by uvicorn; not a
Pelican plugin) with double opt-in, one-click unsubscribe (RFC 8058) and consent on record, and the commands
around its data (``python -m dtz_subscribe``). dtz_send reads the subscribers through ``open_store``."""

from .settings import DB_ENV, Settings, database_url
from .store import Store, open_store

__all__ = ["DB_ENV", "Settings", "Store", "database_url", "open_store"]
