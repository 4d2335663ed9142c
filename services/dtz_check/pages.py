"""Which built HTML files are web pages.

The e-mail bodies (every email.html, such as nieuwsbrief/<slug>/email.html) are HTML too, but e-mail markup
(layout tables, inline styles, no site frame); test_newsletter.py holds them to the
e-mail gates instead of the web page checks.
"""

from pathlib import Path


def is_email(relative):
    """An e-mail body: email.html beside its page (nieuwsbrief/<slug>/, the progress reports' voortgang/rapport/<q>/)."""
    return relative.rsplit("/", 1)[-1] == "email.html"


def web_pages(output):
    output = Path(output)
    return sorted(p for p in output.rglob("*.html") if not is_email(p.relative_to(output).as_posix()))
