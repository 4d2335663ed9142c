"""The service's HTML pages in the site's look: its own templates, the site's sign-up form partial
(theme/templates/nieuwsbrief/signup.html) and the site's built stylesheet.

The stylesheet is found through the deployed site's ``theme/assets.json`` (``{"css/site.css":
"css/site.<hash>.css"}``) in ``DTZ_SITE_ROOT``, read at every page so a new deploy needs no restart;
without it the page links ``/theme/css/site.css``.
"""

import json
import runpy
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from starlette.responses import HTMLResponse

from dtz_contract import signup

from .settings import PROJECT

HERE = Path(__file__).resolve().parent
FALLBACK_CSS = "css/site.css"


def templates():
    """Jinja templates: the service's own, then the site's theme (for the shared form)."""
    loader = ChoiceLoader([FileSystemLoader(HERE / "templates"), FileSystemLoader(PROJECT / "theme" / "templates")])
    env = Environment(
        loader=loader, autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"]
    )
    env.install_null_translations(newstyle=True)  # the theme's header and footer are Dutch as written (_("Hoofdmenu"))
    env.filters["here"] = lambda path: path  # an address in the page's language: the service's pages are Dutch
    return env


def stylesheet(site_root):
    """The URL path of the site's stylesheet as the deployed build names it."""
    name = FALLBACK_CSS
    if site_root:
        try:
            assets = json.loads((Path(site_root) / "theme" / "assets.json").read_text(encoding="utf-8"))
            name = str(assets.get(FALLBACK_CSS, FALLBACK_CSS))
        except (OSError, ValueError, AttributeError):
            pass
    return f"/theme/{name.lstrip('/')}"


def site_frame(site_url):
    """What the site's header and footer partials need, from the site's own settings (pelicanconf.py,
    run as the plain Python it is: the service never loads Pelican)."""
    site = runpy.run_path(str(PROJECT / "pelicanconf.py"))
    return {"SITEURL": site_url, **{name: site[name] for name in ("SITENAME", "SITESUBTITLE", "DTZ_MENU", "DTZ_FOOTER_LINKS")}}


class Pages:
    def __init__(self, settings, environment):
        self.settings, self.environment = settings, environment
        self.frame = site_frame(settings.site_url)

    def render(self, template, status=200, **values):
        html = self.environment.get_template(template).render(
            **self.frame, site=self.settings.site_url, stylesheet=stylesheet(self.settings.site_root), **values
        )
        return HTMLResponse(html, status_code=status)

    def form(self, action, email="", errors=None, form_url="", status=400):
        """The sign-up form again, with what was wrong."""
        return self.render(
            "formulier.html",
            status,
            title="Controleer uw aanmelding",
            signup={
                "action": action,
                "site": self.settings.site_url,
                "form_url": form_url,
                "consent_version": signup.CONSENT_VERSION,
                "consent_text": signup.CONSENT_TEXTS[signup.CONSENT_VERSION],
                "email": email,
                "errors": errors or {},
            },
        )

    def message(self, title, *paragraphs, status=200):
        return self.render("bericht.html", status, title=title, paragraphs=paragraphs)

    def button(self, title, text, action, token, label):
        """A page whose only action is a POST: following a link never changes anything."""
        return self.render("knop.html", title=title, text=text, action=action, token=token, label=label)
