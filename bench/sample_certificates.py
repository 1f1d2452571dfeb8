"""Render the sample certificates in docs/ from the demo data.

    /work/main/.venv/bin/python bench/sample_certificates.py
    pdftoppm -png -r 70 -singlefile docs/sample-bescheinigung-balintgruppe.pdf \
        docs/sample-bescheinigung-balintgruppe

Uses a throw-away SQLite database in a temporary directory.
"""

import datetime
import io
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balintkreis.settings")
        os.environ["BALINTKREIS_VAR_DIR"] = tmp
        os.environ.setdefault("CME_ORGANISER", "Balintkreis Demo-Institut (fiktiv)")
        os.environ["SQLITE_PATH"] = os.path.join(tmp, "sample.sqlite3")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from balintkreis.accounts import demo as accounts_demo
        from balintkreis.accounts.models import Chamber, User
        from balintkreis.cme import certificate_pdf, certificates
        from balintkreis.cme import demo as cme_demo
        from balintkreis.groups.models import BalintGroup
        from balintkreis.meetings import demo as meetings_demo

        out = io.StringIO()
        accounts_demo.load(stdout=out)
        leader = User.objects.get(email="leitung@demo.balintkreis.example")
        BalintGroup.objects.create(
            title="Balintgruppe Jena Mitte",
            slug="jena-mitte",
            format=BalintGroup.Format.HYBRID,
            city="Jena",
            venue="Institut, Beispielstraße 1, 07743 Jena",
            leader=leader,
            rhythm=BalintGroup.Rhythm.BIWEEKLY,
            weekday=2,
            starts_at=datetime.time(18, 0),
            chamber=Chamber.objects.get(short_name="LÄKTh"),
        )
        meetings_demo.load(stdout=out)
        cme_demo.load(stdout=out)
        member = User.objects.get(email="teilnahme@demo.balintkreis.example")
        term = member.certificates.get()
        first = certificates.counted_attendance(term.group, user=member)[0].meeting
        single = certificates.issue_for_meeting(first, user=member, by=member)
        docs = ROOT / "docs"
        (docs / "sample-bescheinigung-balintgruppe.pdf").write_bytes(
            certificate_pdf.render(term)
        )
        (docs / "sample-teilnahmebescheinigung.pdf").write_bytes(
            certificate_pdf.render(single)
        )
        print("written to docs/")


if __name__ == "__main__":
    main()
