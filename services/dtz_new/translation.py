"""`make new TYPE=<type> TAAL=en SLUG=<slug>`: start the translation of an item, beside its original.

The new file ``<name>.en.md`` is the original's text (header and body, to translate) with ``Lang:``,
the original's ``Slug:`` and ``Status: draft`` on top, below a note naming the fields to translate.
"""

import os

from dtz_content import LANGUAGES, TYPES, display_path, hints, read_header

from .draft import TYPE_NAMES, Refused

ORIGINAL = next(iter(LANGUAGES))  # the site's own language: what an original is written in


def translation(ctype, folder, lang, slug):
    """(path, text) of the new translation into ``lang`` of the item of ``ctype`` with ``slug``."""
    others = {code: name for code, name in LANGUAGES.items() if code != ORIGINAL}
    if lang not in others:
        hint = hints.did_you_mean(lang, others)
        raise Refused(f"TAAL={lang} kan niet — " + " of ".join(f"TAAL={code} ({name})" for code, name in others.items()) + hint)
    label = ctype.label.lower()
    if ctype.field("lang") is None:
        kinds = [name for name, key in TYPE_NAMES.items() if TYPES[key].field("lang")]
        raise Refused(f"een {label} heeft geen vertaling — een vertaling is er van TYPE={', '.join(kinds[:-1])} of {kinds[-1]}")
    files = dict(headers(folder))
    originals = {key: path for (key, code), path in files.items() if code == ORIGINAL}
    if not slug:
        example = next(iter(originals), "hal-techniek")
        raise Refused(f"geef de slug van het origineel mee, zoals make new TYPE={ctype.name} TAAL={lang} SLUG={example}")
    if slug not in originals:
        where = display_path(folder)
        raise Refused(f"er is geen {label} met slug '{slug}' in {where} — de slug van een bestaande {label}" + hints.did_you_mean(slug, originals))
    done = files.get((slug, lang))
    if done:
        raise Refused(f"{display_path(done)} is al de vertaling van '{slug}' in het {others[lang]} — bewerk dat bestand; er is niets overschreven")
    original = originals[slug]
    path = os.path.splitext(original)[0] + f".{lang}.md"
    with open(original, encoding="utf-8-sig") as handle:
        return path, translated_text(handle.read(), ctype, display_path(original), lang, slug)


def headers(folder):
    """((slug, lang), path) of every Markdown file below ``folder``: its Slug (else its name) and its Lang."""
    for root, _, names in os.walk(folder):
        for name in sorted(n for n in names if n.endswith((".md", ".markdown"))):
            path = os.path.join(root, name)
            with open(path, encoding="utf-8-sig", errors="replace") as handle:
                values = read_header(handle.read()).values
            yield (values.get("slug") or os.path.splitext(name)[0], (values.get("lang") or ORIGINAL).strip().lower()), path


def translated_text(text, ctype, shown, lang, slug):
    """``text`` with its Lang, Slug and Status lines replaced by new ones on top of the header."""
    header = read_header(text)
    lines = text.splitlines()
    top = min(header.lines.values(), default=1) - 1
    fields = [f.name for f in ctype.fields if f.key in header.values and (f.markup or f.kind.describe() == "tekst")]
    new = [
        f"# Vertaling van {shown} in het {LANGUAGES[lang]}: vertaal {', '.join(fields)} en de tekst; laat de andere velden staan.",
        f"Lang: {lang}",
        f"Slug: {slug}",
        "Status: draft",
    ]
    replaced = {header.lines[key] - 1 for key in ("lang", "slug", "status") if key in header.lines}
    kept = [line for index, line in enumerate(lines) if index not in replaced]
    return "\n".join(kept[:top] + new + kept[top:]) + "\n"
