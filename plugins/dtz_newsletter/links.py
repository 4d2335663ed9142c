"""The links an e-mail carries: campaign links to the site, the unsubscribe target, the intro's links."""

import re
from urllib.parse import urlsplit

CAMPAIGN = "utm_source=nieuwsbrief&utm_medium=email&utm_campaign={slug}"
HREF = re.compile(r"""<a\b[^>]*?\bhref=(["'])(.*?)\1""", re.S)


def campaign(url, slug):
    """A link to the site from issue ``slug``: the site's statistics can tell the nieuwsbrief brought the reader."""
    return f"{url}{'&' if '?' in url else '?'}{CAMPAIGN.format(slug=slug)}"


def one_click(target):
    """RFC 8058 one-click unsubscribe needs an https target; a mailto: target gets no List-Unsubscribe-Post."""
    return urlsplit(target).scheme == "https"


def unsafe_links(html):
    """Links that do not work, or are not safe, in an e-mail: anything but https: and mailto:."""
    return [url for _, url in HREF.findall(html) if urlsplit(url).scheme not in ("https", "mailto")]
