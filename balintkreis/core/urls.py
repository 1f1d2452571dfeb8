from django.urls import path

from balintkreis.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("info/<slug:slug>/", views.page, name="page"),
    path("healthz/", views.health, name="health"),
    path("healthz/ready/", views.ready, name="ready"),
    path("sprache/<text:code>/", views.set_language, name="language"),
]
