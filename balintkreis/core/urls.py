from django.urls import path

from balintkreis.core import views

app_name = "core"
urlpatterns = [
    path("healthz/", views.health, name="health"),
    path("healthz/ready/", views.ready, name="ready"),
    path("sprache/<text:code>/", views.set_language, name="language"),
]
