"""Enter → next prompt: the wizard's own time between two questions, over whole sessions.

    python benchmarks/bench_wizard.py [--items 3] [--liste candidats]

A scripted prompter answers every question of the seven steps (the default when there is one,
else a plain value of the question's type; lists get three items, or ``--items``; with
``--liste ID`` only that list gets ``--items`` items, the others three, so that a session with
1,000 candidates runs in minutes rather than an hour). The time
between the return of one answer and the next question is the wizard's: checking, saving,
working out what comes next. Printed: median, p95 and maximum, and their ratio to one autosave
measured in the same run (what every answer must pay at least). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from partenariat.project import ProjectStore, create_project, new_project
from partenariat.questionnaire import Question, load_questionnaires
from partenariat.session import settle_memory
from partenariat.wizard import Wizard


class ScriptedPrompter:
    """Answers like a hurried user: defaults, else the first choice or a plain value."""

    def __init__(self, items: int, big_list: str | None = None) -> None:
        self.items = items
        self.big_list = big_list
        self.gaps: list[float] = []
        self.pauses: list[float] = []
        self._returned: float | None = None

    def _arrived(self) -> None:
        if self._returned is not None:
            self.gaps.append(time.perf_counter() - self._returned)

    def _leave(self, value: Any) -> Any:
        self._returned = time.perf_counter()
        return value

    def intro(self, quest: Any, answered: int, required: int) -> None:
        pass

    def notify(self, message: str, style: str = "") -> None:
        pass

    def confirm(self, message: str, default: bool) -> bool:
        return True

    def ask_more(self, q: Question, count: int) -> bool:
        self._arrived()
        limit = self.items if self.big_list in (None, q.id) else 3
        return bool(self._leave(count < limit))

    def list_menu(self, q: Question, items: list[dict[str, Any]]) -> tuple[str, int]:
        return ("fin", 0)

    def form(self, screen: Any) -> list[dict[str, Any]]:
        """A screen of several answers (step 4): each field answered as ``ask`` would."""
        self._arrived()

        def block() -> dict[str, Any]:
            values: dict[str, Any] = {}
            for q in screen.fields:
                values[q.id] = self._value(q, screen.defaults.get(q.id), screen.profil, None)
            shown = {q.id for q in screen.visible(values)}
            return {k: v for k, v in values.items() if k in shown}

        # a list entered on one screen (step 4): --items items, or three when --liste names one
        count = (self.items if self.big_list is None else 3) if screen.repeated else 1
        return self._leave([block() for _ in range(max(count, screen.minimum))])  # type: ignore[no-any-return]

    def review(
        self, quest: Any, rows: Any, findings: Any, profil: str, validee: bool = False
    ) -> tuple[str, None]:
        self._arrived()
        return self._leave(("valider", None))  # type: ignore[no-any-return]

    def ask(
        self, q: Question, current: Any, default: Any, profil: str, allowed: Any, where: str
    ) -> Any:
        self._arrived()
        if q.type == "date" and isinstance(current, str) and current:
            # asked again: the date fell before the one it must follow (``apres``); go later
            later = dt.date.fromisoformat(current) + dt.timedelta(days=400)
            return self._leave(later.isoformat())
        return self._leave(self._value(q, default, profil, allowed))

    def _value(self, q: Question, default: Any, profil: str, allowed: Any) -> Any:
        if default is not None:
            return default
        choices = [c.valeur for c in q.choices_for(profil)]
        if allowed:
            choices = [c for c in choices if c in allowed] or choices
        value: Any = {
            "choix": choices[0] if choices else "x",
            "choix_multiples": choices[:1],
            "oui_non": True,
            "nombre": q.min if q.min is not None else 1,
            "montant": 1000,
            "date": "2027-03-01",
            "duree": 12,
            "grille": {c: 3 for c in choices},
        }.get(q.type, "Réponse")
        return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=3)
    parser.add_argument("--liste", default=None, help="la seule liste qui reçoit --items éléments")
    parser.add_argument("--no-freeze", action="store_true", help="sans session.settle_memory")
    args = parser.parse_args()
    quest = load_questionnaires()
    pauses: list[float] = []

    def on_gc(phase: str, info: dict[str, Any], start: list[float] = [0.0]) -> None:  # noqa: B006
        if info.get("generation") == 2:
            if phase == "start":
                start[0] = time.perf_counter()
            else:
                pauses.append(time.perf_counter() - start[0])

    gc.callbacks.append(on_gc)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "partenariat.yaml"
        prompter = ScriptedPrompter(args.items, args.liste)
        with create_project(path, new_project("entreprise", "Essai", None)) as store:
            if not args.no_freeze:
                settle_memory()  # as the CLI does before a session
            Wizard(store, quest, prompter).run(1, whole_project=True)  # type: ignore[arg-type]
            saves = []
            for i in range(20):
                store.project.step(1).reponses["enjeux"] = f"réponse {i}"
                start = time.perf_counter()
                ProjectStore.save(store)
                saves.append(time.perf_counter() - start)
    gc.callbacks.remove(on_gc)
    gaps = sorted(prompter.gaps)
    save = statistics.median(saves)
    p95 = gaps[int(0.95 * (len(gaps) - 1))]
    print(
        f"{len(gaps)} questions, "
        + (
            f"liste {args.liste} de {args.items} éléments, les autres de 3"
            if args.liste
            else f"listes de {args.items} éléments"
        )
        + (", sans gc.freeze" if args.no_freeze else ", gc.freeze après le chargement")
    )
    for label, value in (("médiane", statistics.median(gaps)), ("p95", p95), ("max", gaps[-1])):
        print(
            f"Entrée → question suivante, {label:<8} {value * 1000:8.1f} ms   "
            f"sauvegarde {save * 1000:6.1f} ms   ratio {value / save:5.2f}"
        )
    if pauses:
        print(
            f"collectes complètes du ramasse-miettes : {len(pauses)}, "
            f"la plus longue {max(pauses) * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
