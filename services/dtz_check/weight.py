"""Page weight: what a reader downloads to read a page (HTML, CSS with its imports and fonts, scripts),
and the images it shows, each with a budget of its own."""

MAX_PAGE_BYTES = 60 * 1024  # the budget of every page, content images left out
MAX_IMAGE_BYTES = 500 * 1024  # the images of one page, as a desktop browser picks them


def too_heavy(site, limit=MAX_PAGE_BYTES):
    """One Dutch line per page of a links.Site over ``limit`` bytes."""
    return [
        f"{page}: {size / 1024:.1f} KB, meer dan {limit // 1024} KB (HTML, CSS, lettertypen, scripts)"
        for page, size in sorted(site.weights().items())
        if size > limit
    ]


def too_heavy_images(site, limit=MAX_IMAGE_BYTES):
    """One Dutch line per page of a links.Site whose images weigh more than ``limit`` bytes."""
    return [
        f"{page}: {size / 1024:.1f} KB aan afbeeldingen, meer dan {limit // 1024} KB"
        for page, size in sorted(site.image_weights().items())
        if size > limit
    ]
