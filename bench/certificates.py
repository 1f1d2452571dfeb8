"""Benchmark: certificates for many members and the chamber export (issue 4).

Standalone; builds its own throw-away SQLite database in a temporary
directory (or uses DATABASE_URL when set), so it never touches real data:

    /work/main/.venv/bin/python bench/certificates.py --members 1000

Prints PDFs per second for term certificates (15 dates each) and for
single-date certificates, and the time of the EFN export per VNR and per
meeting. Figures go into docs/performance.md.
"""

import argparse
import datetime
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(tmp: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balintkreis.settings")
    os.environ.setdefault("BALINTKREIS_VAR_DIR", tmp)
    os.environ.setdefault("SQLITE_PATH", os.path.join(tmp, "bench.sqlite3"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(members: int, per_group: int, dates: int):
    from django.utils import timezone

    from balintkreis.accounts.efn import luhn_check_digit
    from balintkreis.accounts.models import Chamber, LeaderProfile, User
    from balintkreis.cme.models import EventNumber
    from balintkreis.groups.models import BalintGroup, Membership
    from balintkreis.meetings.models import Attendance, Meeting

    chamber = Chamber.objects.create(
        name="Landesärztekammer Thüringen", short_name="LÄKTh"
    )
    today = timezone.localdate()
    start = today - datetime.timedelta(days=14 * dates + 7)
    groups = []
    vnr_body = 276001202420035400
    for g in range(max(1, members // per_group)):
        leader = User.objects.create(
            email=f"leitung{g}@bench.example",
            first_name="Lea",
            last_name=f"Leitung {g}",
        )
        LeaderProfile.objects.create(user=leader, qualification="Fachärztin")
        group = BalintGroup.objects.create(
            title=f"Balintgruppe {g}",
            slug=f"bench-{g}",
            format="in_person",
            leader=leader,
            rhythm="biweekly",
            chamber=chamber,
            venue="Raum 1",
        )
        body = str(vnr_body + g * 10)[:18]
        EventNumber.objects.create(
            group=group,
            vnr=body + luhn_check_digit(body),
            chamber=chamber,
            points=3,
            valid_from=start - datetime.timedelta(days=1),
            valid_until=today,
        )
        groups.append(group)
    users = User.objects.bulk_create(
        User(
            email=f"m{i}@bench.example",
            first_name="Maria",
            last_name=f"Mitglied {i}",
            efn="80276002009"
            + f"{i:03d}"[-3:]
            + luhn_check_digit("80276002009" + f"{i:03d}"[-3:]),
        )
        for i in range(members)
    )
    Membership.objects.bulk_create(
        Membership(group=groups[i % len(groups)], user=u, started_on=start)
        for i, u in enumerate(users)
    )
    tz = timezone.get_current_timezone()
    meetings = Meeting.objects.bulk_create(
        Meeting(
            group=group,
            place="Raum 1",
            starts_at=datetime.datetime.combine(
                start + datetime.timedelta(days=14 * d), datetime.time(18), tzinfo=tz
            ),
        )
        for group in groups
        for d in range(dates)
    )
    by_group: dict[int, list] = {}
    for m in meetings:
        by_group.setdefault(m.group_id, []).append(m)
    now = timezone.now()
    Attendance.objects.bulk_create(
        Attendance(meeting=m, user=u, status="present", confirmed_at=now)
        for i, u in enumerate(users)
        for m in by_group[groups[i % len(groups)].pk]
    )
    return groups, users


RATES: dict[str, float] = {}


def timed(label: str, count: int, func, key: str = "") -> float:
    """Wall-clock and CPU time: on a shared machine the CPU rate is the fair one."""
    began, cpu = time.perf_counter(), time.process_time()
    func()
    seconds = time.perf_counter() - began
    cpu_seconds = max(time.process_time() - cpu, 1e-9)
    print(
        f"{label:<48} {count:>6}  wall {seconds:7.2f} s {count / seconds:8.1f}/s"
        f"  cpu {cpu_seconds:7.2f} s {count / cpu_seconds:8.1f}/s"
    )
    if key:
        RATES[key] = round(count / cpu_seconds, 1)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--per-group", type=int, default=10)
    parser.add_argument("--dates", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp)
        from balintkreis.cme import certificate_pdf, certificates, export
        from balintkreis.cme.models import EventNumber
        from balintkreis.groups.models import BalintGroup

        t0 = time.perf_counter()
        groups, users = build(args.members, args.per_group, args.dates)
        print(
            f"setup: {args.members} members, {len(groups)} groups, "
            f"{args.dates} dates each ({time.perf_counter() - t0:.1f} s)"
        )
        group_of = {u.pk: groups[i % len(groups)] for i, u in enumerate(users)}
        issued = []
        timed(
            "issue term certificates (rule, no PDF)",
            len(users),
            lambda: issued.extend(
                certificates.issue_for_term(group_of[u.pk], user=u, by=u) for u in users
            ),
        )
        sizes = []
        timed(
            f"render term certificate PDFs ({args.dates} dates each)",
            len(issued),
            lambda: sizes.extend(len(certificate_pdf.render(c)) for c in issued),
            key="term_pdfs_per_cpu_second",
        )
        print(f"  average PDF size: {sum(sizes) / len(sizes) / 1024:.1f} KiB")
        first_meeting = {g.pk: g.meetings.order_by("starts_at").first() for g in groups}
        single = []
        timed(
            "issue + render single-date certificates",
            len(users),
            lambda: single.extend(
                len(
                    certificate_pdf.render(
                        certificates.issue_for_meeting(
                            first_meeting[group_of[u.pk].pk], user=u, by=u
                        )
                    )
                )
                for u in users
            ),
            key="single_pdfs_per_cpu_second",
        )
        numbers = list(EventNumber.objects.select_related("group"))
        rows_total = []

        def export_all() -> None:
            for number in numbers:
                rows = export.rows_for_event_number(number)
                export.efn_csv(rows)
                rows_total.append(len(rows))

        timed("EFN export per VNR (CSV), VNRs", len(numbers), export_all)
        print(f"  attendance rows exported: {sum(rows_total)}")
        group = BalintGroup.objects.first()
        meeting = group.meetings.first()
        timed(
            "EFN export of one meeting (10 attendees)",
            1,
            lambda: export.efn_text(export.rows_for_meeting(meeting)),
        )
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "certificates.json").write_text(
        json.dumps({"members": args.members, **RATES}, indent=2)
    )


if __name__ == "__main__":
    main()
