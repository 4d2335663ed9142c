"""The routes: sign up (double opt-in), confirm, unsubscribe (RFC 8058 one-click). ``create_app(settings)``.

GET never changes anything (link scanners open links in mails): it shows a page with a button, and
only the POST acts. Answers are the same whether or not an address is known.
"""

import asyncio
import contextlib
import logging
from dataclasses import astuple
from pathlib import Path

from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from dtz_contract import signup
from dtz_mail.addresses import is_address

from .database import connect, upgrade
from .mail import Renderer
from .outbox import RETRY_EVERY, Outbox
from .pages import Pages, templates
from .ratelimit import RateLimit
from .sender import Sender
from .signing import confirmed_address, verify_token
from .store import PENDING_DAYS, Store
from .web import SecurityHeaders, TooLarge, origin_of, read_form, url_origin

SIGNUP, CONFIRM, UNSUBSCRIBE = signup.SIGNUP, signup.CONFIRM, signup.UNSUBSCRIBE
ONE_CLICK = "One-Click"  # RFC 8058: the body is List-Unsubscribe=One-Click
PURGE_EVERY = 3600.0

log = logging.getLogger("dtz_subscribe")


class Service:
    """One running service: settings, store, pages, mail and limits, handed to the routes."""

    def __init__(self, settings, store=None):
        self.settings = settings
        self.store = store or Store(connect(settings.database))
        environment = templates()
        self.pages = Pages(settings, environment)
        self.outbox = Outbox(self.store, Renderer(environment, settings.site_url), Sender(settings), settings, CONFIRM)
        self.per_ip = RateLimit(settings.ip_limit)

    # --- sign up ---------------------------------------------------------------------------------

    async def signup_form(self, request):
        return RedirectResponse(f"{self.settings.site_url}/nieuwsbrief/#aanmelden", status_code=303)

    async def signup(self, request):
        s = self.settings
        if origin_of(request) not in s.origins:
            return self.pages.message(
                "Aanmelding geweigerd",
                "Dit formulier kan alleen vanaf onze eigen website worden verstuurd. Meld u aan op de nieuwsbriefpagina.",
                status=403,
            )
        if not self.per_ip.allow(request.client.host if request.client else ""):
            return self.pages.message(
                "Even geduld", "Er zijn vanaf uw internetverbinding te veel aanmeldingen verstuurd. Probeert u het over een uur opnieuw.", status=429
            )
        form = await read_form(request, s.max_body)
        answered = self.pages.message(
            "Bijna klaar: kijk in uw mailbox",
            "We hebben een e-mail gestuurd naar het adres dat u invulde. Klik op de link in die e-mail en "
            "daarna op de knop om uw aanmelding te bevestigen. Pas dan bent u aangemeld.",
            f"Geen e-mail gekregen? Kijk ook in de map met ongewenste e-mail. De link werkt {PENDING_DAYS} dagen.",
        )
        if form.get(signup.HONEYPOT):
            log.info("aanmelding genegeerd: honeypot ingevuld")
            return answered
        email = form.get(signup.EMAIL, "").strip()
        version = form.get(signup.CONSENT, "")
        errors = {}
        if not is_address(email):
            errors[signup.EMAIL] = "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."
        if version not in signup.CONSENT_TEXTS:
            errors[signup.CONSENT] = "Vink het vakje aan als u de nieuwsbrief wilt ontvangen."
        form_url = form.get(signup.FORM_URL, "")
        if url_origin(form_url) not in s.origins:
            form_url = f"{origin_of(request)}/nieuwsbrief/"
        if errors:
            return self.pages.form(SIGNUP, email=email[:254], errors=errors, form_url=form_url)
        promised = await run_in_threadpool(self.store.request, email, version, form_url[:500], s.address_limit)
        if promised is None:
            log.info("aanmelding: limiet bevestigingsmails per adres bereikt, geen mail")
            return answered
        answered.background = BackgroundTask(self.outbox.send, promised, email)  # stored first: sent even if we die now
        log.info("aanmelding: bevestigingsmail wordt verstuurd")
        return answered

    # --- confirm ---------------------------------------------------------------------------------

    def _expired(self):
        return self.pages.message(
            "Deze link werkt niet meer",
            f"De link is verlopen (na {PENDING_DAYS} dagen), al gebruikt of niet compleet. Meld u opnieuw aan via de nieuwsbriefpagina.",
            status=400,
        )

    async def confirm_page(self, request):
        address = confirmed_address(request.query_params.get("t", ""), self.settings.secret)
        if address is None or await run_in_threadpool(self.store.pending, address) is None:
            return self._expired()
        return self.pages.button(
            "Aanmelding bevestigen",
            "Klik op de knop om uw aanmelding voor de nieuwsbrief van Dutch TechZone te bevestigen.",
            CONFIRM,
            request.query_params["t"],
            "Ja, ik wil de nieuwsbrief ontvangen",
        )

    async def confirm(self, request):
        form = await read_form(request, self.settings.max_body)
        address = confirmed_address(form.get("t") or request.query_params.get("t", ""), self.settings.secret)
        if address is None or not await run_in_threadpool(self.store.confirm, address):
            return self._expired()
        log.info("aanmelding bevestigd")
        return self.pages.message(
            "U bent aangemeld",
            "Bedankt! U ontvangt voortaan de nieuwsbrief van Dutch TechZone. Afmelden kan altijd via de link onder elke nieuwsbrief.",
        )

    # --- unsubscribe -----------------------------------------------------------------------------

    def _bad_token(self):
        return self.pages.message(
            "Deze afmeldlink werkt niet",
            "De link is niet compleet. Gebruik de afmeldlink onder de nieuwsbrief, of mail naar info@dutchtechzone.nl: dan melden wij u af.",
            status=400,
        )

    async def unsubscribe_page(self, request):
        token = request.query_params.get("t", "")
        if verify_token(token, self.settings.secret) is None:
            return self._bad_token()
        return self.pages.button(
            "Afmelden voor de nieuwsbrief",
            "Klik op de knop om u af te melden. U krijgt de nieuwsbrief daarna niet meer.",
            UNSUBSCRIBE,
            token,
            "Afmelden",
        )

    async def unsubscribe(self, request):
        """The button, or a mail program's one-click POST (no cookies, no Origin, no questions)."""
        form = await read_form(request, self.settings.max_body)
        one_click = form.get("List-Unsubscribe") == ONE_CLICK
        address = verify_token(request.query_params.get("t") or form.get("t", ""), self.settings.secret)
        if address is None:
            return PlainTextResponse("Ongeldige afmeldlink.", status_code=400) if one_click else self._bad_token()
        await run_in_threadpool(self.store.unsubscribe, address)
        log.info("afgemeld%s", " (one-click)" if one_click else "")
        if one_click:
            return PlainTextResponse("U bent afgemeld voor de nieuwsbrief van Dutch TechZone.")
        return self.pages.message(
            "U bent afgemeld", "U krijgt de nieuwsbrief van Dutch TechZone niet meer. Wilt u hem later toch weer ontvangen? Meld u dan opnieuw aan."
        )

    # --- the rest --------------------------------------------------------------------------------

    async def too_large(self, request, exc):
        return self.pages.message("Te veel gegevens", "Het formulier bevat meer dan verwacht.", status=413)

    async def server_error(self, request, exc):
        log.error("fout bij %s: %s", request.url.path, type(exc).__name__)  # the path only: no token, no address
        return self.pages.message(
            "Er ging iets mis", "Door een storing lukte dit niet. Probeert u het later nog eens; uw gegevens zijn niet half opgeslagen.", status=500
        )

    async def not_found(self, request, exc):
        return self.pages.message("Pagina niet gevonden", "Deze pagina bestaat niet.", status=404)

    @contextlib.asynccontextmanager
    async def lifespan(self, app):
        async def purge_regularly():
            while True:
                purged = await run_in_threadpool(self.store.purge)
                log.info("opgeschoond: %d onbevestigde aanmeldingen, %d mailregistraties, %d verlopen beloofde mails", *astuple(purged))
                await asyncio.sleep(PURGE_EVERY)

        async def send_promised():
            """What a killed run promised goes out at the start; what the SMTP server kept back, every minute."""
            await run_in_threadpool(self.outbox.send_waiting, True)
            while True:
                await asyncio.sleep(RETRY_EVERY)
                await run_in_threadpool(self.outbox.send_waiting)

        tasks = [asyncio.create_task(purge_regularly()), asyncio.create_task(send_promised())]
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()


def create_app(settings, store=None):
    """The ASGI app. Brings the database to the newest schema first."""
    service = Service(settings, store)
    upgrade(service.store.engine)
    routes = [
        Route(SIGNUP, service.signup_form, methods=["GET"]),
        Route(SIGNUP, service.signup, methods=["POST"]),
        Route(CONFIRM, service.confirm_page, methods=["GET"]),
        Route(CONFIRM, service.confirm, methods=["POST"]),
        Route(UNSUBSCRIBE, service.unsubscribe_page, methods=["GET"]),
        Route(UNSUBSCRIBE, service.unsubscribe, methods=["POST"]),
    ]
    theme = Path(settings.site_root) / "theme" if settings.site_root else None
    if theme and theme.is_dir():  # in production the web server serves /theme/ itself
        routes.append(Mount("/theme", StaticFiles(directory=theme)))
    app = Starlette(
        routes=routes,
        lifespan=service.lifespan,
        exception_handlers={TooLarge: service.too_large, 404: service.not_found, Exception: service.server_error},
    )
    app.state.service = service
    return SecurityHeaders(app)
