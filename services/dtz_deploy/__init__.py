"""Atomic deploys of a built site: upload a release, then switch ``current`` with one rename.

Not a Pelican plugin but a command (``make deploy`` / ``make rollback``)::

    python -m dtz_deploy check    [TARGET]
    python -m dtz_deploy deploy   [TARGET] [--output DIR]
    python -m dtz_deploy rollback [TARGET]

TARGET is ``<dir>`` or ``[user@]host:<dir>`` (default: ``DEPLOY_TARGET``); ``DEPLOY_SSH`` (default
``ssh``) is the remote shell, ``DEPLOY_KEEP`` (default 5) the number of releases kept. On the target::

    <dir>/releases/<id>/   one complete upload each; ids sort by time (20261201T213000Z-3f2a9c)
    <dir>/current          symlink -> releases/<id>: what the web server serves
    <dir>/.deploy.lock     held (flock) for the whole deploy or rollback

Exit status 0 done; 2 refused or failed, with one Dutch line, and ``current`` unchanged.

For other code: ``deploy(target, output, keep)``, ``rollback(target)``, ``Target.parse(text, ssh)``
and ``DeployError`` (its message is the Dutch line).
"""

from .releases import DeployError, deploy, rollback
from .target import Target

__all__ = ["DeployError", "Target", "deploy", "rollback"]
