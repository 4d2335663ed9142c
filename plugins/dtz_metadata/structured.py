"""schema.org JSON-LD as plain data: Event, Organization (a pearl's company, a register profile), Article or WebPage,
and a BreadcrumbList on every page below the home page."""

import dtz_content

CONTEXT = "https://schema.org"


def structured_data(page, item, crumbs, settings):
    """The JSON-LD objects for one page, each written in its own <script type="application/ld+json">."""
    kind = None if getattr(item, "unfinished", None) else getattr(item, "type", None)  # a draft's values may be missing
    if kind == "event":
        data = [event(page, item, settings)]
    elif item is not None and getattr(item.fields, "date", None):
        data = [article(page, item, settings)]
    else:
        data = [web_page(page, settings)]
    if kind in ("pearl", "company"):
        data.append(organization(page, item) if kind == "pearl" else registered(page, item, settings))
        data[0]["about"] = {"@id": data[-1]["@id"]}
    trail = crumbs or breadcrumbs(page, settings)
    if len(trail) > 1:
        data.append(breadcrumb_list(trail, settings))
    return data


def site(settings):
    return {"@type": "Organization", "name": settings.get("SITENAME", ""), "url": dtz_content.absolute("", settings)}


def described(kind, page, **more):
    """An object of ``kind`` named and described as the page is, at its canonical URL."""
    return {"@context": CONTEXT, "@type": kind, "name": page["title"], "description": page["description"], "url": page["canonical"], **more}


def web_page(page, settings):
    return described("WebPage", page, inLanguage=page["lang"], isPartOf={**site(settings), "@type": "WebSite"})


def article(page, item, settings):
    published = dtz_content.dates.iso(item.fields.date)
    return {
        "@context": CONTEXT,
        "@type": "Article",
        "headline": page["title"][:110],
        "description": page["description"],
        "url": page["canonical"],
        "mainEntityOfPage": page["canonical"],
        "inLanguage": page["lang"],
        "datePublished": published,
        "dateModified": published,
        "image": [page["image"]],
        "author": site(settings),
        "publisher": {
            **site(settings),
            "logo": {"@type": "ImageObject", "url": dtz_content.absolute(settings.get("DTZ_DEFAULT_IMAGE", "images/dtz-logo.png"), settings)},
        },
    }


def event(page, item, settings):
    start = item.start
    location = item.location or ""
    municipality = item.municipality
    address = {"@type": "PostalAddress", "addressLocality": municipality or location.rsplit(",", 1)[-1].strip()}
    if municipality:
        address["addressCountry"] = "NL"
    return described(
        "Event",
        page,
        image=[page["image"]],
        startDate=dtz_content.dates.iso(start),
        endDate=dtz_content.dates.iso(item.end or start),
        eventStatus="https://schema.org/EventScheduled",
        eventAttendanceMode="https://schema.org/OfflineEventAttendanceMode",
        location={"@type": "Place", "name": location, "address": address},
        organizer=site(settings),
    )


def organization(page, item):
    """The company a pearl is about: url is its own website, address its municipality."""
    company = {
        "@context": CONTEXT,
        "@type": "Organization",
        "@id": page["canonical"] + "#bedrijf",
        "name": item.company,
        "address": {"@type": "PostalAddress", "addressLocality": item.municipality, "addressCountry": "NL"},
    }
    if item.website:
        company["url"] = item.website
    return company


SIZES = {"1-9": (1, 9), "10-49": (10, 49), "50-249": (50, 249), "250+": (250, None)}


def registered(page, item, settings):
    """A company of the register: its public columns only (never its Pearl_status)."""
    address = {"@type": "PostalAddress", "addressLocality": item.place, "addressCountry": "NL"}
    if item.address:
        address["streetAddress"] = item.address
    if item.postcode:
        address["postalCode"] = item.postcode
    company = {
        "@context": CONTEXT,
        "@type": "Organization",
        "@id": page["canonical"] + "#bedrijf",
        "name": item.title,
        "description": page["description"],
        "url": item.website,
        "address": address,
        "identifier": {"@type": "PropertyValue", "propertyID": "KvK-nummer", "value": item.kvk},
    }
    if item.logo:
        company["logo"] = dtz_content.absolute(item.logo, settings)
    if item.employees:
        low, high = SIZES[item.employees]
        company["numberOfEmployees"] = {"@type": "QuantitativeValue", "minValue": low, **({"maxValue": high} if high else {})}
    return company


def section_names(settings, lang):
    """Names of the pages a breadcrumb can pass through, by URL below the root of ``lang``: type indexes and menu entries."""
    _, setting = dtz_content.languages.gettext(settings, lang), dtz_content.languages.setting
    names = {t.index_url: _(t.plural) for t in dtz_content.TYPES.values() if t.index_url}
    for label, link in [*(setting(settings, lang, "DTZ_FOOTER_LINKS") or []), *(setting(settings, lang, "DTZ_MENU") or [])]:
        names[link] = label
    return names


def breadcrumbs(page, settings):
    """Home, every section page above this one that exists, and this page; [] for home and 404."""
    lang, path = dtz_content.languages.split(page["url"], settings)
    if not path or not path.endswith("/"):
        return []
    names, at = section_names(settings, lang), dtz_content.languages.at
    parts = path.strip("/").split("/")
    above = ["/".join(parts[:i]) + "/" for i in range(1, len(parts))]
    return [("Home", at(lang, "", settings)), *[(names[s], at(lang, s, settings)) for s in above if s in names], (page["title"], page["url"])]


def breadcrumb_list(trail, settings):
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": dtz_content.absolute(url, settings)}
            for n, (name, url) in enumerate(trail, start=1)
        ],
    }
