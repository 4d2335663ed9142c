"""The confirmation mail, rendered apart from sending (as the nieuwsbrief is): ``Renderer`` turns a
link into a ``Rendered`` subject, text and HTML and knows nothing about SMTP; ``sender.py`` delivers it."""

from dataclasses import dataclass

SUBJECT = "Bevestig uw aanmelding voor de nieuwsbrief van Dutch TechZone"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


class Renderer:
    def __init__(self, templates, site_url):
        self.templates, self.site_url = templates, site_url

    def confirmation(self, link, days):
        values = {"link": link, "days": days, "site_url": self.site_url, "subject": SUBJECT}
        return Rendered(
            subject=SUBJECT,
            text=self.templates.get_template("mail/bevestigen.txt.j2").render(values),
            html=self.templates.get_template("mail/bevestigen.html.j2").render(values),
        )
