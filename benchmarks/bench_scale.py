"""A project with many items in a list (1,000 candidates by default), against same-run baselines.

    python benchmarks/bench_scale.py [--items 1000] [--runs 5]

- ``check``'s ranking table: drawing it, against computing the analysis it shows (in process);
- ``check`` as a command: the table, against ``check --format json`` (same analysis, no drawing);
- an autosave: ``ProjectStore.save`` against one atomic write of the same bytes.

Nothing here asserts a time; it prints what it measured, as ratios.
"""

from __future__ import annotations

import argparse
import copy
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "mecenat-competences" / "partenariat.yaml"


def make_project(folder: Path, items: int) -> Path:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    answers = data["etapes"]["3"]["reponses"]
    model = answers["candidats"][0]
    candidates = []
    for i in range(items):
        item = copy.deepcopy(model)
        item["nom"] = f"Association n° {i + 1}"
        item["evaluation"] = {k: (i * 7 + j) % 6 for j, k in enumerate(item["evaluation"])}
        candidates.append(item)
    answers["candidats"] = candidates
    answers["partenaire_retenu"] = candidates[0]["nom"]
    path = folder / "partenariat.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def median_ms(func, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def line(label: str, ours: float, base: float, base_label: str) -> None:
    print(f"{label:<40} {ours:9.1f} ms   {base_label} {base:9.1f} ms   ratio {ours / base:6.2f}")


class _MenuPrompter:
    """Answers nothing: stops at the list menu (what the user sees after Enter on the list)."""

    def list_menu(self, q: object, items: object) -> tuple[str, int]:
        return ("fin", 0)

    def __getattr__(self, name: str) -> object:
        raise AssertionError(f"unexpected prompt: {name}")


def _to_menu(path: Path) -> None:
    from partenariat.project import ProjectStore, load_project
    from partenariat.questionnaire import load_questionnaires
    from partenariat.wizard import Wizard

    project = load_project(path)
    store = ProjectStore(path, project, None)
    quest = load_questionnaires()
    wizard = Wizard(store, quest, _MenuPrompter())  # type: ignore[arg-type]
    candidates = quest[3].question("candidats")
    wizard._ask_list(3, candidates, editing=True)


def _context(path: Path) -> None:
    from partenariat.answers import build_context
    from partenariat.project import load_project
    from partenariat.questionnaire import load_questionnaires

    build_context(load_project(path), load_questionnaires())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from rich.console import Console

    from partenariat.analysis import load_and_analyse
    from partenariat.display import print_findings, print_ranking
    from partenariat.project import ProjectStore, atomic_write, dump_project, load_project

    with tempfile.TemporaryDirectory() as tmp:
        path = make_project(Path(tmp), args.items)
        print(f"{args.items} candidats à l'étape 3, {args.runs} mesures (médianes)")

        def analysis() -> object:
            result = load_and_analyse(path)
            result.findings  # noqa: B018 - computed on first read
            return result

        shown = analysis()

        def draw() -> None:
            console = Console(file=io.StringIO(), width=120)
            print_findings(console, shown.findings, shown.readiness)  # type: ignore[attr-defined]
            print_ranking(console, shown.ranking)  # type: ignore[attr-defined]

        line(
            "check : tableaux dessinés",
            median_ms(draw, args.runs),
            median_ms(analysis, args.runs),
            "analyse",
        )

        cmd = [sys.executable, "-m", "partenariat", "check", "--project", str(path)]
        table = median_ms(lambda: subprocess.run(cmd, capture_output=True, check=False), args.runs)
        json_ = median_ms(
            lambda: subprocess.run([*cmd, "--format", "json"], capture_output=True, check=False),
            args.runs,
        )
        line("check (commande, tableau)", table, json_, "json   ")

        line(
            "assistant : menu de la liste affiché",
            median_ms(lambda: _to_menu(path), args.runs),
            median_ms(lambda: _context(path), args.runs),
            "contexte",
        )

        project = load_project(path)
        text = dump_project(project).encode("utf-8")
        store = ProjectStore(path, project, text.decode("utf-8"))
        counter = iter(range(10**6))

        def save() -> None:
            project.step(1).reponses["enjeux"] = f"réponse {next(counter)}"
            store.save()

        line(
            "sauvegarde automatique",
            median_ms(save, max(args.runs, 10)),
            median_ms(lambda: atomic_write(Path(tmp) / "brut.yaml", text), max(args.runs, 10)),
            "écriture",
        )
        line(
            "sauvegarde complète (première)",
            median_ms(lambda: dump_project(project), args.runs),
            median_ms(lambda: atomic_write(Path(tmp) / "brut.yaml", text), max(args.runs, 10)),
            "écriture",
        )
        _session(Path(tmp), args.items, max(args.runs, 10))


def _answering(store: Any) -> Any:
    """One more answer in a list item, then the autosave, as the wizard does it."""
    candidates = store.project.answers(3)["candidats"]
    counter = iter(range(10**6))

    def answer() -> None:
        i = next(counter)
        candidates[(i * 7) % len(candidates)]["presentation"] = f"Présentation {i}"
        store.save()

    return answer


def _session(folder: Path, items: int, runs: int) -> None:
    """An answer to a list item, saved, at several list lengths: a session's total cost grows
    linearly when this cost stays flat (the file itself, rewritten whole, still grows)."""
    from partenariat.project import ProjectStore, atomic_write, load_project

    sizes = sorted({max(items // 10, 1), max(items // 2, 1), items})
    base_ms: float | None = None
    for size in sizes:
        sub = folder / f"taille-{size}"
        sub.mkdir()
        path = make_project(sub, size)
        project = load_project(path)
        store = ProjectStore(path, project, path.read_text(encoding="utf-8"))
        store.save()  # the first save serialises everything
        answer = _answering(store)
        data = path.read_bytes()
        ours = median_ms(answer, runs)
        raw = median_ms(lambda: atomic_write(sub / "brut.yaml", data), runs)  # noqa: B023
        base_ms = base_ms or ours
        print(
            f"réponse dans un élément, liste de {size:>5}  {ours:9.1f} ms   "
            f"écriture {raw:9.1f} ms   ratio {ours / raw:6.2f}   "
            f"par rapport à {sizes[0]} éléments {ours / base_ms:5.2f}"
        )


if __name__ == "__main__":
    main()
