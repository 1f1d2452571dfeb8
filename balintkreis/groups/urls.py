from django.urls import path

from balintkreis.groups import views

app_name = "groups"
urlpatterns = [
    path("gruppen/", views.catalogue, name="catalogue"),
    path("kontakt/", views.contact, name="contact"),
    path("sekretariat/heute/", views.today, name="today"),
]
