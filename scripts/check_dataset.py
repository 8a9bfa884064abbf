"""Check the bundled dataset files against the seeds, before the loader exists.

Usage: python scripts/check_dataset.py [FILE.yaml ...]

Reports every provenance/basis quote that does not occur in its seed (whitespace
normalised), and YAML syntax errors. Exit status 1 when anything is wrong.
"""

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
DATASET = ROOT / "src" / "pactmonitor" / "datasets" / "techniekpact"


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def seeds() -> dict[str, str]:
    return {p.name[:3]: normalise(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")}


def walk(node, path, seed_texts, problems, default_seed=None):
    if isinstance(node, dict):
        prov = node.get("provenance")
        if isinstance(prov, dict):
            seed = str(prov.get("seed", ""))
            quote = normalise(str(prov.get("quote", "")))
            if seed not in seed_texts:
                problems.append(f"{path}: unknown seed {seed!r}")
            elif not quote or quote not in seed_texts[seed]:
                problems.append(f"{path}: quote not in seed {seed}: {quote[:80]!r}")
            default_seed = seed
        bq = node.get("basis_quote")
        if bq:
            seed = default_seed or ""
            if normalise(str(bq)) not in seed_texts.get(seed, ""):
                problems.append(f"{path}: basis_quote not in seed {seed}: {str(bq)[:80]!r}")
        for key, value in node.items():
            if key != "provenance":
                walk(value, f"{path}.{key}", seed_texts, problems, default_seed)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            walk(item, f"{path}[{i}]", seed_texts, problems, default_seed)


def main(files: list[str]) -> int:
    seed_texts = seeds()
    paths = [Path(f) for f in files] or sorted(DATASET.glob("*.yaml"))
    problems: list[str] = []
    for p in paths:
        try:
            data = yaml.safe_load(p.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            problems.append(f"{p.name}: YAML error: {exc}")
            continue
        walk(data, p.name, seed_texts, problems)
    for line in problems:
        print(line)
    print(f"{len(paths)} file(s), {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
