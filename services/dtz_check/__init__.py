"""Reader-quality checks of a built output folder, for `make check` (``cli``) and the tests: ``offline``,
``browser``. Not a Pelican plugin; see the README's *Quality checks*."""
