"""The nieuwsbrief: every issue in newsletters/ as an e-mail and a web page.

Rendering only; sending is delivery's job. For every visible issue the build writes
``nieuwsbrief/<slug>/`` with ``email.html`` (what is sent), ``email.txt`` (the plain-text
alternative), ``email.eml`` (both, as one RFC 5322 message without To and Message-ID) and
``index.html`` (the web version), plus the archive ``nieuwsbrief/index.html``.
The unsubscribe target keeps the literal ``{token}``; delivery fills it in. That contract is the
module ``dtz_contract.placeholder`` (``TOKEN``, ``personalise``), which delivery imports too.
"""

from pelican import signals

from .generator import NewsletterGenerator


def get_generators(pelican):
    return NewsletterGenerator


def register():
    signals.get_generators.connect(get_generators)
