"""The nieuwsbrief: every issue in newsletters/ as an e-mail and a web page.

Rendering only; sending is delivery's job. For every visible issue the build writes
``nieuwsbrief/<slug>/`` with ``email.html`` (what is sent), ``email.txt`` (the plain-text
alternative), ``email.eml`` (both, as one RFC 5322 message without To and Message-ID) and
``index.html`` (the web version), plus the archive ``nieuwsbrief/index.html``.
The unsubscribe target keeps the literal ``{token}``; delivery fills it in. That contract is the
module ``dtz_contract.placeholder`` (``TOKEN``, ``personalise``), which delivery imports too.

Public API for other plugins' e-mails: ``Renderer(theme, settings, Config.from_settings(settings))``
with ``email(name, context)`` ([HTML, text] from ``theme/email/<name>.mjml.j2`` and ``.txt.j2``),
``message(subject, date, html, text)`` (the .eml, without List-Unsubscribe), ``logo()`` and ``absolute(url)``.
"""

from pelican import signals

from .config import Config
from .generator import NewsletterGenerator
from .render import Renderer

__all__ = ["Config", "Renderer"]


def get_generators(pelican):
    return NewsletterGenerator


def register():
    signals.get_generators.connect(get_generators)
