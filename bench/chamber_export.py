"""The chamber export of everything in the benchmark data set (200,000 rows).

    python bench/chamber_export.py      # after bench/run.py built var-sqlite

Runs ``cme.export.period_csv`` over the whole period of the data set
(about two years, every confirmed attendance row) and prints rows and time.
"""

import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balintkreis.settings")
os.environ.setdefault(
    "BALINTKREIS_VAR_DIR", str(ROOT / "bench" / "results" / "var-sqlite")
)

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from balintkreis.cme import export  # noqa: E402


def main() -> None:
    start = timezone.now() - datetime.timedelta(days=3650)
    end = timezone.now() + datetime.timedelta(days=1)
    export.period_csv(start, end)  # warm up caches and the SQLite page cache
    began = time.perf_counter()
    _text, written, left_out = export.period_csv(start, end)
    seconds = time.perf_counter() - began
    print(
        f"chamber export: {written} rows written, {left_out} left out "
        f"in {seconds:.2f} s ({written / seconds:,.0f} rows/s)"
    )


if __name__ == "__main__":
    main()
