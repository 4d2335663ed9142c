"""Send only what readers can open: every link and image of the issue on the build's ``DTZ_SITE_URL`` must answer
HEAD with 200 itself; not asked: what holds ``{token}`` and the subscription paths, a reader's to open."""

import html
import http.client
import re
import socket
import ssl
from urllib.parse import urlsplit

from dtz_contract import Refused, signup
from dtz_contract.placeholder import TOKEN


TIMEOUT = 10.0
TEXT_URL = re.compile(r"https?://[^\s<>\"')\]]+")
SUBSCRIPTION_PATHS = (signup.SIGNUP, signup.CONFIRM, signup.UNSUBSCRIBE)


def addresses(issue, site_url):
    """The issue's links and images on ``site_url``'s host, in the order they appear (HTML part, then text), once each."""
    host = urlsplit(site_url).netloc.lower()
    found = [url.rstrip(".,;:!?") for url in TEXT_URL.findall(f"{html.unescape(issue.html)}\n{issue.text}")]  # a sentence may end right after a URL
    parts = {url: urlsplit(url) for url in found}  # once each, in order
    return [url for url, part in parts.items() if part.netloc.lower() == host and TOKEN not in url and not part.path.startswith(SUBSCRIPTION_PATHS)]


def check(urls):
    """Ask for each URL with HEAD, one kept-alive connection per host; Refused names the first that does not answer 200."""
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
    if (parts.scheme, parts.netloc) not in connections:
        https = {"context": context} if parts.scheme == "https" else {}
        kind = http.client.HTTPSConnection if https else http.client.HTTPConnection
        connections[parts.scheme, parts.netloc] = kind(parts.hostname, parts.port, timeout=TIMEOUT, **https)
    connection, path = connections[parts.scheme, parts.netloc], (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
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
