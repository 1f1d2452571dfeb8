from django.urls import path

from balintkreis.groups.views import (
    applications,
    catalogue,
    contact,
    members,
    my_groups,
    secretariat,
    waiting_list,
)

app_name = "groups"
urlpatterns = [
    path("gruppen/", catalogue.catalogue, name="catalogue"),
    path("gruppen/<slug:slug>/", catalogue.group_detail, name="detail"),
    path("kontakt/", contact.contact, name="contact"),
    path("kontakt/danke/", contact.contact_thanks, name="contact-thanks"),
    path("sekretariat/heute/", secretariat.today, name="today"),
    path("sekretariat/anfragen/", secretariat.inquiry_list, name="inquiry-list"),
    path(
        "sekretariat/anfragen/<int:pk>/",
        secretariat.inquiry_detail,
        name="inquiry-detail",
    ),
    path(
        "sekretariat/anfragen/<int:pk>/antworten/",
        secretariat.inquiry_reply,
        name="inquiry-reply",
    ),
    path(
        "sekretariat/anfragen/<int:pk>/beantwortet/",
        secretariat.inquiry_answer,
        name="inquiry-answer",
    ),
]

# Registration and waiting list (issue 3).
urlpatterns += [
    path("gruppen/<slug:slug>/anmelden/", applications.apply, name="apply"),
    path(
        "gruppen/<slug:slug>/anmeldungen/",
        applications.application_list,
        name="application-list",
    ),
    path(
        "gruppen/<slug:slug>/anmeldungen/<int:pk>/annehmen/",
        applications.application_accept,
        name="application-accept",
    ),
    path(
        "gruppen/<slug:slug>/anmeldungen/<int:pk>/ablehnen/",
        applications.application_decline,
        name="application-decline",
    ),
    path(
        "gruppen/<slug:slug>/warteliste/",
        waiting_list.waiting_list_view,
        name="waiting-list",
    ),
    path(
        "gruppen/<slug:slug>/warteliste/<int:pk>/verschieben/",
        waiting_list.waiting_list_move,
        name="waiting-list-move",
    ),
    path("gruppen/<slug:slug>/mitglieder/", members.member_list, name="members"),
    path(
        "gruppen/<slug:slug>/mitglieder/<int:pk>/beenden/",
        members.membership_end,
        name="membership-end",
    ),
    path(
        "gruppen/<slug:slug>/naechster-abschnitt/",
        members.carry_over,
        name="carry-over",
    ),
    path("angebot/<text:token>/", waiting_list.offer, name="offer"),
    path(
        "angebot/<text:token>/annehmen/", waiting_list.offer_accept, name="offer-accept"
    ),
    path(
        "angebot/<text:token>/ablehnen/",
        waiting_list.offer_decline,
        name="offer-decline",
    ),
    path("mein-bereich/gruppen/", my_groups.my_groups, name="my-groups"),
    path(
        "mein-bereich/gruppen/anmeldungen/<int:pk>/zurueckziehen/",
        my_groups.application_withdraw,
        name="application-withdraw",
    ),
    path(
        "mein-bereich/gruppen/mitgliedschaften/<int:pk>/beenden/",
        my_groups.leave,
        name="leave",
    ),
    path("interessenliste/", my_groups.interest_register, name="interest-register"),
    path(
        "mein-bereich/gruppen/interessenliste/<int:pk>/entfernen/",
        my_groups.interest_remove,
        name="interest-remove",
    ),
    path(
        "sekretariat/interessenliste/",
        my_groups.interest_overview,
        name="interest-overview",
    ),
]
