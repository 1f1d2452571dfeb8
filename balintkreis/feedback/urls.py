from django.urls import path

from balintkreis.feedback.views import meeting, polls

app_name = "feedback"
urlpatterns = [
    path("sitzungen/<int:meeting_id>/", meeting.meeting_feedback, name="meeting"),
    path(
        "sitzungen/<int:meeting_id>/anfragen/",
        meeting.request_feedback,
        name="request",
    ),
    path("sitzungen/<int:meeting_id>/notiz/", meeting.note_save, name="note"),
    path(
        "sitzungen/<int:meeting_id>/fallvorstellung/",
        meeting.presenter_form,
        name="presenter-form",
    ),
    path("gruppen/<slug:slug>/abstimmungen/", polls.poll_list, name="polls"),
    path("gruppen/<slug:slug>/abstimmungen/neu/", polls.poll_new, name="poll-new"),
    path("abstimmungen/<int:poll_id>/abstimmen/", polls.poll_vote, name="poll-vote"),
    path("abstimmungen/<int:poll_id>/schliessen/", polls.poll_close, name="poll-close"),
    path("abstimmungen/<int:poll_id>/beenden/", polls.poll_end, name="poll-end"),
]
