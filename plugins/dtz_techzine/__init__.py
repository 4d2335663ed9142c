"""TechZine, DTZ's magazine: /techzine/ lists the issues, /techzine/<slug>/ shows one issue
(cover, editorial, contents and every item in full) beside its A4 PDF techzine-<number>.pdf.

Issues are the dtz_content type "techzine" (validated there); the PDF comes from dtz_print,
the print pipeline the bidbook shares, with the print template theme/print/techzine.html.
"""

from pelican import signals

from .generator import get_generators


def register():
    signals.get_generators.connect(get_generators)
