from django.urls import path

from balintkreis.core import views

app_name = "core"
urlpatterns = [
    path("healthz/", views.health, name="health"),
    path("sprache/<str:code>/", views.set_language, name="language"),
]
