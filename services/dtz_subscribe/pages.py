"""The service's HTML pages in the site's look: their texts, the service's templates, the site's sign-up
form partial (theme/templates/nieuwsbrief/signup.html), header, footer and built stylesheet."""

import runpy
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from starlette.responses import HTMLResponse

from dtz_contract import read_json, signup

from . import PROJECT
from .store import PENDING_DAYS

FALLBACK_CSS = "css/site.css"
TEXTS = {  # each page's title and paragraphs
    "refused": ("Aanmelding geweigerd", "Dit formulier kan alleen vanaf onze eigen website worden verstuurd. Meld u aan op de nieuwsbriefpagina."),
    "busy": ("Even geduld", "Er zijn vanaf uw internetverbinding te veel aanmeldingen verstuurd. Probeert u het over een uur opnieuw."),
    "mailed": (
        "Bijna klaar: kijk in uw mailbox",
        "We hebben een e-mail gestuurd naar het adres dat u invulde. Klik op de link in die e-mail en "
        "daarna op de knop om uw aanmelding te bevestigen. Pas dan bent u aangemeld.",
        f"Geen e-mail gekregen? Kijk ook in de map met ongewenste e-mail. De link werkt {PENDING_DAYS} dagen.",
    ),
    "expired": (
        "Deze link werkt niet meer",
        f"De link is verlopen (na {PENDING_DAYS} dagen), al gebruikt of niet compleet. Meld u opnieuw aan via de nieuwsbriefpagina.",
    ),
    "confirm": ("Aanmelding bevestigen", "Klik op de knop om uw aanmelding voor de nieuwsbrief van Dutch TechZone te bevestigen."),
    "confirmed": (
        "U bent aangemeld",
        "Bedankt! U ontvangt voortaan de nieuwsbrief van Dutch TechZone. Afmelden kan altijd via de link onder elke nieuwsbrief.",
    ),
    "bad token": (
        "Deze afmeldlink werkt niet",
        "De link is niet compleet. Gebruik de afmeldlink onder de nieuwsbrief, of mail naar info@dutchtechzone.nl: dan melden wij u af.",
    ),
    "unsubscribe": ("Afmelden voor de nieuwsbrief", "Klik op de knop om u af te melden. U krijgt de nieuwsbrief daarna niet meer."),
    "unsubscribed": (
        "U bent afgemeld",
        "U krijgt de nieuwsbrief van Dutch TechZone niet meer. Wilt u hem later toch weer ontvangen? Meld u dan opnieuw aan.",
    ),
    "too large": ("Te veel gegevens", "Het formulier bevat meer dan verwacht."),
    "error": ("Er ging iets mis", "Door een storing lukte dit niet. Probeert u het later nog eens; uw gegevens zijn niet half opgeslagen."),
    "not found": ("Pagina niet gevonden", "Deze pagina bestaat niet."),
}


def templates():
    """Jinja templates: the service's own, then the site's theme (for the shared form)."""
    loader = FileSystemLoader([Path(__file__).parent / "templates", PROJECT / "theme" / "templates"])  # searched in this order
    env = Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"])  # all .html, .j2
    env.install_null_translations(newstyle=True)  # the theme's header and footer are Dutch as written (_("Hoofdmenu"))
    env.filters["here"] = lambda path: path  # an address in the page's language: the service's pages are Dutch
    return env


def stylesheet(site_root):
    """The URL path of the site's stylesheet as the deployed build names it in ``theme/assets.json``, read at
    every page so a new deploy needs no restart; without it ``/theme/css/site.css``."""
    assets = read_json(Path(site_root) / "theme" / "assets.json", {}) if site_root else {}
    css = assets.get(FALLBACK_CSS, FALLBACK_CSS) if isinstance(assets, dict) else FALLBACK_CSS
    return f"/theme/{str(css).lstrip('/')}"


class Pages:
    """The pages, in the frame the site's header and footer partials draw from pelicanconf.py (run as the plain
    Python it is: the service never loads Pelican)."""

    def __init__(self, settings, environment):
        self.settings, self.environment = settings, environment
        site = runpy.run_path(str(PROJECT / "pelicanconf.py"))
        self.frame = {name: site[name] for name in ("SITENAME", "SITESUBTITLE", "DTZ_MENU", "DTZ_FOOTER_LINKS")}
        self.frame.update(SITEURL=settings.site_url, site=settings.site_url)

    def render(self, template, status=200, **values):
        html = self.environment.get_template(template).render(**self.frame, stylesheet=stylesheet(self.settings.site_root), **values)
        return HTMLResponse(html, status_code=status)

    def form(self, email, errors, form_url):
        """The sign-up form again, with what was wrong."""
        values = {"action": signup.SIGNUP, "site": self.settings.site_url, "form_url": form_url, "email": email, "errors": errors}
        values.update(consent_version=signup.CONSENT_VERSION, consent_text=signup.CONSENT_TEXTS[signup.CONSENT_VERSION])
        return self.render("formulier.html", 400, title="Controleer uw aanmelding", signup=values)

    def message(self, name, status=200, **button):
        """The page ``name`` of TEXTS; with a ``button`` (action, token, label) a page whose only action is that
        POST: following a link never changes anything."""
        title, *paragraphs = TEXTS[name]
        return self.render("knop.html" if button else "bericht.html", status, title=title, paragraphs=paragraphs, **button)
