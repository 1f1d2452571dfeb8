from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("balintkreis.core.urls")),
    path("", include("balintkreis.groups.urls")),
    path("", include("balintkreis.meetings.urls")),
    path("", include("balintkreis.cme.urls")),
    path("konto/", include("allauth.urls")),
    path("mein-bereich/", include("balintkreis.accounts.urls")),
    path("mentoring/", include("balintkreis.mentoring.urls")),
    path("online/", include("balintkreis.online.urls")),
    path("rueckmeldung/", include("balintkreis.feedback.urls")),
    path("verwaltung/", admin.site.urls),
]
