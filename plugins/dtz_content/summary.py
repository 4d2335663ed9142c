"""The one Dutch line a build ends with: what is published, what is held back, warnings, seconds."""

from .model import TYPES


def closing_line(catalog, seconds):
    """'Klaar in 1,4 seconden: gepubliceerd 3 parels, 1 evenement; achtergehouden 2 concepten, 1 gepland; 2 waarschuwingen.'"""
    published = [counted(len(catalog.published(key)), TYPES[key].label.lower(), TYPES[key].plural.lower()) for key in TYPES]
    drafts, scheduled = catalog.held_back()
    held = "getoond met CONCEPT-balk" if catalog.preview else "achtergehouden"
    warnings = len(set(catalog.warnings))
    return (
        f"{'Voorbeeldweergave klaar' if catalog.preview else 'Klaar'} in {seconds:.1f} seconden: ".replace(".", ",")
        + f"gepubliceerd {', '.join(p for p in published if p) or 'niets'}; "
        + f"{held} {counted(drafts, 'concept', 'concepten', zero=True)}, {counted(scheduled, 'gepland', 'gepland', zero=True)}; "
        + f"{counted(warnings, 'waarschuwing', 'waarschuwingen', zero=True)}."
    )


def counted(number, one, many, zero=False):
    """'1 parel', '3 parels'; '' for none unless ``zero``."""
    return "" if not number and not zero else f"{number} {one if number == 1 else many}"
