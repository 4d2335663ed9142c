"""`make new TYPE=<type> TITLE="…"`: start a content item from its type, as a draft.

Not a Pelican plugin: a command that writes one Markdown file from the content model
(``dtz_content.TYPES``): every field of the type in its order, each with its help as a header note
(``# …``, which the build passes over), ``Status: draft`` and ``Date:`` today where the type has one.

API: ``TYPE_NAMES`` (the Dutch type names editors use → the model's keys), ``draft_text(ctype, title,
day, settings)`` (the new file's text), ``main(argv)`` (exit 0 written, 2 refused with one Dutch line).
"""

from .cli import main
from .draft import TYPE_NAMES, draft_text

__all__ = ["TYPE_NAMES", "draft_text", "main"]
