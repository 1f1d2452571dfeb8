from django.urls import path

from balintkreis.groups.views import catalogue, contact, secretariat

app_name = "groups"
urlpatterns = [
    path("gruppen/", catalogue.catalogue, name="catalogue"),
    path("gruppen/<slug:slug>/", catalogue.group_detail, name="detail"),
    path("kontakt/", contact.contact, name="contact"),
    path("kontakt/danke/", contact.contact_thanks, name="contact-thanks"),
    path("sekretariat/heute/", secretariat.today, name="today"),
    path("sekretariat/anfragen/", secretariat.inquiry_list, name="inquiry-list"),
    path(
        "sekretariat/anfragen/<int:pk>/beantwortet/",
        secretariat.inquiry_answer,
        name="inquiry-answer",
    ),
]
