"""The header navigation and the footer, collected from every app's hooks."""

from django.http import HttpRequest
from django.urls import reverse_lazy
from django.utils.functional import SimpleLazyObject

from balintkreis.core import hooks


def navigation(request: HttpRequest) -> dict[str, object]:
    # Lazy: fragments and e-mails that show no navigation pay nothing, and the
    # person is loaded only where the page already shows who is signed in.
    return {
        "main_navigation": SimpleLazyObject(
            lambda: hooks.frame_links("main_navigation", request.user)
        ),
        "footer_links": SimpleLazyObject(
            lambda: hooks.frame_links("footer_links", request.user)
        ),
        # The contact form, for pages of lower apps that offer help
        # (accounts' e-mail verification pages).
        "contact_url": reverse_lazy("groups:contact"),
    }
