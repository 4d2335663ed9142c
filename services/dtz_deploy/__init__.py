"""Atomic deploys of a built site (``make deploy``, ``make rollback``): upload a release, then switch
``current`` with one rename, so readers see the old site whole or the new one whole. Not a Pelican plugin
but a command, ``python -m dtz_deploy check|deploy|rollback [TARGET]`` (README "Deploy")."""
