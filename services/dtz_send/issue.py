"""A built nieuwsbrief issue, whether its build record lets it go out and readers can open its links, and each
recipient's own copy: every part decoded, personalised and encoded again (``{token}`` may be split over encoded lines)."""

import datetime
import email
import hashlib
import hmac
from html import unescape
import http.client
import re
import socket
import ssl
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.utils import formatdate
from pathlib import Path
from urllib.parse import urlsplit

from dtz_contract import AMSTERDAM, Refused, buildrecord, signup
from dtz_contract.dates import datum
from dtz_contract.mail import new_message
from dtz_contract.placeholder import TOKEN, personalise
from dtz_mail.tokens import make_token

# Set per recipient and per send; everything else in the .eml header is kept.
_REPLACED = {"to", "cc", "bcc", "message-id", "date", "mime-version", "content-type", "content-transfer-encoding", "content-disposition"}
REBUILD = "bouw opnieuw met `make html` (of `make publish`) en controleer het resultaat"
TIMEOUT = 10.0
TEXT_URL = re.compile(r"https?://[^\s<>\"')\]]+")
SUBSCRIPTION_PATHS = (signup.SIGNUP, signup.CONFIRM, signup.UNSUBSCRIBE)


@dataclass(frozen=True)
class Issue:
    slug: str
    path: Path
    headers: tuple  # (name, value) in file order
    text: str
    html: str
    digest: str  # sha256 of email.eml: the same issue across runs, or a changed one
    site_url: str  # the build's DTZ_SITE_URL: the live site its links and images point at

    @property
    def sender(self):
        """The bare From address: the SMTP envelope sender unless told otherwise."""
        return email.utils.parseaddr(self.header("From"))[1]

    def header(self, name):
        return next((value for key, value in self.headers if key.lower() == name.lower()), "")

    def message_for(self, recipient, secret):
        """Their own message: To only them, their token, a Message-ID from the issue and them (the same if sent again)."""
        token = make_token(recipient.email, secret)
        message = new_message()  # dtz_contract.mail: List-Unsubscribe and every ASCII header arrive plain
        for name, value in self.headers:
            message[name] = personalise(value, token)
        mac = hmac.new(secret.encode("utf-8"), f"{self.digest}\x00{recipient.key}".encode("utf-8"), hashlib.sha256).hexdigest()[:24]
        message["To"] = Address(display_name=recipient.name, addr_spec=recipient.email)
        message["Date"] = formatdate(localtime=True)
        message["Message-ID"] = f"<nieuwsbrief.{self.slug}.{self.digest[:8]}.{mac}@{self.sender.rsplit('@', 1)[-1] or 'localhost'}>"
        message["MIME-Version"] = "1.0"
        message.set_content(personalise(self.text, token), subtype="plain", charset="utf-8", cte="quoted-printable")
        message.add_alternative(personalise(self.html, token), subtype="html", charset="utf-8", cte="quoted-printable")
        return message


def _check_record(output, slug):
    """The build record, unless it says issue ``slug`` must not go out: a preview, a draft, dated later, changed since."""
    if (record := buildrecord.read(output)) is None:  # output: a Path
        raise Refused(f"{output / buildrecord.NAME} ontbreekt of is onleesbaar — {REBUILD}; alleen een volledige build kan verstuurd worden")
    if record["kind"] == "preview":
        raise Refused(
            f"{output} is een voorbeeldweergave (make serve, met concepten) — verstuur alleen uit een build van `make html` of `make publish`"
        )
    entry = record.get("newsletters", {}).get(slug)
    if entry is None:  # not built at all: loading the issue says so and names the issues that are
        if (Path(output) / "nieuwsbrief" / slug / "email.eml").exists():
            raise Refused(f"nieuwsbrief '{slug}' staat niet in het bouwverslag van {output} — {REBUILD}")
        return record
    if entry.get("status") == "draft":
        raise Refused(f"nieuwsbrief '{slug}' is een concept (Status: draft) — verwijder de Status-regel en {REBUILD}")
    today = datetime.datetime.now(AMSTERDAM).date().isoformat()
    for limit, what in ((record.get("today", ""), "de dag waarop de site gebouwd is"), (today, "vandaag")):
        if entry.get("date", "") > limit:
            raise Refused(
                f"nieuwsbrief '{slug}' is gedateerd {datum(entry['date'])}, na {what} ({datum(limit)}) — "
                "verstuur hem op of na die datum, of pas Date aan en bouw opnieuw"
            )
    if changed := buildrecord.changed_sources(entry):
        more = f" (en {len(changed) - 1} andere)" if len(changed) > 1 else ""
        raise Refused(f"{changed[0]}{more} is gewijzigd na de build van '{slug}' — {REBUILD}")
    return record


