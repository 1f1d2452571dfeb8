from django.urls import path

from balintkreis.meetings.views import attendance, calendar, excuses, meetings

app_name = "meetings"
urlpatterns = [
    path("gruppen/<slug:slug>/sitzungen/", meetings.meeting_list, name="list"),
    path("gruppen/<slug:slug>/sitzungen/planen/", meetings.series_plan, name="plan"),
    path(
        "gruppen/<slug:slug>/sitzungen/format/",
        meetings.format_switch,
        name="format-switch",
    ),
    path(
        "gruppen/<slug:slug>/sitzungen/<int:pk>/",
        meetings.meeting_detail,
        name="detail",
    ),
    path(
        "gruppen/<slug:slug>/sitzungen/<int:pk>/bearbeiten/",
        meetings.meeting_edit,
        name="edit",
    ),
    path(
        "gruppen/<slug:slug>/sitzungen/<int:pk>/absagen/",
        meetings.meeting_cancel,
        name="cancel",
    ),
    path(
        "gruppen/<slug:slug>/sitzungen/<int:pk>/anwesenheit/",
        attendance.attendance_sheet,
        name="attendance",
    ),
    path(
        "gruppen/<slug:slug>/sitzungen/<int:pk>/anwesenheit/bestaetigen/",
        attendance.attendance_confirm,
        name="attendance-confirm",
    ),
    path(
        "gruppen/<slug:slug>/sitzungen/<int:pk>/anwesenheitsliste.pdf",
        attendance.attendance_pdf,
        name="attendance-pdf",
    ),
    path(
        "gruppen/<slug:slug>/sitzungen/<int:pk>/fallvorstellung/",
        attendance.case_add,
        name="case-add",
    ),
    path(
        "gruppen/<slug:slug>/teilnehmende/", meetings.members_overview, name="members"
    ),
    path(
        "gruppen/<slug:slug>/sitzungen/<int:pk>/entschuldigen/",
        excuses.excuse,
        name="excuse",
    ),
    path(
        "gruppen/<slug:slug>/sitzungen/<int:pk>/entschuldigen/zuruecknehmen/",
        excuses.excuse_withdraw,
        name="excuse-withdraw",
    ),
    path("kalender/", calendar.feeds, name="calendar-feeds"),
    path("kalender/<int:pk>/neu/", calendar.feed_reset, name="calendar-reset"),
    path("kalender/<text:token>.ics", calendar.feed, name="calendar-feed"),
]
