"""The one error of this package: its message is the Dutch line the command prints."""


class DeployError(Exception):
    """A deploy or rollback that was refused or failed before ``current`` was switched."""
