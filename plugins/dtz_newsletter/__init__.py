"""The nieuwsbrief: every issue in newsletters/ as e-mail (email.html, .txt, .eml, ``{token}`` kept for delivery)
and web page (README "Nieuwsbrief"); other plugins' e-mails use ``Renderer``'s ``email``, ``frame``, ``write`` and ``eml``."""

import os
import re
from dataclasses import dataclass, field, fields
from email.policy import default as default_policy
from urllib.parse import urlsplit

from pelican import signals
from pelican.generators import Generator

import dtz_build
import dtz_content
from dtz_content import Problem, count_problem, display_path, setting_problem
from dtz_contract import buildrecord, signup

from .render import FILES, TOOLS, Email, Renderer, eml

__all__ = ["Config", "Renderer", "eml"]

HREF = re.compile(r"""<a\b[^>]*?\bhref=(["'])(.*?)\1""", re.S)
CLIP = 102 * 1024  # Gmail clips a message's HTML from 102 KB on: the end (and the unsubscribe link) disappears
HEAVY = 90 * 1024  # warn before it clips
# One-click unsubscribe (RFC 8058) at the subscription service (services/dtz_subscribe); {token} is per recipient.
UNSUBSCRIBE = f"https://www.dutchtechzone.nl{signup.UNSUBSCRIBE}?t={{token}}"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}  # a local service (make subscriptions) may be plain http


class NewsletterGenerator(Generator):
    """Renders every visible issue before anything is written, then writes the e-mails, web versions and archive."""

    def generate_context(self):
        self.config = Config.from_settings(self.settings)
        self.renderer, self.emails = Renderer(self.theme, self.settings, self.config), {}
        dtz_content.catalog(self.context).add_check(self.render_all)  # once every item is read and resolved (perhaps after this)

    def render_all(self, catalog):
        """Render each visible issue once, and each draft this build does not show: what would make a bad
        e-mail is an error, or on a draft (published, it would be one) a warning on its banner."""
        failing = set()  # issues whose intro would make a bad e-mail
        for issue in catalog.read("newsletter"):  # drafts and issues with other problems too: said in one run
            for problem in intro_problems(issue, self.renderer.intro(issue)):
                catalog.against(issue, problem)
                failing.add(id(issue))
        issues = catalog.visible("newsletter")
        drafts = [issue for issue in catalog.all("newsletter") if issue.state == "draft" and not catalog.preview]
        if (issues or drafts) and (problems := list(self.config.problems())):
            return problems
        for issue in [*issues, *drafts]:
            if id(issue) in failing and issue.state != "draft":
                continue
            events, folder = self.renderer.upcoming(issue, catalog), os.path.dirname(issue.save_as) + "/"
            # what the e-mail is made from: the issue (its items), the events, every file of theme/email/, the tools
            key = dtz_build.page_key(self.settings, self.renderer.env.get_template("newsletter.mjml.j2"), issue=issue, events=events, tools=TOOLS)
            kept = [dtz_build.kept_output(self.settings, self.output_path, folder + name, key) for name in FILES]
            try:  # an unchanged e-mail is not rendered again (output/ holds its three files untouched): the checks need only its size
                email = Email(None, None, None, events, key) if all(kept) else self.renderer.render(issue, events, key)
            except Exception as error:  # odd HTML in the intro that MJML cannot parse: a line, not a traceback
                first = str(error).splitlines()[0] if str(error) else type(error).__name__
                what, line = f"kan niet in de e-mail worden omgezet ({first})", max(issue.header_lines.values()) + 2
                catalog.against(issue, Problem(issue.display_path, line, "Tekst", what, "gewone Markdown-tekst zonder eigen HTML"))
                continue
            size = os.path.getsize(kept[0]) if all(kept) else len(email.html.encode("utf-8"))
            if size >= HEAVY:
                expected = "minder dan 102 KB, anders knipt Gmail het einde (met de afmeldlink) weg: neem minder stukken op"
                heavy = Problem(issue.display_path, issue.header_lines.get("items", 1), "Items", f"de e-mail is {size / 1024:.0f} KB", expected)
                (catalog.against if size >= CLIP else catalog.warn)(issue, heavy)
            self.emails[issue.slug] = email
        return []

    def generate_output(self, writer):
        catalog = dtz_content.catalog(self.context)
        issues = catalog.visible("newsletter")
        for issue in issues:
            email = self.emails.get(issue.slug)  # none for a draft MJML could not render: its page says why
            if email and email.html is not None:
                self.renderer.write(self.output_path, os.path.dirname(issue.save_as) + "/", email.html, email.text, email.eml, email.key)
            events = email.events if email else ()
            dtz_content.write_page(self, writer, issue.url, "nieuwsbrief/issue", save_as=issue.save_as, item=issue, page=issue, events=events)
        self.record(catalog)
        index = dtz_content.TYPES["newsletter"].index_url
        dtz_content.write_page(self, writer, index, "nieuwsbrief/archive", items=issues, signup=self.config.signup())

    def record(self, catalog):
        """Every issue goes into the build record, built or held back: delivery then refuses a draft,
        a later-dated issue, or one whose file, items or listed events changed after this build."""
        record = dtz_build.current(self.settings).record
        record["site_url"] = self.config.site_url  # delivery asks the live site there for the issues' links and images
        recorded = record.setdefault("newsletters", {})
        for issue in catalog.all("newsletter"):
            listed = [*issue.items, *email.events] if (email := self.emails.get(issue.slug)) else []
            sources = [issue.source_path, *(item.source_path for item in listed)]
            recorded[issue.slug] = buildrecord.issue_entry(issue.state, dtz_content.local_day(issue), sources)


