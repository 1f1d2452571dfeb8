from django.contrib import admin
from django.urls import include, path

from balintkreis.accounts import urls as accounts_urls
from balintkreis.core import urls as core_urls
from balintkreis.site import errors
from balintkreis.site import urls as site_urls

urlpatterns = [
    # The site layer answers the home page, the info pages and the personal
    # overview under their first names (balintkreis/site/urls.py).
    path("", include((site_urls.core_patterns + core_urls.urlpatterns, "core"))),
    path("", include((site_urls.site_patterns, "site"))),
    path("", include("balintkreis.groups.urls")),
    path("", include("balintkreis.meetings.urls")),
    path("", include("balintkreis.cme.urls")),
    path("", include("balintkreis.billing.urls")),
    path("konto/", include("allauth.urls")),
    path(
        "mein-bereich/",
        include((site_urls.accounts_patterns + accounts_urls.urlpatterns, "accounts")),
    ),
    path("mentoring/", include("balintkreis.mentoring.urls")),
    path("zahlungen/", include("balintkreis.payments.urls")),
    path("online/", include("balintkreis.online.urls")),
    path("rueckmeldung/", include("balintkreis.feedback.urls")),
    path("verwaltung/", admin.site.urls),
    path("favicon.ico", errors.favicon),
]

# German (or the chosen language) error pages in the site's frame.
handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
