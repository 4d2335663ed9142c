"""Page weight: what a reader downloads to read a page (HTML, CSS with its imports and fonts, scripts)."""

MAX_PAGE_BYTES = 60 * 1024  # the budget of every page, content images left out


def too_heavy(site, limit=MAX_PAGE_BYTES):
    """One Dutch line per page of a links.Site over ``limit`` bytes."""
    return [
        f"{page}: {size / 1024:.1f} KB, meer dan {limit // 1024} KB (HTML, CSS, lettertypen, scripts)"
        for page, size in sorted(site.weights().items())
        if size > limit
    ]
