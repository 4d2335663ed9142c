"""Reader-quality checks of a built site, for `make check` (``cli``: the editor's own content, one Dutch line
per finding at the editor's file and line) and for the tests: ``links`` (broken links, page weight),
``vnu`` (the Nu Html Checker), ``browser`` (axe, layout, other hosts and no JavaScript in Chromium).
Not a Pelican plugin: it reads a built output folder. See the README's *Quality checks*.
"""
