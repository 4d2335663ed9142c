"""Reader-quality checks of a built site, for `make check` (the editor's own content) and the tests.

Not a Pelican plugin: it reads a built output folder. `make check` builds the content as of today
into a folder of its own (CHECKDIR, never OUTPUTDIR or PREVIEWDIR) and prints one Dutch line per
finding at the editor's file and line, naming the page (``findings``, ``sources``, ``dutch``; ``memo``
keeps results for a rerun): ``python -m dtz_check --content DIR --output DIR [--cache DIR] [-- PELICANOPTS]``; exit 0 clean,
1 with findings (or content errors), 2 when it cannot run (Chromium, Java or the HTML checker
missing: the line names the Debian package).

Modules, used by tests/ as well:
- ``pages.web_pages(output)``: the built HTML files that are web pages (not the e-mails).
- ``links.Site(output, site_url)``: ``broken_links()`` and ``weights()``, ``image_weights()``; ``weight.too_heavy(site)``, ``weight.too_heavy_images(site)``.
- ``vnu.validate(root, files, java)``: the Nu Html Checker, offline, one JVM for all files.
- ``browser.chromium_path()``, ``browser.launched(path)``, ``browser.serve(folder)``: Debian's Chromium
  and a folder on 127.0.0.1; ``browser_checks.visit(...)`` (axe, layout, other hosts),
  ``browser_checks.axe_problems(tab, name)`` (axe on the page open in a tab) and
  ``browser_checks.without_javascript_problems(...)`` on ``one_page_per_template(output)``.
"""
