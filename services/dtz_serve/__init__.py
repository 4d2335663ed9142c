"""`make serve`: the preview, rebuilt on every save and served on 127.0.0.1 with the site's own 404 page.

Not a Pelican plugin but the command around a Pelican build: ``python -m dtz_serve`` takes
Pelican's own arguments (``content -o preview -s pelicanconf.py -e KEY=VALUE -p PORT -b ADDRESS``),
builds with them (dtz_content's preview settings come from the environment, as for ``pelican``)
and then, whenever a file changes in the content folder, in every folder a content type reads from
(``newsletters/``), in the theme or in the settings file, writes the saved item's page at once and
builds again behind it (:mod:`loop`). Pelican's own ``-lr`` watches
only content/ and the theme, and answers a missing page with an empty reply.

API: ``watched_folders(settings, settings_file)``; ``PreviewHandler`` (the HTTP handler);
``main(argv)``.
"""

from .serve import PreviewHandler, main, watched_folders

__all__ = ["PreviewHandler", "main", "watched_folders"]
