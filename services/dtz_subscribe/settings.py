"""The service's settings, read once from the environment (secrets never go on a command line or in git).

Every problem is collected, so a bad start names all of them, one Dutch line each.
"""

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from dtz_mail.mailer import PASSWORD_ENV, login_problem, parse_server
from dtz_mail.tokens import secret_from_environment

from .web import url_origin

PROJECT = Path(__file__).resolve().parents[2]
DB_ENV = "DTZ_SUBSCRIBE_DB"
DEFAULT_DB = f"sqlite:///{PROJECT / 'var' / 'abonnees.sqlite'}"
SECURITY = {"": None, "starttls": "starttls", "ssl": "ssl"}


def database_url(environ=None):
    """``DTZ_SUBSCRIBE_DB``, or the SQLite file under var/."""
    return (environ if environ is not None else os.environ).get(DB_ENV) or DEFAULT_DB


@dataclass(frozen=True)
class Settings:
    database: str  # DTZ_SUBSCRIBE_DB
    secret: str  # DTZ_UNSUBSCRIBE_SECRET: signs confirmation links and checks unsubscribe tokens
    site_url: str  # SUBSCRIBE_SITE_URL: where readers reach the site and this service (links in mails)
    origins: frozenset  # origins a sign-up form may be posted from: the site's, plus SUBSCRIBE_ORIGINS
    site_root: str  # DTZ_SITE_ROOT: the deployed site folder (its theme/assets.json names the stylesheet)
    sender: str  # SUBSCRIBE_FROM
    smtp_host: str  # SUBSCRIBE_SMTP: HOST:PORT
    smtp_port: int
    smtp_security: str  # SUBSCRIBE_SMTP_SECURITY: "", starttls or ssl
    smtp_user: str  # SUBSCRIBE_SMTP_USER; the password from DTZ_SMTP_PASSWORD
    smtp_password: str
    ip_limit: int  # SUBSCRIBE_IP_LIMIT: sign-ups per IP address per hour
    address_limit: int  # SUBSCRIBE_ADDRESS_LIMIT: confirmation mails per address per 24 hours
    max_body: int  # SUBSCRIBE_MAX_BODY: bytes a request body may have

    @classmethod
    def from_environment(cls, environ=None):
        """(Settings, []) or (None, [Dutch problem lines])."""
        env = environ if environ is not None else os.environ
        problems = []
        secret, reason = secret_from_environment(env)
        if secret is None:
            problems.append(f"{reason}: zonder geheim geen ondertekende links")
        site_url = env.get("SUBSCRIBE_SITE_URL", "https://www.dutchtechzone.nl").rstrip("/")
        if urlsplit(site_url).scheme not in ("http", "https") or not urlsplit(site_url).netloc:
            problems.append(f"SUBSCRIBE_SITE_URL: {site_url!r} is geen adres — verwacht https://www.voorbeeld.nl")
        origins = {url_origin(site_url), *(url_origin(o) for o in env.get("SUBSCRIBE_ORIGINS", "").split())}
        security = env.get("SUBSCRIBE_SMTP_SECURITY", "").lower()
        if security not in SECURITY:
            problems.append(f"SUBSCRIBE_SMTP_SECURITY: {security!r} — verwacht leeg, starttls of ssl")
            security = ""
        host, port = "localhost", 25
        try:
            host, port = parse_server(env.get("SUBSCRIBE_SMTP", "localhost"), SECURITY[security])
        except ValueError as error:
            problems.append(f"SUBSCRIBE_SMTP: {error}")
        user, password = env.get("SUBSCRIBE_SMTP_USER", ""), env.get(PASSWORD_ENV, "")
        login = login_problem(host, SECURITY[security], user, password)
        if login:
            problems.append(f"SUBSCRIBE_SMTP_USER: {login} (wachtwoord in {PASSWORD_ENV}, SUBSCRIBE_SMTP_SECURITY)")
        numbers = {}
        for name, default in (("SUBSCRIBE_IP_LIMIT", 10), ("SUBSCRIBE_ADDRESS_LIMIT", 3), ("SUBSCRIBE_MAX_BODY", 4096)):
            text = env.get(name, str(default))
            if not text.isdigit() or int(text) < 1:
                problems.append(f"{name}: {text!r} — verwacht een geheel getal van 1 of meer")
            numbers[name] = int(text) if text.isdigit() else default
        if problems:
            return None, problems
        return cls(
            database=database_url(env),
            secret=secret,
            site_url=site_url,
            origins=frozenset(origins),
            site_root=env.get("DTZ_SITE_ROOT", ""),
            sender=env.get("SUBSCRIBE_FROM", "Dutch TechZone <nieuwsbrief@dutchtechzone.nl>"),
            smtp_host=host,
            smtp_port=port,
            smtp_security=SECURITY[security],
            smtp_user=user,
            smtp_password=password,
            ip_limit=numbers["SUBSCRIBE_IP_LIMIT"],
            address_limit=numbers["SUBSCRIBE_ADDRESS_LIMIT"],
            max_body=numbers["SUBSCRIBE_MAX_BODY"],
        ), []
