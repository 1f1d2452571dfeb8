"""The budgets of issue 17 and whether a run of the benchmark meets them.

Used by bench/run.py (printed at the end of a run) and bench/report.py.
Every ratio is req/s of the page ÷ req/s of /healthz/ measured right before
it at the same concurrency in the same run.
"""

LOGGED_IN_RATIO = 0.3
ANONYMOUS_RATIO = 0.75
APPLICATION_RATIO = 0.3
HEARTBEAT_RATIO = 0.7
PDFS_PER_CORE = 50
P99_OVER_P50 = 4


def _verdict(ok: bool) -> str:
    return "holds" if ok else "misses"


def evaluate(report: dict) -> list[dict]:
    """One row per budget, page and backend: measured value and verdict."""
    table: list[dict] = []

    def add(budget: str, backend: str, measured: str, ok: bool) -> None:
        table.append(
            {
                "budget": budget,
                "backend": backend,
                "measured": measured,
                "verdict": _verdict(ok),
            }
        )

    for backend in report.get("results", []):
        name = backend["backend"]
        pages: dict[str, list[dict]] = {}
        for row in backend["rows"]:
            pages.setdefault(row["endpoint"], []).append(row)
        for page, rows in pages.items():
            kind = rows[0].get("kind", "")
            low = min(row["ratio"] for row in rows)
            high = max(row["ratio"] for row in rows)
            spread = f"{low:.2f}–{high:.2f}" if low != high else f"{low:.2f}"
            if kind == "logged in":
                add(f"{page} ≥ {LOGGED_IN_RATIO}", name, spread, low >= LOGGED_IN_RATIO)
            elif kind == "anonymous":
                add(f"{page} ≥ {ANONYMOUS_RATIO}", name, spread, low >= ANONYMOUS_RATIO)
            elif kind == "application POST":
                at_32 = [row for row in rows if row["clients"] == 32]
                errors = sum(row["errors"] for row in at_32)
                add(
                    f"{page} ≥ {APPLICATION_RATIO}, 0 errors at 32 clients",
                    name,
                    f"{spread}, {errors} errors",
                    low >= APPLICATION_RATIO and errors == 0 and bool(at_32),
                )
            for row in rows:
                if row["clients"] == 32:
                    add(
                        f"{page}: p99 ≤ {P99_OVER_P50} × p50 at 32 clients",
                        name,
                        f"{row['p50_ms']} / {row['p99_ms']} ms",
                        row["p99_ms"] <= P99_OVER_P50 * row["p50_ms"],
                    )
    heartbeat = report.get("heartbeat")
    if heartbeat:
        by_backend: dict[str, list[dict]] = {}
        for row in heartbeat["rows"]:
            by_backend.setdefault(row["backend"], []).append(row)
        for name, rows in by_backend.items():
            low = min(row["ratio"] for row in rows)
            high = max(row["ratio"] for row in rows)
            errors = sum(row["errors"] for row in rows)
            add(
                f"heartbeat ≥ {HEARTBEAT_RATIO}",
                name,
                f"{low:.2f}–{high:.2f}, {errors} errors",
                low >= HEARTBEAT_RATIO and errors == 0,
            )
    certificates = report.get("certificates")
    if certificates:
        for key, label in (
            ("single_pdfs_per_cpu_second", "single-date"),
            ("term_pdfs_per_cpu_second", "per-term"),
        ):
            if key in certificates:
                rate = certificates[key]
                add(
                    f"certificates ({label}) ≥ {PDFS_PER_CORE} PDFs/s per core",
                    "sqlite",
                    f"{rate:.0f} PDFs/s",
                    rate >= PDFS_PER_CORE,
                )
    return table


def markdown(table: list[dict]) -> str:
    lines = [
        "| budget | database | measured | result |",
        "| --- | --- | --- | --- |",
    ]
    lines += [
        f"| {row['budget']} | {row['backend']} | {row['measured']} | "
        f"**{row['verdict']}** |"
        for row in table
    ]
    misses = sum(row["verdict"] == "misses" for row in table)
    lines.append("")
    lines.append(
        f"{misses} of {len(table)} budgets miss."
        if misses
        else f"All {len(table)} budgets hold."
    )
    return "\n".join(lines)
