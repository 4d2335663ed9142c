"""Nieuwsbrief subscriptions: a small web service (Starlette, run by uvicorn) with double opt-in,
one-click unsubscribe (RFC 8058) and consent on record. Not a Pelican plugin: ``make subscriptions``
runs ``python -m dtz_subscribe serve``; README "Subscriptions" describes it.

Public API:

- ``create_app(settings)`` (``app.py``): the ASGI app, routes ``/nieuwsbrief/aanmelden/`` (POST),
  ``/nieuwsbrief/bevestigen/`` and ``/nieuwsbrief/afmelden/`` (GET shows a button, POST acts).
- ``Settings.from_environment()`` (``settings.py``): ``(settings, problems)`` from ``DTZ_SUBSCRIBE_DB``,
  ``DTZ_UNSUBSCRIBE_SECRET``, ``SUBSCRIBE_*`` and ``DTZ_SITE_ROOT``; ``database_url()``.
- ``open_store(url)`` → ``Store`` (``store.py``): ``request``, ``confirm``, ``unsubscribe``, ``erase``,
  ``confirmed()``, ``suppressed()`` (address hashes never to be mailed), ``purge()``, ``monthly()``;
  ``address_hash(address)``.
- ``main(argv)`` (``cli.py``): the commands ``serve``, ``export``, ``purge``, ``erase``, ``upgrade``.

dtz_send imports ``open_store``, ``address_hash`` and ``database_url`` for ``SUBSCRIBERS=db`` and to skip
unsubscribed addresses in any send. The sign-up form's fields and consent texts are the contract in
``dtz_contract.signup``.
"""

from .settings import DB_ENV, Settings, database_url
from .store import Store, address_hash, open_store

__all__ = ["DB_ENV", "Settings", "Store", "address_hash", "create_app", "database_url", "main", "open_store"]


def create_app(settings, store=None):
    """The ASGI app (imported on use: the commands need no web framework)."""
    from .app import create_app as create

    return create(settings, store)


def main(argv=None):
    from .cli import main as run

    return run(argv)
