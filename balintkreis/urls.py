from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("balintkreis.core.urls")),
    path("", include("balintkreis.groups.urls")),
    path("", include("balintkreis.meetings.urls")),
    path("", include("balintkreis.cme.urls")),
    path("konto/", include("allauth.urls")),
    path("mein-bereich/", include("balintkreis.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("verwaltung/", admin.site.urls),
]
