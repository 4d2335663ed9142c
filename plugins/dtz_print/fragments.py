"""Put one item's HTML inside a larger document (an issue, a book) without breaking its outline."""

import re

from markupsafe import Markup

HEADING = re.compile(r"<(/?)h([1-6])\b", re.I)
ID = re.compile(r'\bid="([^"]+)"')
LOCAL_LINK = re.compile(r'\bhref="#([^"]+)"')


def nest(html, prefix, levels=1):
    """Headings ``levels`` deeper (an item's h2 under the item's own h2 becomes h3), and ids
    prefixed with ``prefix`` (with links to them), so two items' "#aanmelden" never clash."""
    html = HEADING.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + levels, 6)}", str(html))
    html = ID.sub(lambda m: f'id="{prefix}-{m[1]}"', html)
    return Markup(LOCAL_LINK.sub(lambda m: f'href="#{prefix}-{m[1]}"', html))  # HTML in, HTML out: safe in templates
