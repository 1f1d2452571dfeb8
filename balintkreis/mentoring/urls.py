from django.urls import path

from balintkreis.mentoring.views import (
    directory,
    faq,
    mentorships,
    requests,
    secretariat,
)

app_name = "mentoring"
urlpatterns = [
    path("", mentorships.home, name="home"),
    path("mentorinnen/", directory.directory_list, name="directory"),
    path("mentorinnen/export.csv", directory.directory_csv, name="directory-csv"),
    path("mentorinnen/export.pdf", directory.directory_pdf, name="directory-pdf"),
    path("mentorinnen/<int:pk>/", directory.mentor_detail, name="mentor-detail"),
    path(
        "mentorinnen/<int:pk>/anfragen/", requests.request_create, name="request-create"
    ),
    path("mein-profil/", directory.profile_edit, name="profile-edit"),
    path(
        "mein-profil/zurueckziehen/",
        directory.profile_withdraw,
        name="profile-withdraw",
    ),
    path("anfragen/<int:pk>/", requests.request_detail, name="request-detail"),
    path("anfragen/<int:pk>/annehmen/", requests.request_accept, name="request-accept"),
    path(
        "anfragen/<int:pk>/ablehnen/", requests.request_decline, name="request-decline"
    ),
    path(
        "anfragen/<int:pk>/zurueckziehen/",
        requests.request_withdraw,
        name="request-withdraw",
    ),
    path(
        "begleitungen/<int:pk>/",
        mentorships.mentorship_detail,
        name="mentorship-detail",
    ),
    path(
        "begleitungen/<int:pk>/sitzungen/neu/",
        mentorships.session_create,
        name="session-create",
    ),
    path(
        "begleitungen/<int:pk>/wie-weiter/",
        mentorships.mentorship_decide,
        name="mentorship-decide",
    ),
    path(
        "begleitungen/<int:pk>/abschliessen/",
        mentorships.mentorship_end,
        name="mentorship-end",
    ),
    path(
        "begleitungen/<int:pk>/supervision/",
        mentorships.terms_propose,
        name="terms-propose",
    ),
    path(
        "begleitungen/<int:pk>/supervision/bestaetigen/",
        mentorships.terms_confirm,
        name="terms-confirm",
    ),
    path("sekretariat/", secretariat.overview, name="secretariat-overview"),
    path("faq/", faq.faq_list, name="faq"),
]
