"""<picture> for the web, for the templates' ``picture`` and images in Markdown bodies alike: modern formats at
a few widths, a JPEG/PNG fallback, the real size, lazy except the lead."""

import html
import re

from markupsafe import Markup

from . import recipes

# What the layout gives an image (theme/static/css/site.css, techzine.css): (from which viewport width,
# how wide there, how wide below it, whether it is stretched to that width). The lead image spans .wrap
# (64rem less 2rem padding), images in the text the measure (44rem), a card's cover its card, a logo 12rem.
COLUMNS = {
    "lead": ("66rem", "62rem", "calc(100vw - 2rem)", False),
    "prose": ("46rem", "44rem", "calc(100vw - 2rem)", False),
    "card": ("66rem", "20rem", "calc(100vw - 4rem)", True),
    "logo": ("0px", "12rem", "12rem", False),  # a company's logo on its profile: at most 12rem wide (.company-logo)
}
IMG_TAG = re.compile(r"<img\b([^>]*?)/?>", re.I | re.S)
ATTRIBUTE = re.compile(r"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def sizes(width, column):
    """``sizes`` for an image ``width`` px wide in ``column``: the column's width, or the image's own
    where that is smaller and the layout does not stretch it."""
    wide, measure, small, stretched = COLUMNS[column]
    if stretched or width >= int(float(measure[:-3]) * 16):
        return f"(min-width: {wide}) {measure}, {small}"
    return f"(min-width: {wide}) {width}px, min({small}, {width}px)"


def picture(images, source, alt, column="prose", lead=False, css_class=""):
    """The markup for ``source`` (a Source): AVIF (when on) and WebP srcsets, the fallback <img>."""
    cls = f' class="{html.escape(css_class)}"' if css_class else ""
    loading = ' fetchpriority="high"' if lead else ' loading="lazy" decoding="async"'
    alt_text = html.escape(alt or "", quote=True)
    copy = images.web_copy(source)  # /images/<name> keeps answering
    if not source.raster:
        return Markup(f'<img{cls} src="{copy.url}" alt="{alt_text}" width="{source.width}" height="{source.height}"{loading}>')
    parts = [f"<picture{cls}>"]
    for fmt in ["avif", "webp"] if images.settings.get("DTZ_IMAGE_AVIF", False) else ["webp"]:  # best first; AVIF costs (README)
        made = [images.derivative(source, recipes.Recipe(fmt, w)) for w in recipes.web_widths(source.width)]
        srcset = ", ".join(f"{d.url} {d.width}w" for d in made)
        parts.append(f'<source type="image/{fmt}" srcset="{srcset}" sizes="{sizes(source.width, column)}">')
    fallback = images.derivative(source, recipes.FALLBACK)
    # The fallback is the file /images/<name> holds when the two are one (a JPEG or PNG source): the print
    # engine then finds the source behind it, and old URLs and pages agree; else the derivative's own URL.
    src = "/" + source.path if copy.relative == fallback.relative else fallback.url
    parts.append(f'<img src="{src}" alt="{alt_text}" width="{source.width}" height="{source.height}"{loading}></picture>')
    return Markup("".join(parts))


def rewrite_body(html_text, resolve, first_is_lead):
    """Every <img> in a Markdown body whose src is one of our images, as a <picture> (``resolve(src)``
    gives (images, Source) or None for anything else); the first one is the lead when the page has no other."""
    state = {"lead": first_is_lead}

    def replace(match):
        attributes = {
            m.group(1).lower(): html.unescape(m.group(2) if m.group(2) is not None else m.group(3)) for m in ATTRIBUTE.finditer(match.group(1))
        }
        found = resolve(attributes.get("src", ""))
        if found is None:
            return match.group(0)
        images, source = found
        lead, state["lead"] = state["lead"], False
        return str(picture(images, source, attributes.get("alt", ""), lead=lead))

    return IMG_TAG.sub(replace, html_text)
