"""Print bench/results/latest.json as the Markdown tables of docs/performance.md."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import budgets  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"


def main() -> None:
    report = json.loads(RESULTS.read_text())
    for backend in report["results"]:
        data = backend["data"]
        print(f"\n### {backend['backend']}\n")
        print(
            f"Data set: {data['groups']} groups, {data['people']} people, "
            f"{data.get('persons', 0)} simulated people logged in, "
            f"{data['meetings']} meetings, {data['attendance']} attendance rows. "
            f"Worker memory (RSS): "
            + ", ".join(f"{mb:.0f} MiB" for mb in backend["worker_rss_mb"])
            + ".\n"
        )
        print(
            "| page | clients | req/s | ceiling req/s | ratio | p50 ms | p99 ms "
            "| errors | first view ms |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for row in backend["rows"]:
            print(
                f"| {row['endpoint']} | {row['clients']} | {row['rps']:.0f} | "
                f"{row['ceiling_rps']:.0f} | {row['ratio']:.2f} | {row['p50_ms']} | "
                f"{row['p99_ms']} | {row['errors']} | "
                f"{row.get('first_view_ms') or '–'} |"
            )
    print("\n### Budgets\n")
    print(budgets.markdown(budgets.evaluate(report)))


if __name__ == "__main__":
    sys.exit(main())
