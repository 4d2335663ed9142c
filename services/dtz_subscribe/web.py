"""HTTP plumbing the routes share: security headers on every answer, bounded form bodies, the Origin check and
the sign-up limit per client address."""

import threading
import time
from urllib.parse import parse_qs, urlsplit

from starlette.exceptions import HTTPException

CSP = b"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
HEADERS = [
    (b"content-security-policy", CSP),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # links carry tokens: never pass them to another site. (no-referrer would also make the browser send
    # "Origin: null" with the form this service shows again, and the Origin check would refuse it.)
    (b"referrer-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    (b"cache-control", b"no-store"),
]


def security_headers(app):
    """ASGI middleware: the headers above on every response ``app`` sends."""

    async def with_headers(scope, receive, send):
        async def sending(message):
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await app(scope, receive, sending if scope["type"] == "http" else send)

    return with_headers


async def read_form(request, limit):
    """The urlencoded body as {name: first value}; a 413 beyond ``limit`` bytes (read no further)."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413)
    try:
        fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=20)
    except ValueError:  # more fields than any of our forms has
        raise HTTPException(413) from None
    return {name: values[0] for name, values in fields.items()}


def url_origin(url):
    """``scheme://host[:port]`` of a URL, lower-case; "" when it has no host."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.netloc else ""


def origin_of(request):
    """The origin a browser says the form came from (Origin, else Referer), lower-case; "" when neither."""
    origin = request.headers.get("origin", "")
    return url_origin(request.headers.get("referer", "")) if not origin or origin == "null" else origin.lower()


class RateLimit:
    """Sign-ups per client address per hour, counted in memory (one service process; a restart forgets).
    Client addresses are kept only as long as their window lasts, and never logged."""

    def __init__(self, limit, window=3600.0):
        self.limit, self.window = limit, window
        self._hits, self._lock = {}, threading.Lock()

    def allow(self, key):
        """Count one attempt for ``key``; False when it already had ``limit`` in the window."""
        now = time.monotonic()
        with self._lock:
            if len(self._hits) > 10000:  # forget clients whose window has passed
                self._hits = {k: times for k, times in self._hits.items() if times[-1] > now - self.window}
            times = [t for t in self._hits.get(key, ()) if t > now - self.window]
            allowed = len(times) < self.limit
            self._hits[key] = [*times, now] if allowed else times
            return allowed
