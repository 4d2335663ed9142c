"""The sign-up form's contract between the site (the form on /nieuwsbrief/) and the subscription service:
its paths (on the site's domain, passed to the service by the web server; link checks leave them alone),
field names and consent texts. A published consent text never changes: a new wording gets a new
version and the old one stays, as every subscriber's record names the version they saw."""

SIGNUP = "/nieuwsbrief/aanmelden/"  # POST: the form
CONFIRM = "/nieuwsbrief/bevestigen/"  # ?t=<confirmation token>: GET a button, POST confirms
UNSUBSCRIBE = "/nieuwsbrief/afmelden/"  # ?t=<unsubscribe token>: GET a button, POST (or one-click) leaves
SERVICE_PATHS = (SIGNUP, CONFIRM, UNSUBSCRIBE)

EMAIL = "email"  # the address
CONSENT = "toestemming"  # the checkbox; its value is the version of the text shown beside it
FORM_URL = "formulier"  # hidden: the page the form is on, kept with the consent
HONEYPOT = "website"  # hidden from people (and from screen readers); a filled-in value means a robot

CONSENT_TEXTS = {
    "2026-12": "Ja, stuur mij de nieuwsbrief van Dutch TechZone. Ik kan mij altijd afmelden via de link "
    "onder elke nieuwsbrief. Mijn e-mailadres wordt alleen hiervoor gebruikt (zie de privacyverklaring)."
}
CONSENT_VERSION = "2026-12"  # the version the form shows now
