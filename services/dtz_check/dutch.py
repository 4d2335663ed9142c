"""The checkers' English findings in Dutch: the Nu Html Checker's messages and axe-core's rules.

The messages content can cause have a Dutch text here; any other keeps the checker's own words,
quoted after a Dutch opening, so nothing is lost.
"""

import re

# Nu Html Checker messages (their pattern, with “…” for the quoted parts) and what they say in Dutch.
HTML = [
    (r"An “img” element must have an “alt” attribute.*", "een afbeelding zonder beschrijving (alt)"),
    (r"Duplicate ID “(.+?)”\.", "het id “{0}” staat meer dan eens op de pagina"),
    (r"Stray end tag “(.+?)”\.", "een losse sluittag </{0}>: HTML in de tekst is niet goed gesloten"),
    (r"End tag “(.+?)” seen, but there were open elements\.", "</{0}> sluit terwijl er nog andere elementen open zijn"),
    (r"Unclosed element “(.+?)”\.", "<{0}> wordt niet gesloten"),
    (r"Element “(.+?)” not allowed as child of element “(.+?)” in this context.*", "<{0}> mag hier niet binnen <{1}> staan"),
    (r"Attribute “(.+?)” not allowed on element “(.+?)” at this point\.", "het attribuut {0} hoort niet op <{1}>"),
    (r"Bad value “(.*?)” for attribute “(.+?)” on element “(.+?)”.*", "de waarde “{0}” van {1} op <{2}> is ongeldig"),
    (r"Element “(.+?)” is missing required attribute “(.+?)”\.", "<{0}> mist het verplichte attribuut {1}"),
]

# axe-core rules content can break, in Dutch (the id stays, so the rule can be looked up).
AXE = {
    "image-alt": "een afbeelding zonder beschrijving (alt)",
    "link-name": "een link zonder tekst die zegt waar hij heen gaat",
    "color-contrast": "tekst met te weinig contrast met de achtergrond",
    "heading-order": "koppen slaan een niveau over (bijvoorbeeld ### direct na #)",
    "empty-heading": "een lege kop",
    "duplicate-id": "een id staat meer dan eens op de pagina",
    "duplicate-id-aria": "een id waar hulpmiddelen naar verwijzen staat meer dan eens op de pagina",
    "frame-title": "een ingesloten frame (iframe) zonder titel",
    "list": "een lijst bevat iets anders dan lijstonderdelen",
    "listitem": "een lijstonderdeel staat buiten een lijst",
    "button-name": "een knop zonder tekst",
    "label": "een invoerveld zonder label",
    "table-duplicate-name": "een tabel waarvan bijschrift en samenvatting gelijk zijn",
    "td-headers-attr": "een tabelcel verwijst naar een kop die er niet is",
    "th-has-data-cells": "een tabelkop zonder cellen",
    "valid-lang": "een ongeldige taalcode (lang)",
    "video-caption": "een video zonder ondertitels",
    "object-alt": "een ingesloten object zonder beschrijving",
    "svg-img-alt": "een SVG-afbeelding zonder beschrijving",
}
AXE_LINE = re.compile(r"^(?P<where>bij \d+px): (?P<rule>[\w-]+) \((?P<impact>\w+)\): (?P<help>.*?)(?: — (?P<targets>.*))?$")


def html_text(message):
    """A Nu Html Checker message in Dutch."""
    for pattern, dutch in HTML:
        match = re.fullmatch(pattern, message)
        if match:
            return dutch.format(*match.groups())
    return f"ongeldige HTML (de checker zegt: “{message}”)"


def axe_text(line):
    """An axe line (``bij 375px: image-alt (critical): Images must … — img``) in Dutch."""
    match = AXE_LINE.match(line)
    if not match:
        return line
    what = AXE.get(match["rule"], f"de regel zegt: “{match['help']}”")
    where = f" — {match['targets']}" if match["targets"] else ""
    return f"{match['where']}: {what} (axe-regel {match['rule']}){where}"
