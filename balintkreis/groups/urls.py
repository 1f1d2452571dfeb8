from django.urls import path

from balintkreis.groups.views import catalogue, contact, secretariat

app_name = "groups"
urlpatterns = [
    path("gruppen/", catalogue.catalogue, name="catalogue"),
    path("kontakt/", contact.contact, name="contact"),
    path("sekretariat/heute/", secretariat.today, name="today"),
]
