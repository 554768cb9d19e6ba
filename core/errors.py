"""Errors that services raise and views turn into messages."""

from django.core.exceptions import PermissionDenied


class EditConflict(Exception):
    """Someone else saved first. ``current`` is what they saved, to show the second person."""

    def __init__(self, message: str, current=None):
        super().__init__(message)
        self.message = message
        self.current = current


class NotAllowed(PermissionDenied):
    """The user's role does not allow this; views answer 403."""
