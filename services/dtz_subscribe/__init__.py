"""Nieuwsbrief subscriptions (README "Subscriptions"): a small web service (Starlette, run by uvicorn; not a
Pelican plugin) with double opt-in, one-click unsubscribe (RFC 8058) and consent on record, the commands around
its data (``python -m dtz_subscribe``) and here its settings. dtz_send reads the subscribers through ``open_store``."""

import os
from dataclasses import dataclass
from pathlib import Path

from dtz_mail.mailer import PASSWORD_ENV, login_problem, parse_server
from dtz_mail.tokens import secret_from_environment

from .store import open_store  # noqa: F401  dtz_send reads the subscribers through it
from .web import url_origin

PROJECT = Path(__file__).resolve().parents[2]
DB_ENV = "DTZ_SUBSCRIBE_DB"
LIMITS = {"SUBSCRIBE_IP_LIMIT": 10, "SUBSCRIBE_ADDRESS_LIMIT": 3, "SUBSCRIBE_MAX_BODY": 4096}  # and their defaults


def database_url(environ=None):
    """``DTZ_SUBSCRIBE_DB``, or the SQLite file under var/."""
    return (os.environ if environ is None else environ).get(DB_ENV) or f"sqlite:///{PROJECT / 'var' / 'abonnees.sqlite'}"


@dataclass(frozen=True)
class Settings:
    """The service's settings, read once from the environment (secrets never go on a command line or in git)."""

    database: str  # DTZ_SUBSCRIBE_DB
    secret: str  # DTZ_UNSUBSCRIBE_SECRET: signs confirmation links and checks unsubscribe tokens
    site_url: str  # SUBSCRIBE_SITE_URL: where readers reach the site and this service (links in mails)
    origins: frozenset  # origins a sign-up form may be posted from: the site's, plus SUBSCRIBE_ORIGINS
    site_root: str  # DTZ_SITE_ROOT: the deployed site folder (its theme/assets.json names the stylesheet)
    sender: str  # SUBSCRIBE_FROM
    smtp: tuple  # Mailer's (host, port, security, user, password): SUBSCRIBE_SMTP, _SECURITY, _USER, DTZ_SMTP_PASSWORD
    ip_limit: int  # SUBSCRIBE_IP_LIMIT: sign-ups per IP address per hour
    address_limit: int  # SUBSCRIBE_ADDRESS_LIMIT: confirmation mails per address per 24 hours
    max_body: int  # SUBSCRIBE_MAX_BODY: bytes a request body may have

    @classmethod
    def from_environment(cls, environ=None):
        """(Settings, []) or (None, [Dutch problem lines]): every problem, so a bad start names all of them."""
        env = os.environ if environ is None else environ
        problems = []
        secret, reason = secret_from_environment(env)
        if secret is None:
            problems.append(f"{reason}: zonder geheim geen ondertekende links")
        site_url = env.get("SUBSCRIBE_SITE_URL", "https://www.dutchtechzone.nl").rstrip("/")
        if not url_origin(site_url).startswith(("http://", "https://")):
            problems.append(f"SUBSCRIBE_SITE_URL: {site_url!r} is geen adres — verwacht https://www.voorbeeld.nl")
        origins = {url_origin(site_url), *(url_origin(o) for o in env.get("SUBSCRIBE_ORIGINS", "").split())}
        security = env.get("SUBSCRIBE_SMTP_SECURITY", "").lower() or None
        if security not in (None, "starttls", "ssl"):
            problems.append(f"SUBSCRIBE_SMTP_SECURITY: {security!r} — verwacht leeg, starttls of ssl")
            security = None
        host, port = "localhost", 25
        try:
            host, port = parse_server(env.get("SUBSCRIBE_SMTP", "localhost"), security)
        except ValueError as error:
            problems.append(f"SUBSCRIBE_SMTP: {error}")
        user, password = env.get("SUBSCRIBE_SMTP_USER", ""), env.get(PASSWORD_ENV, "")
        if login := login_problem(host, security, user, password):
            problems.append(f"SUBSCRIBE_SMTP_USER: {login} (wachtwoord in {PASSWORD_ENV}, SUBSCRIBE_SMTP_SECURITY)")
        for name, default in LIMITS.items():
            if not (text := env.get(name, str(default))).isdigit() or int(text) < 1:
                problems.append(f"{name}: {text!r} — verwacht een geheel getal van 1 of meer")
        if problems:
            return None, problems
        limits = {name.removeprefix("SUBSCRIBE_").lower(): int(env.get(name, default)) for name, default in LIMITS.items()}
        smtp = (host, port, security, user or None, password or None)
        sender = env.get("SUBSCRIBE_FROM", "Dutch TechZone <nieuwsbrief@dutchtechzone.nl>")
        return cls(database_url(env), secret, site_url, frozenset(origins), env.get("DTZ_SITE_ROOT", ""), sender, smtp, **limits), []
