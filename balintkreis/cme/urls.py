from django.urls import path

from balintkreis.cme.views import certificates, event_numbers, reports

app_name = "cme"
urlpatterns = [
    path("gruppen/<slug:slug>/vnr/", event_numbers.event_numbers, name="event-numbers"),
    path(
        "gruppen/<slug:slug>/vnr/<int:pk>/bearbeiten/",
        event_numbers.event_number_edit,
        name="event-number-edit",
    ),
    path(
        "gruppen/<slug:slug>/vnr/<int:pk>/meldung/",
        reports.vnr_report,
        name="vnr-report",
    ),
    path(
        "gruppen/<slug:slug>/vnr/<int:pk>/meldung/efn.txt",
        reports.vnr_report_txt,
        name="vnr-report-txt",
    ),
    path(
        "gruppen/<slug:slug>/vnr/<int:pk>/meldung/efn.csv",
        reports.vnr_report_csv,
        name="vnr-report-csv",
    ),
    path(
        "gruppen/<slug:slug>/vnr/<int:pk>/meldung/gemeldet/",
        reports.vnr_report_done,
        name="vnr-report-done",
    ),
    path(
        "gruppen/<slug:slug>/vnr/<int:pk>/meldung/eiv/",
        reports.vnr_report_eiv,
        name="vnr-report-eiv",
    ),
    path(
        "gruppen/<slug:slug>/sitzungen/<int:pk>/meldung/",
        reports.meeting_report,
        name="meeting-report",
    ),
    path(
        "gruppen/<slug:slug>/sitzungen/<int:pk>/meldung/efn.txt",
        reports.meeting_report_txt,
        name="meeting-report-txt",
    ),
    path(
        "gruppen/<slug:slug>/sitzungen/<int:pk>/meldung/efn.csv",
        reports.meeting_report_csv,
        name="meeting-report-csv",
    ),
    path(
        "gruppen/<slug:slug>/sitzungen/<int:pk>/meldung/gemeldet/",
        reports.meeting_report_done,
        name="meeting-report-done",
    ),
    path(
        "gruppen/<slug:slug>/sitzungen/<int:pk>/meldung/klaeren/<int:attendance_pk>/",
        reports.meeting_report_resolve,
        name="meeting-report-resolve",
    ),
    path(
        "gruppen/<slug:slug>/sitzungen/<int:pk>/meldung/eiv/",
        reports.meeting_report_eiv,
        name="meeting-report-eiv",
    ),
    path(
        "gruppen/<slug:slug>/bescheinigungen/",
        certificates.group_certificates,
        name="group-certificates",
    ),
    path(
        "gruppen/<slug:slug>/bescheinigungen/<int:pk>/korrigieren/",
        certificates.certificate_correct,
        name="certificate-correct",
    ),
    path(
        "gruppen/<slug:slug>/bescheinigungen/<int:pk>/widerrufen/",
        certificates.certificate_revoke,
        name="certificate-revoke",
    ),
    path("leitung/meldungen/", reports.reports_due, name="reports-due"),
    path("bescheinigungen/", certificates.my_progress, name="my-progress"),
    path(
        "bescheinigungen/sitzung/<slug:slug>/<int:pk>/",
        certificates.issue_for_meeting,
        name="issue-meeting",
    ),
    path(
        "bescheinigungen/gruppe/<slug:slug>/",
        certificates.issue_for_term,
        name="issue-term",
    ),
    path(
        "bescheinigungen/<text:number>.pdf",
        certificates.certificate_pdf_view,
        name="certificate-pdf",
    ),
    path("nachweis/", certificates.verify_form, name="verify-form"),
    path("nachweis/<text:code>/", certificates.verify, name="verify"),
]
