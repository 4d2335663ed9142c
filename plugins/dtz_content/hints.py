"""'Bedoelde u …?': the one rule (``near_miss``) for when a problem line may suggest a known value, used by every check
that compares a value with known ones. A hint is given only when it is right, so an editor can trust it."""

import os
import unicodedata

PREFIX_MIN = 3  # 'Agro' may start 'Agrofood'; 'A' starts too much to mean anything
LONG = 8  # values of this many letters or more may be two edits away


def fold(text):
    """``text`` without case, accents, spaces or punctuation: 'IMG_4031.JPG' and 'img 4031 jpg' fold alike."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def within(a, b, limit):
    """True when ``b`` is at most ``limit`` edits (a character added, left out, changed, or two swapped) from ``a``."""
    same = len(os.path.commonprefix([a, b]))  # a shared start costs nothing
    a, b = a[same:], b[same:]
    if not a or not b:
        return len(a) + len(b) <= limit
    swapped = a[1:2] == b[:1] and b[1:2] == a[:1] and within(a[2:], b[2:], limit - 1)
    return limit > 0 and (swapped or within(a[1:], b, limit - 1) or within(a, b[1:], limit - 1) or within(a[1:], b[1:], limit - 1))


def near_miss(word, choices):
    """The one known value ``word`` is a near miss of, or None: the first test that holds for any value decides, if it holds
    for exactly one (the same but for case, accents, spaces and punctuation; one edit away, two from eight letters; the
    start, from three letters). A hint never repeats what was written."""
    written = str(word).strip()
    if not (folded := fold(written)):
        return None
    limit = 2 if len(folded) >= LONG else 1
    tests = (
        lambda other: other == folded,
        lambda other: within(folded, other, limit),
        lambda other: len(folded) >= PREFIX_MIN and other.startswith(folded),
    )
    folded_choices = [(choice, fold(choice)) for choice in dict.fromkeys(choices) if choice != written]
    for alike in tests:
        if found := [choice for choice, other in folded_choices if alike(other)]:
            return found[0] if len(found) == 1 else None
    return None


def meant(value):
    """The words that end a problem line with a suggestion: " (bedoelde u 'Emmen'?)"; "" without one."""
    return f" (bedoelde u '{value}'?)" if value else ""


def did_you_mean(word, choices):
    """:func:`meant` of :func:`near_miss`: the suggestion for ``word`` among ``choices``, or ""."""
    return meant(near_miss(word, choices))


def files_below(content_path, suffixes=()):
    """Every file below content/ (with one of ``suffixes``, if given), as a header or a link names it: what a path's hint
    is looked for among, so asked only when a path is wrong."""
    return [
        os.path.relpath(os.path.join(folder, name), content_path).replace(os.sep, "/")
        for folder, _, names in os.walk(content_path)
        for name in names
        if not name.startswith(".") and (not suffixes or name.lower().endswith(suffixes))
    ]
