"""Demo VNRs and a certificate for the demo member (idempotent).

Only the EIV test VNRs of DOMAIN.md R2 are used, one per group.
"""

import datetime
from typing import TextIO

from django.utils import timezone

from balintkreis.accounts.models import Chamber, User
from balintkreis.cme import certificates, points
from balintkreis.cme.models import Certificate, EventNumber
from balintkreis.groups.models import BalintGroup

DEMO_MEMBER = "teilnahme@demo.balintkreis.example"
TEST_VNRS = [
    "2760012024200354002",
    "2760012024200355009",
    "2760012024200356007",
    "2760552025919300018",
]


def _chamber(group: BalintGroup) -> Chamber | None:
    return (
        group.chamber
        or Chamber.objects.filter(short_name="LÄKTh").first()
        or Chamber.objects.first()
    )


def load(*, stdout: TextIO) -> None:
    today = timezone.localdate()
    groups = BalintGroup.objects.order_by("pk")[: len(TEST_VNRS)]
    for group, vnr in zip(groups, TEST_VNRS, strict=False):
        chamber = _chamber(group)
        if chamber is None or EventNumber.objects.filter(vnr=vnr).exists():
            continue
        EventNumber.objects.create(
            group=group,
            vnr=vnr,
            chamber=chamber,
            category=group.cme_category or "C",
            points=points.suggest(double_sessions=group.sessions_per_date),
            valid_from=today - datetime.timedelta(days=365),
            valid_until=today + datetime.timedelta(days=365),
            password="demo-passwort",
        )
    member = User.objects.filter(email=DEMO_MEMBER).first()
    if member is not None and not member.certificates.exists():
        for group in BalintGroup.objects.filter(memberships__user=member).distinct():
            if certificates.counted_attendance(group, user=member):
                certificates.issue_for_term(group, user=member, by=member)
                break
    stdout.write(
        f"VNRs: {EventNumber.objects.count()}, certificates: {Certificate.objects.count()}"
    )
