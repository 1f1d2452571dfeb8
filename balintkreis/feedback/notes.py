"""A leader's private note per meeting: only its author reads it, and reads
are audit-logged."""

from balintkreis.accounts.models import User
from balintkreis.core import audit
from balintkreis.feedback.models import LeaderNote
from balintkreis.meetings.models import Meeting


def save_note(meeting: Meeting, *, author: User, text: str) -> LeaderNote:
    note, _created = LeaderNote.objects.update_or_create(
        meeting=meeting, author=author, defaults={"text": text}
    )
    audit.record(author, "feedback.note.saved", note)
    return note


def read_note(meeting: Meeting, *, author: User) -> LeaderNote | None:
    note = LeaderNote.objects.filter(meeting=meeting, author=author).first()
    if note is not None:
        audit.record(author, "feedback.note.read", note)
    return note
