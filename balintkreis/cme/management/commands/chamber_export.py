import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from balintkreis.cme import export
from balintkreis.core import audit


class Command(BaseCommand):
    help = "Write all reportable attendance of a year as CSV (vnr;efn;teilnahmedatum;name)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument(
            "--output", help="File to write; standard output if omitted."
        )

    def handle(self, *args: Any, year: int, output: str | None, **options: Any) -> None:
        text, written, left_out = export.year_csv(year)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            sys.stdout.write(text)
        # Counts only: an EFN never reaches the audit log.
        audit.record(
            None,
            "cme.export.year",
            None,
            data={"year": year, "rows": written, "left_out": left_out},
        )
        self.stderr.write(
            f"{written} rows written, {left_out} left out (EFN or VNR missing)."
        )