def load_issue(output, slug):
    """Read and check the built issue and its build record; Refused says what is wrong in one line."""
    record, path = _check_record(output, slug), Path(output) / "nieuwsbrief" / slug / "email.eml"
    if not path.is_file():
        built = ", ".join(sorted(p.parent.name for p in path.parent.parent.glob("*/email.eml"))) or "geen"
        raise Refused(f"{path}: niet gevonden — bouw eerst de site met `make html` (gebouwde nieuwsbrieven: {built})")
    data = path.read_bytes()
    message = email.message_from_bytes(data, policy=policy.default)
    try:
        if message.get_content_type() != "multipart/alternative":
            raise Refused(f"is {message.get_content_type()}, geen multipart/alternative")
        text, html = _part(message, "plain"), _part(message, "html")
        headers = tuple((name, str(value)) for name, value in message.items() if name.lower() not in _REPLACED)
        issue = Issue(slug, path, headers, text, html, hashlib.sha256(data).hexdigest(), record.get("site_url", ""))
        for name in ("Subject", "From"):
            if not issue.header(name):
                raise Refused(f"heeft geen {name}-kopregel")
        if "@" not in issue.sender:
            raise Refused(f"From {issue.header('From')!r} heeft geen e-mailadres")
        places = {"HTML-deel": issue.html, "tekstdeel": issue.text, "List-Unsubscribe": issue.header("List-Unsubscribe")}
        for name, value in places.items():  # a placeholder in one place and not another would send someone a link not theirs
            if "%7btoken%7d" in value.lower():
                raise Refused(f"{name} bevat {{token}} als URL-codering (%7Btoken%7D) — verwacht letterlijk {TOKEN}")
        present = [name for name, value in places.items() if TOKEN in value]
        if present and len(present) != len(places):
            missing = ", ".join(name for name in places if name not in present)
            raise Refused(
                f"{TOKEN} staat wel in {', '.join(present)} maar niet in {missing} — verwacht het afmeldadres met {{token}} op alle drie de plaatsen"
            )
    except Refused as error:
        raise Refused(f"{path}: {error}") from None
    return issue


def _part(message, subtype):
    for part in message.walk():
        if part.get_content_type() == f"text/{subtype}" and not part.is_attachment():
            return part.get_content().replace("\r\n", "\n")  # lines end as on the wire; the policy adds CRLF again
    raise Refused(f"heeft geen text/{subtype}-deel")


def live_addresses(issue, site_url):
    """The issue's links and images on ``site_url``'s host, in the order they appear (HTML part, then text), once each;
    not what holds ``{token}`` nor the subscription paths, a reader's own to open."""
    host = urlsplit(site_url).netloc.lower()
    found = [url.rstrip(".,;:!?") for url in TEXT_URL.findall(f"{unescape(issue.html)}\n{issue.text}")]  # a sentence may end right after a URL
    parts = {url: urlsplit(url) for url in found}  # once each, in order
    return [url for url, part in parts.items() if part.netloc.lower() == host and TOKEN not in url and not part.path.startswith(SUBSCRIPTION_PATHS)]


def check_live(urls):
    """Send only what readers can open: each URL answers HEAD with 200 itself (one kept-alive connection per host);
    Refused names the first that does not."""
    context, connections = ssl.create_default_context(), {}
    try:
        for url in urls:
            parts = urlsplit(url)
            try:
                status = _head(connections, parts, context)
            except (OSError, http.client.HTTPException) as error:
                raise Refused(
                    f"{parts.scheme}://{parts.netloc} is niet bereikbaar ({_reason(error)}) — controleer DTZ_SITE_URL en de verbinding"
                ) from None
            if status != 200:
                raise Refused(f"{url} staat nog niet online — zet de site eerst online met make deploy")
    finally:
        for connection in connections.values():
            connection.close()


def _head(connections, parts, context):
    kind, https = (http.client.HTTPSConnection, {"context": context}) if parts.scheme == "https" else (http.client.HTTPConnection, {})
    connection = connections.setdefault((parts.scheme, parts.netloc), kind(parts.hostname, parts.port, timeout=TIMEOUT, **https))  # opens on use
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    for attempt in (1, 2):  # a kept-alive connection the server closed meanwhile: once more, opened again
        try:
            connection.request("HEAD", path, headers={"User-Agent": "dtz_send live check"})
            response = connection.getresponse()
            response.read()
            return response.status
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            connection.close()  # the next request opens it again
            if attempt == 2:
                raise


def _reason(error):
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"certificaat niet vertrouwd: {error.verify_message}"
    named = {socket.gaierror: "onbekende naam", ConnectionRefusedError: "verbinding geweigerd", TimeoutError: f"geen antwoord binnen {TIMEOUT:.0f} s"}
    return next((text for kind, text in named.items() if isinstance(error, kind)), str(error) or type(error).__name__)
