"""Request types for views."""

from django.http import HttpRequest

from balintkreis.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view that only signed-in people reach.

    Annotate such views (``login_required`` or a decorator built on it) with
    this type: ``request.user`` is then a ``User``, never ``AnonymousUser``.
    """

    user: User
