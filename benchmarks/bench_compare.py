"""Compare timings against a same-run baseline: reading and checking the two projects.

Run:  python benchmarks/bench_compare.py [OUR_PROJECT PARTNER_FILE]
By default the two sides of the mecenat-competences example (two full projects). Prints absolute
times and the ratio; asserts nothing about time (machines differ).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OURS = ROOT / "examples" / "mecenat-competences" / "partenariat.yaml"
THEIRS = ROOT / "examples" / "mecenat-competences-association" / "partenariat.yaml"
REPEAT = 5


def best_of(func: Callable[[], object], repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    from partenariat.answers import verify
    from partenariat.comparison import compare, load_points
    from partenariat.project import load_project
    from partenariat.questionnaire import load_questionnaires
    from partenariat.sharing import load_partner

    ours_path = Path(sys.argv[1]) if len(sys.argv) > 2 else OURS
    theirs_path = Path(sys.argv[2]) if len(sys.argv) > 2 else THEIRS
    quests = load_questionnaires()
    load_points(quests)  # warm imports and caches

    def baseline() -> None:
        for path in (ours_path, theirs_path):
            verify(load_project(path), quests)

    def whole() -> None:
        ours = load_project(ours_path)
        verify(ours, quests)
        compare(ours, load_partner(theirs_path, quests), quests)

    base = best_of(baseline)
    total = best_of(whole)
    ours = load_project(ours_path)
    partner = load_partner(theirs_path, quests)
    points = load_points(quests)
    only = best_of(lambda: compare(ours, partner, quests, points))
    print(f"base : lire et vérifier les deux projets      {base * 1000:8.1f} ms")
    print(
        f"compare complet (lecture comprise)           {total * 1000:8.1f} ms  ratio {total / base:5.2f}"
    )
    print(
        f"comparaison seule ({len(points)} points)              {only * 1000:8.1f} ms  ratio {only / base:5.2f}"
    )
    print("(ratios par rapport à la base mesurée dans la même exécution)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
