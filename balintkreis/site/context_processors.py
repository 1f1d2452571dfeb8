"""The header navigation and the footer, collected from every app's hooks."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from balintkreis.core import hooks


def navigation(request: HttpRequest) -> dict[str, SimpleLazyObject]:
    # Lazy: fragments and e-mails that show no navigation pay nothing, and the
    # person is loaded only where the page already shows who is signed in.
    return {
        "main_navigation": SimpleLazyObject(
            lambda: hooks.links("main_navigation", request.user)
        ),
        "footer_links": SimpleLazyObject(
            lambda: hooks.links("footer_links", request.user)
        ),
    }
