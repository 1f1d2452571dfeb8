from django.urls import path

from balintkreis.online.views import events, leader, meeting, techcheck

app_name = "online"
urlpatterns = [
    path("gruppen/<slug:slug>/", meeting.group_overview, name="group"),
    path("gruppen/<slug:slug>/auswertung/", leader.group_report, name="report"),
    path(
        "gruppen/<slug:slug>/technik-kontakt/",
        leader.technical_contact,
        name="technical-contact",
    ),
    path("sitzungen/<int:meeting_id>/", meeting.meeting_room, name="room"),
    path("sitzungen/<int:meeting_id>/puls/", meeting.heartbeat, name="heartbeat"),
    path(
        "sitzungen/<int:meeting_id>/verbindungen/",
        meeting.connections,
        name="connections",
    ),
    path("sitzungen/<int:meeting_id>/stille/", meeting.silence, name="silence"),
    path(
        "sitzungen/<int:meeting_id>/ausweichlink/",
        leader.fallback_link,
        name="fallback-link",
    ),
    path(
        "sitzungen/<int:meeting_id>/anwesenheit/",
        leader.attendance,
        name="attendance",
    ),
    path(
        "sitzungen/<int:meeting_id>/anwesenheit/uebernehmen/",
        leader.adopt,
        name="attendance-adopt",
    ),
    path("technik-check/", techcheck.page, name="techcheck"),
    path("technik-check/ping/", techcheck.ping, name="techcheck-ping"),
    path("technik-check/download/", techcheck.download, name="techcheck-download"),
    path("technik-check/upload/", techcheck.upload, name="techcheck-upload"),
    path("technik-check/ergebnis/", techcheck.save, name="techcheck-save"),
    path(
        "jitsi/events/occupant/<slug:event>",
        events.occupant,
        name="event-occupant",
    ),
    path("jitsi/events/room/<slug:event>", events.room_event, name="event-room"),
]
