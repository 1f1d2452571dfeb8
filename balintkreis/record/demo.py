"""Demo record for the demo member (idempotent, fictitious): PSGV as a
target, an earlier certificate of another provider (confirmed) and a leader
seminar waiting for the secretariat. No scans: demo data has no documents."""

import datetime
from typing import TextIO

from django.utils import timezone

from balintkreis.accounts.models import User
from balintkreis.record import targets
from balintkreis.record.models import ChosenTarget, OutsideEntry

DEMO_MEMBER = "teilnahme@demo.balintkreis.example"
DEMO_SECRETARIAT = "sekretariat@demo.balintkreis.example"


def load(*, stdout: TextIO) -> None:
    member = User.objects.filter(email=DEMO_MEMBER).first()
    if member is None or OutsideEntry.objects.filter(user=member).exists():
        return
    secretariat = User.objects.filter(email=DEMO_SECRETARIAT).first()
    year = timezone.localdate().year
    ChosenTarget.objects.get_or_create(user=member, key=targets.PSGV)
    OutsideEntry.objects.create(
        user=member,
        kind=OutsideEntry.Kind.GROUP,
        started_on=datetime.date(year - 3, 2, 4),
        ended_on=datetime.date(year - 3, 11, 18),
        double_sessions=12,
        title="Balintgruppe Praxis Dr. Beispiel, Gera (erfunden)",
        leader_name="Dr. med. Erika Beispiel",
        leader_recognition="DBG-anerkannt (erfunden)",
        organiser="Praxis Dr. Beispiel",
        status=OutsideEntry.Status.CONFIRMED,
        decided_by=secretariat,
        decided_at=timezone.now(),
    )
    OutsideEntry.objects.create(
        user=member,
        kind=OutsideEntry.Kind.STUDY_CONFERENCE,
        started_on=datetime.date(year - 1, 5, 9),
        ended_on=datetime.date(year - 1, 5, 11),
        double_sessions=6,
        title="Balint-Studientagung (erfunden)",
        leader_name="verschiedene Gruppenleitungen",
        organiser="Deutsche Balint-Gesellschaft (Beispiel)",
    )
    stdout.write("record: demo member's Balint record\n")
