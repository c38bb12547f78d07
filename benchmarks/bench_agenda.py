"""``partenariat agenda`` over many generated projects, against a same-run baseline.

Run:  python benchmarks/bench_agenda.py [N ...]      (default: 100 300 1000)
Each size gets its own folder of generated projects (copies of the bundled company example with
other names and dates). Prints the time of the agenda, the baseline (plain YAML parsing of the
same files, what no agenda can avoid) and their ratio, and the time per project, which stays flat
when the cost is linear. Asserts nothing about time (machines differ).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "mecenat-competences" / "partenariat.yaml"


def generate(folder: Path, count: int) -> list[Path]:
    """``count`` projects under ``folder``, each with its own partner and its own dates."""
    base = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    paths: list[Path] = []
    for i in range(count):
        data = yaml.safe_load(yaml.safe_dump(base))  # a deep copy
        data["partenaire"]["nom"] = f"Association n° {i + 1}"
        shift = dt.timedelta(days=(i * 7) % 700)
        e4 = data["etapes"]["4"]["reponses"]
        e4["date_debut"] = (dt.date(2027, 1, 4) + shift).isoformat()
        for item in e4.get("echeancier") or []:
            item["date"] = (dt.date.fromisoformat(str(item["date"])) + shift).isoformat()
        path = folder / f"groupe-{i % 10}" / f"partenariat-{i:04d}" / "partenariat.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str]) -> int:
    from partenariat.agenda import collect

    sizes = [int(a) for a in argv] or [100, 300, 1000]
    start = dt.date(2027, 6, 1)
    print(f"{'projets':>8} {'base (YAML)':>12} {'agenda':>10} {'ratio':>7} {'par projet':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        collect([generate(Path(tmp) / "chauffe", 5)[0].parent], start, 30)  # imports, caches
        for n in sizes:
            folder = Path(tmp) / f"n{n}"
            paths = generate(folder, n)
            t0 = time.perf_counter()
            for path in paths:
                yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            baseline = time.perf_counter() - t0
            t0 = time.perf_counter()
            result = collect([folder], start, 30)
            elapsed = time.perf_counter() - t0
            assert len(result.projets) == n and not result.ignores
            print(
                f"{n:>8} {baseline:>11.2f}s {elapsed:>9.2f}s {elapsed / baseline:>7.1f}"
                f" {elapsed / n * 1000:>9.1f} ms"
            )
    print(
        "(ratio : agenda / simple lecture YAML des mêmes fichiers ; coût linéaire si « par projet » reste stable)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