def intro_problems(issue, html):
    """Links in the intro's ``html`` that would not work in an e-mail, and images (they would come without width)."""
    safe = "een volledig adres dat begint met https:// of mailto:, of een pad op de site zoals /parels/…/"
    for _, url in HREF.findall(html):
        if urlsplit(url).scheme not in ("https", "mailto"):
            yield Problem(issue.display_path, source_line(issue, url), "Tekst", f"link '{url}' werkt niet veilig in een e-mail", safe)
    if re.search(r"<img\b", html):
        what, expected = "bevat een afbeelding", "alleen tekst in de inleiding; afbeeldingen komen uit de parels (Image)"
        yield Problem(issue.display_path, source_line(issue, "!["), "Tekst", what, expected)


def source_line(issue, needle):
    """The first line of the issue's file that holds ``needle``; the first line after the header if none does."""
    with open(issue.source_path, encoding="utf-8-sig") as handle:
        lines = handle.read().splitlines()
    return next((number for number, line in enumerate(lines, start=1) if needle in line), max(issue.header_lines.values()) + 2)


def setting(name, default=""):
    """A Config field read from the setting ``name``, ``default`` when it is not set."""
    return field(default=default, metadata={"setting": name})


@dataclass(frozen=True)
class Config:
    """The newsletter's settings, read once with their defaults, and what is wrong with them."""

    sender: str = setting("NEWSLETTER_FROM", "Dutch TechZone <nieuwsbrief@dutchtechzone.nl>")  # the From header, "Naam <adres>"
    unsubscribe: str = setting("NEWSLETTER_UNSUBSCRIBE", UNSUBSCRIBE)  # mailto: or https URL, may hold {token}
    address: str = setting("NEWSLETTER_ADDRESS", "Programmabureau Dutch TechZone, Postbus 2000, 7800 CA Emmen")  # postal, in the footer
    logo: str = setting("DTZ_NEWSLETTER_LOGO", "images/dtz-logo.png")  # path within content/
    events: int = setting("DTZ_NEWSLETTER_EVENTS", 3)  # how many upcoming events the e-mail lists
    site_url: str = setting("DTZ_SITE_URL")  # base of every image and link
    subscribe_url: str = setting("DTZ_SUBSCRIBE_URL")  # where the sign-up form posts (the subscription service); "" = mailto
    content: str = setting("PATH")  # the content folder the logo is in

    @classmethod
    def from_settings(cls, settings):
        return cls(**{each.name: settings.get(each.metadata["setting"], each.default) for each in fields(cls)})

    def signup(self):
        """What the sign-up form on /nieuwsbrief/ shows (theme/templates/nieuwsbrief/signup.html)."""
        consent = {"consent_version": signup.CONSENT_VERSION, "consent_text": signup.CONSENT_TEXTS[signup.CONSENT_VERSION]}
        mailto = getattr(sender_address(self.sender), "addr_spec", "")
        return {"action": self.subscribe_url or "", "site": "", "form_url": f"{self.site_url}/nieuwsbrief/", **consent, "mailto": mailto}

    def problems(self):
        """Settings that would make every e-mail wrong, as one line each."""
        if urlsplit(self.unsubscribe).scheme not in ("https", "mailto") or " " in self.unsubscribe:
            expected = "een adres als https://…/afmelden/?t={token} of mailto:…?subject=Afmelden%20{token}"
            yield setting_problem("NEWSLETTER_UNSUBSCRIBE", f"'{self.unsubscribe}' is geen https- of mailto-adres", expected)
        target = urlsplit(self.subscribe_url)
        if self.subscribe_url and not (target.scheme == "https" or (target.scheme == "http" and target.hostname in LOOPBACK)):
            expected = "het adres van de aanmelddienst, zoals https://www.dutchtechzone.nl/nieuwsbrief/aanmelden/"
            yield setting_problem("DTZ_SUBSCRIBE_URL", f"'{self.subscribe_url}' is geen https-adres", expected)
        if urlsplit(self.site_url).scheme != "https":
            expected = "een https-adres: e-mailprogramma's tonen afbeeldingen alleen veilig via https"
            yield setting_problem("DTZ_SITE_URL", f"'{self.site_url}' begint niet met https://", expected)
        if not sender_address(self.sender):
            yield setting_problem("NEWSLETTER_FROM", f"'{self.sender}' is geen afzender", "een afzender als Naam <adres@voorbeeld.nl>")
        yield from filter(None, [count_problem("DTZ_NEWSLETTER_EVENTS", self.events, 0, 3)])
        if not os.path.isfile(os.path.join(self.content, self.logo)):
            expected = "het pad van het logo binnen de inhoudsmap, zoals images/dtz-logo.png: elke nieuwsbrief toont het"
            yield setting_problem("DTZ_NEWSLETTER_LOGO", f"'{self.logo}' bestaat niet in {display_path(self.content)}/", expected)
        if not self.address.strip():
            yield setting_problem("NEWSLETTER_ADDRESS", "is leeg", "het postadres van de afzender (verplicht in elke nieuwsbrief)")


def sender_address(sender):
    """The Address in a From value, or None when it is not one address."""
    try:
        header = default_policy.header_factory("From", sender)
    except Exception:  # noqa: BLE001 - any parse failure means: not an address
        return None
    addresses = getattr(header, "addresses", ())
    return addresses[0] if len(addresses) == 1 and not header.defects and "@" in addresses[0].addr_spec else None


def register():
    signals.get_generators.connect(dtz_build.adds_generator(NewsletterGenerator))
