"""The routes: sign up (double opt-in), confirm, unsubscribe (RFC 8058 one-click). GET never changes anything
(link scanners open links in mails): it shows a page with a button, and only the POST acts. Answers are the
same whether or not an address is known."""

import asyncio
import contextlib
from pathlib import Path

from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from dtz_contract import signup
from dtz_contract.signup import CONFIRM, SIGNUP, UNSUBSCRIBE
from dtz_mail.tokens import is_address, verify_token

from .confirmation import RETRY_EVERY, Outbox, confirmed_address, log
from .pages import Pages, templates
from .store import open_store
from .web import security_headers, RateLimit, origin_of, read_form, url_origin

PURGE_EVERY = 3600.0


class Service:
    """One running service: settings, store, pages, the outbox and the limit per client, handed to the routes."""

    def __init__(self, settings):
        self.settings, self.store = settings, open_store(settings.database)
        self.pages, self.per_ip = Pages(settings, templates()), RateLimit(settings.ip_limit)
        self.outbox = Outbox(self.store, self.pages.environment, settings)  # the pages' templates: mail/ is among them

    async def signup_get(self, request):
        return RedirectResponse(f"{self.settings.site_url}/nieuwsbrief/#aanmelden", status_code=303)

    async def signup_post(self, request):
        if origin_of(request) not in self.settings.origins:
            return self.pages.message("refused", 403)
        if not self.per_ip.allow(request.client.host if request.client else ""):
            return self.pages.message("busy", 429)
        form = await read_form(request, self.settings.max_body)
        answered = self.pages.message("mailed")
        if form.get(signup.HONEYPOT):
            log.info("aanmelding genegeerd: honeypot ingevuld")
            return answered
        email, version, form_url = form.get(signup.EMAIL, "").strip(), form.get(signup.CONSENT, ""), form.get(signup.FORM_URL, "")
        errors = {}
        if not is_address(email):
            errors[signup.EMAIL] = "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."
        if version not in signup.CONSENT_TEXTS:
            errors[signup.CONSENT] = "Vink het vakje aan als u de nieuwsbrief wilt ontvangen."
        if url_origin(form_url) not in self.settings.origins:
            form_url = f"{origin_of(request)}/nieuwsbrief/"
        if errors:
            return self.pages.form(email[:254], errors, form_url)
        promised = await run_in_threadpool(self.store.request, email, version, form_url[:500], self.settings.address_limit)
        if promised:  # the outbox row's id
            answered.background = BackgroundTask(self.outbox.send, promised, email)  # stored first: sent even if we die now
        log.info("aanmelding: bevestigingsmail wordt verstuurd" if promised else "aanmelding: limiet bevestigingsmails per adres bereikt, geen mail")
        return answered

    async def confirm_get(self, request):
        token = request.query_params.get("t", "")
        address = confirmed_address(token, self.settings.secret)
        if address is None or not await run_in_threadpool(self.store.pending, address):
            return self.pages.message("expired", 400)
        return self.pages.message("confirm", action=CONFIRM, token=token, label="Ja, ik wil de nieuwsbrief ontvangen")

    async def confirm_post(self, request):
        form = await read_form(request, self.settings.max_body)
        address = confirmed_address(form.get("t") or request.query_params.get("t", ""), self.settings.secret)
        if address is None or not await run_in_threadpool(self.store.confirm, address):
            return self.pages.message("expired", 400)
        log.info("aanmelding bevestigd")
        return self.pages.message("confirmed")

    async def unsubscribe_get(self, request):
        token = request.query_params.get("t", "")
        if verify_token(token, self.settings.secret) is None:
            return self.pages.message("bad token", 400)
        return self.pages.message("unsubscribe", action=UNSUBSCRIBE, token=token, label="Afmelden")

    async def unsubscribe_post(self, request):
        """The button, or a mail program's one-click POST (no cookies, no Origin, no questions)."""
        form = await read_form(request, self.settings.max_body)
        one_click = form.get("List-Unsubscribe") == "One-Click"  # RFC 8058: the body is List-Unsubscribe=One-Click
        address = verify_token(request.query_params.get("t") or form.get("t", ""), self.settings.secret)
        if address is None:
            return PlainTextResponse("Ongeldige afmeldlink.", status_code=400) if one_click else self.pages.message("bad token", 400)
        await run_in_threadpool(self.store.unsubscribe, address)
        log.info("afgemeld%s", " (one-click)" if one_click else "")
        return PlainTextResponse("U bent afgemeld voor de nieuwsbrief van Dutch TechZone.") if one_click else self.pages.message("unsubscribed")

    async def http_error(self, request, exc):
        return self.pages.message({404: "not found", 413: "too large"}[exc.status_code], exc.status_code)

    async def server_error(self, request, exc):
        log.error("fout bij %s: %s", request.url.path, type(exc).__name__)  # the path only: no token, no address
        return self.pages.message("error", 500)

    @contextlib.asynccontextmanager
    async def lifespan(self, app):
        """Purges every hour; what a killed run promised goes out at the start, what the SMTP server kept back every minute."""

        async def every(seconds, work, *first):
            await run_in_threadpool(work, *first)
            while True:
                await asyncio.sleep(seconds)
                await run_in_threadpool(work)

        def purge():
            log.info("opgeschoond: %d onbevestigde aanmeldingen, %d mailregistraties, %d verlopen beloofde mails", *self.store.purge())

        tasks = [asyncio.create_task(every(PURGE_EVERY, purge)), asyncio.create_task(every(RETRY_EVERY, self.outbox.send_waiting, True))]
        yield
        for task in tasks:
            task.cancel()


def create_app(settings):
    """The ASGI app, on a database brought to the newest schema."""
    service = Service(settings)
    paths = {SIGNUP: "signup", CONFIRM: "confirm", UNSUBSCRIBE: "unsubscribe"}  # each with its Service.<name>_get and _post
    routes = [Route(path, getattr(service, f"{name}_{verb}"), methods=[verb.upper()]) for path, name in paths.items() for verb in ("get", "post")]
    theme = Path(settings.site_root or ".") / "theme"
    if settings.site_root and theme.is_dir():  # in production the web server serves /theme/ itself
        routes.append(Mount("/theme", StaticFiles(directory=theme)))
    handlers = {404: service.http_error, 413: service.http_error, Exception: service.server_error}
    return security_headers(Starlette(routes=routes, lifespan=service.lifespan, exception_handlers=handlers))
