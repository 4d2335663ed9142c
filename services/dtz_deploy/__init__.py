"""Atomic deploys, ``make deploy`` and ``make rollback`` (README "Deploy"): a command, not a Pelican plugin, that uploads
a release and switches ``current`` with one rename, so readers see the old site whole or the new one whole."""
