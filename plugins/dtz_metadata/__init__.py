"""Search and social metadata for every page (canonical URL, description, Open Graph, schema.org JSON-LD) through
the template global ``page_metadata``, which base.html calls once; JSON-LD is plain data written with ``|tojson``."""

import functools

from markupsafe import Markup
from pelican import signals

import dtz_content
import dtz_images

CONTEXT = "https://schema.org"
LOGO = "images/dtz-logo.png"  # DTZ_DEFAULT_IMAGE's default
SCHEDULED = {"eventStatus": "https://schema.org/EventScheduled", "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode"}
SIZES = {"1-9": (1, 9), "10-49": (10, 49), "50-249": (50, 249), "250+": (250, None)}


def plain(text):
    """Text without tags, entities or runs of whitespace (titles and descriptions come as HTML)."""
    return " ".join(Markup(str(text or "")).striptags().split())


def page_metadata(settings, output_file, title, description, item=None, crumbs=None):
    """Everything base.html writes into <head> about one page."""
    url = dtz_content.pretty_url(output_file)
    lang = dtz_content.languages.split(url, settings)[0]
    sitename = settings.get("SITENAME", "")
    # an item's title is plain text (a header field: '<' is a character); a template's title block is HTML
    name = " ".join(str(item.title).split()) if item is not None else plain(title).removesuffix(f" — {sitename}").strip() or sitename
    lead = getattr(item, "lead_image", None)  # dtz_content's (path, alt) of a pearl's Image, an issue's Cover
    # 1200 x 630: the lead image cropped, else the site's logo whole on a canvas
    image = lead and dtz_images.og_image(settings, lead[0]) or dtz_images.og_image(settings, settings.get("DTZ_DEFAULT_IMAGE", LOGO), logo=True)
    page = {
        "url": url,
        "canonical": dtz_content.absolute(url, settings),
        "title": name,
        "description": plain(description) or plain(getattr(item, "description", "")) or dtz_content.languages.setting(settings, lang, "SITESUBTITLE"),
        "image": dtz_content.absolute(image.url, settings) if image else "",
        "image_size": (image.width, image.height) if image else None,
        "type": "article" if item is not None else "website",
        "lang": lang,
    }
    page["jsonld"] = structured_data(page, item, crumbs, settings)
    return page


def structured_data(page, item, crumbs, settings):
    """The JSON-LD objects for one page: Event, Article or WebPage, the Organization a pearl or register profile
    is about, and a BreadcrumbList below the home page; each in its own <script type="application/ld+json">."""
    kind = None if getattr(item, "unfinished", None) else getattr(item, "type", None)  # a draft's values may be missing
    site = {"@type": "Organization", "name": settings.get("SITENAME", ""), "url": dtz_content.absolute("", settings)}
    if kind == "event":
        data = [event(page, item, site)]
    elif item is not None and getattr(item.fields, "date", None):
        data = [article(page, item, site, settings)]
    else:
        data = [described("WebPage", page, inLanguage=page["lang"], isPartOf={**site, "@type": "WebSite"})]
    if kind in ("pearl", "company"):
        data.append(organization(page, item) if kind == "pearl" else registered(page, item, settings))
        data[0]["about"] = {"@id": data[-1]["@id"]}
    trail = crumbs or breadcrumbs(page, settings)
    if len(trail) > 1:
        items = [
            {"@type": "ListItem", "position": n, "name": name, "item": dtz_content.absolute(url, settings)} for n, (name, url) in enumerate(trail, 1)
        ]
        data.append({"@context": CONTEXT, "@type": "BreadcrumbList", "itemListElement": items})
    return data


def described(kind, page, name="name", **more):
    """An object of ``kind`` named (its ``name`` key) and described as the page is, at its canonical URL."""
    return {"@context": CONTEXT, "@type": kind, name: page["title"], "description": page["description"], "url": page["canonical"], **more}


def article(page, item, site, settings):
    published = dtz_content.dates.iso(item.fields.date)
    logo = {"@type": "ImageObject", "url": dtz_content.absolute(settings.get("DTZ_DEFAULT_IMAGE", LOGO), settings)}
    dates = {"datePublished": published, "dateModified": published}
    found = described("Article", page, "headline", mainEntityOfPage=page["canonical"], inLanguage=page["lang"], image=[page["image"]], **dates)
    return {**found, "headline": page["title"][:110], "author": site, "publisher": {**site, "logo": logo}}


def event(page, item, site):
    location, municipality = item.location or "", item.municipality
    address = {"@type": "PostalAddress", "addressLocality": municipality or location.rsplit(",", 1)[-1].strip()}
    if municipality:
        address["addressCountry"] = "NL"
    when = {"startDate": dtz_content.dates.iso(item.start), "endDate": dtz_content.dates.iso(item.end or item.start)}
    place = {"@type": "Place", "name": location, "address": address}
    return described("Event", page, image=[page["image"]], **when, **SCHEDULED, location=place, organizer=site)


def company(page, name, locality, **more):
    """An Organization at the page's #bedrijf: the company a pearl is about, or a register profile's."""
    address = {"@type": "PostalAddress", "addressLocality": locality, "addressCountry": "NL"}
    return {"@context": CONTEXT, "@type": "Organization", "@id": page["canonical"] + "#bedrijf", "name": name, "address": address, **more}


def organization(page, item):
    """The company a pearl is about: url is its own website, address its municipality."""
    return company(page, item.company, item.municipality, **({"url": item.website} if item.website else {}))


def registered(page, item, settings):
    """A company of the register: its public columns only (never its Pearl_status)."""
    kvk = {"@type": "PropertyValue", "propertyID": "KvK-nummer", "value": item.kvk}
    found = company(page, item.title, item.place, description=page["description"], url=item.website, identifier=kvk)
    found["address"].update((key, value) for key, value in (("streetAddress", item.address), ("postalCode", item.postcode)) if value)
    if item.logo:
        found["logo"] = dtz_content.absolute(item.logo, settings)
    if item.employees:
        low, high = SIZES[item.employees]
        found["numberOfEmployees"] = {"@type": "QuantitativeValue", "minValue": low, **({"maxValue": high} if high else {})}
    return found


def breadcrumbs(page, settings):
    """Home, every section page above this one that exists (type indexes, menu and footer entries), and this
    page; [] for home and 404."""
    lang, path = dtz_content.languages.split(page["url"], settings)
    if not path or not path.endswith("/"):
        return []
    _, setting, at = dtz_content.languages.gettext(settings, lang), dtz_content.languages.setting, dtz_content.languages.at
    names = {t.index_url: _(t.plural) for t in dtz_content.TYPES.values() if t.index_url}
    names |= {link: label for label, link in [*(setting(settings, lang, "DTZ_FOOTER_LINKS") or []), *(setting(settings, lang, "DTZ_MENU") or [])]}
    parts = path.strip("/").split("/")
    above = ["/".join(parts[:i]) + "/" for i in range(1, len(parts))]
    return [("Home", at(lang, "", settings)), *[(names[s], at(lang, s, settings)) for s in above if s in names], (page["title"], page["url"])]


def add_globals(generator):
    generator.settings.setdefault("DTZ_DEFAULT_IMAGE", LOGO)
    generator.env.globals["page_metadata"] = functools.partial(page_metadata, generator.settings)


def register():
    signals.generator_init.connect(add_globals)
