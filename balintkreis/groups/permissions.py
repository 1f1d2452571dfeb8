"""Who may see and do what in the groups app (STYLE.md section 6)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from balintkreis.groups.models import Inquiry


def is_secretariat(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_secretariat)


def require_secretariat(user: object) -> None:
    """403 for logged-in people who are not the secretariat."""
    if not is_secretariat(user):
        raise PermissionDenied


def get_inquiry_for_secretariat(user: object, pk: int) -> Inquiry:
    require_secretariat(user)
    return get_object_or_404(Inquiry, pk=pk)
