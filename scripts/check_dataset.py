"""Check the bundled dataset without a database: structure, references, and every quote.

Usage: .venv/bin/python scripts/check_dataset.py [DATASET_FOLDER]

The same checks the loader runs before writing (see pactmonitor.exchange.dataset), every
provenance quote (and every finding's whole text) against the seed documents in ../shared/seeds
(or PACTMONITOR_SEEDS_DIR), every quote's section against the seed's contents
(pactmonitor.exchange.sections), and the editorial rules of docs/dataset.md that a machine can
check (pactmonitor.exchange.rules): among them a pact's planning lines dated by the convention
with their date text in their quote, and findings dated as their document, never a figure.
Exit status 1 when anything is wrong.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from pactmonitor.exchange.dataset import BUNDLED, DatasetError, quote_problems, read_dataset  # noqa: E402
from pactmonitor.exchange.rules import rule_problems  # noqa: E402
from pactmonitor.exchange.sections import section_problems  # noqa: E402


def main(args: list[str]) -> int:
    folder = Path(args[0]) if args else BUNDLED
    seeds = Path(os.environ.get("PACTMONITOR_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
    try:
        dataset = read_dataset(folder)
        problems = quote_problems(dataset, seeds) + rule_problems(dataset)
        problems += section_problems(dataset, seeds)
    except DatasetError as exc:
        problems = exc.problems
    for line in problems:
        print(line)
    print(f"{folder}: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
