"""The newsletter's settings, read once with their defaults, and what is wrong with them."""

import os
from dataclasses import dataclass
from email.policy import default as default_policy
from urllib.parse import urlsplit

from dtz_content import count_problem, display_path, setting_problem

from dtz_contract import signup

# One-click unsubscribe (RFC 8058) at the subscription service (services/dtz_subscribe); {token} is per recipient.
UNSUBSCRIBE = f"https://www.dutchtechzone.nl{signup.UNSUBSCRIBE}?t={{token}}"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}  # a local service (make subscriptions) may be plain http


@dataclass(frozen=True)
class Config:
    sender: str  # NEWSLETTER_FROM: the From header, "Naam <adres>"
    unsubscribe: str  # NEWSLETTER_UNSUBSCRIBE: mailto: or https URL, may hold {token}
    address: str  # NEWSLETTER_ADDRESS: the sender's postal address, in the footer
    logo: str  # DTZ_NEWSLETTER_LOGO: path within content/
    events: int  # DTZ_NEWSLETTER_EVENTS: how many upcoming events the e-mail lists
    site_url: str  # DTZ_SITE_URL: base of every image and link
    subscribe_url: str  # DTZ_SUBSCRIBE_URL: where the sign-up form posts (the subscription service); "" = mailto
    content: str = ""  # PATH: the content folder the logo is in

    @classmethod
    def from_settings(cls, settings):
        return cls(
            sender=settings.get("NEWSLETTER_FROM", "Dutch TechZone <nieuwsbrief@dutchtechzone.nl>"),
            unsubscribe=settings.get("NEWSLETTER_UNSUBSCRIBE", UNSUBSCRIBE),
            address=settings.get("NEWSLETTER_ADDRESS", "Programmabureau Dutch TechZone, Postbus 2000, 7800 CA Emmen"),
            logo=settings.get("DTZ_NEWSLETTER_LOGO", "images/dtz-logo.png"),
            events=settings.get("DTZ_NEWSLETTER_EVENTS", 3),
            site_url=settings.get("DTZ_SITE_URL", ""),
            subscribe_url=settings.get("DTZ_SUBSCRIBE_URL") or "",
            content=settings.get("PATH", ""),
        )

    def signup(self):
        """What the sign-up form on /nieuwsbrief/ shows (theme/templates/nieuwsbrief/signup.html)."""
        return {
            "action": self.subscribe_url,
            "site": "",
            "form_url": f"{self.site_url}/nieuwsbrief/",
            "consent_version": signup.CONSENT_VERSION,
            "consent_text": signup.CONSENT_TEXTS[signup.CONSENT_VERSION],
            "mailto": getattr(sender_address(self.sender), "addr_spec", ""),
        }

    def problems(self):
        """Settings that would make every e-mail wrong, as one line each."""
        found = []

        def problem(name, what, expected):
            found.append(setting_problem(name, what, expected))

        if urlsplit(self.unsubscribe).scheme not in ("https", "mailto") or " " in self.unsubscribe:
            expected = "een adres als https://…/afmelden/?t={token} of mailto:…?subject=Afmelden%20{token}"
            problem("NEWSLETTER_UNSUBSCRIBE", f"'{self.unsubscribe}' is geen https- of mailto-adres", expected)
        target = urlsplit(self.subscribe_url)
        if self.subscribe_url and not (target.scheme == "https" or (target.scheme == "http" and target.hostname in LOOPBACK)):
            expected = "het adres van de aanmelddienst, zoals https://www.dutchtechzone.nl/nieuwsbrief/aanmelden/"
            problem("DTZ_SUBSCRIBE_URL", f"'{self.subscribe_url}' is geen https-adres", expected)
        if urlsplit(self.site_url).scheme != "https":
            expected = "een https-adres: e-mailprogramma's tonen afbeeldingen alleen veilig via https"
            problem("DTZ_SITE_URL", f"'{self.site_url}' begint niet met https://", expected)
        if not sender_address(self.sender):
            problem("NEWSLETTER_FROM", f"'{self.sender}' is geen afzender", "een afzender als Naam <adres@voorbeeld.nl>")
        found.extend(filter(None, [count_problem("DTZ_NEWSLETTER_EVENTS", self.events, 0, 3)]))
        if not os.path.isfile(os.path.join(self.content, self.logo)):
            expected = "het pad van het logo binnen de inhoudsmap, zoals images/dtz-logo.png: elke nieuwsbrief toont het"
            problem("DTZ_NEWSLETTER_LOGO", f"'{self.logo}' bestaat niet in {display_path(self.content)}/", expected)
        if not self.address.strip():
            problem("NEWSLETTER_ADDRESS", "is leeg", "het postadres van de afzender (verplicht in elke nieuwsbrief)")
        return found


def sender_address(sender):
    """The Address in a From value, or None when it is not one address."""
    try:
        header = default_policy.header_factory("From", sender)
    except Exception:  # noqa: BLE001 - any parse failure means: not an address
        return None
    addresses = getattr(header, "addresses", ())
    if len(addresses) != 1 or header.defects or "@" not in addresses[0].addr_spec:
        return None
    return addresses[0]
