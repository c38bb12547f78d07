"""How many prompts each step puts to a person, for both examples: the figure to watch when a
questionnaire changes (a step that drags is felt long before any timing shows it).

The real wizard runs each step on a new project with the example's answers replayed by a
scripted prompter: every screen a person fills counts as one prompt, as it would on screen (a
question; a form of several short questions; a whole list on its screen; a list item, an « add
another? » or a review choice where those are asked one by one).

    python benchmarks/prompts_per_step.py
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = {
    "mecenat-competences (entreprise)": ROOT
    / "examples"
    / "mecenat-competences"
    / "partenariat.yaml",
    "cooperation-insertion (association)": ROOT
    / "examples"
    / "cooperation-insertion"
    / "partenariat.yaml",
}


class ReplayPrompter:
    """Answers with a finished project's answers and counts every prompt shown."""

    def __init__(self, answers: dict[int, dict[str, Any]], quests: Any) -> None:
        self.answers = answers
        self.quests = quests
        self.step = 1
        self.prompts = 0
        self.labels: list[str] = []

    def intro(self, quest: Any, answered: int, required: int) -> None:
        self.step = quest.etape

    def _source(self, q: Any, where: str) -> Any:
        step = self.answers.get(self.step, {})
        parts = where.split(" · ")
        item = parts[-2] if len(parts) >= 3 else ""
        if not item.startswith("question ") and item.rsplit(" ", 1)[-1].isdigit():
            # a list item: « … · <list label> · <noun> i · <sub-question label> »
            index = int(parts[-2].rsplit(" ", 1)[-1]) - 1
            group = next(
                (g for g in self.quests[self.step].questions if g.label == parts[-3]), None
            )
            items = step.get(group.id) if group is not None else None
            if isinstance(items, list) and index < len(items) and isinstance(items[index], dict):
                return items[index].get(q.id)
            return None
        return step.get(q.id)

    def ask(
        self,
        q: Any,
        current: Any,
        default: Any,
        profil: str,
        allowed: list[str] | None,
        where: str,
    ) -> Any:
        self.prompts += 1
        self.labels.append(where)
        value = self._source(q, where)
        if value is None:
            value = current if current is not None else default
        if q.type == "grille" and isinstance(value, dict):
            self.prompts += max(len(value) - 1, 0)  # one menu per row of the grid
        return value

    def form(self, screen: Any) -> list[dict[str, Any]]:
        """One screen filled = one prompt: a section's short questions, or a whole list."""
        self.prompts += 1
        self.labels.append(screen.where)
        step = self.answers.get(self.step, {})
        if screen.repeated:
            group = next(
                g for g in self.quests[self.step].questions if g.question == screen.message
            )
            return [dict(item) for item in step.get(group.id) or []]
        values: dict[str, Any] = {}
        for q in screen.fields:
            value = step.get(q.id)
            if value is None:
                block = screen.blocks[0] if screen.blocks else {}
                value = block.get(q.id, screen.defaults.get(q.id))
            values[q.id] = value
        shown = {q.id for q in screen.visible(values)}
        return [{k: v for k, v in values.items() if k in shown}]

    def ask_more(self, q: Any, count: int) -> bool:
        self.prompts += 1
        return count < len(self.answers.get(self.step, {}).get(q.id) or [])

    def list_menu(self, q: Any, items: list[dict[str, Any]]) -> tuple[str, int]:
        self.prompts += 1
        return ("terminer", -1)

    def review(
        self,
        quest: Any,
        rows: Sequence[Any],
        findings: Sequence[Any],
        profil: str,
        validee: bool = False,
    ) -> tuple[str, str | None]:
        self.prompts += 1
        missing = [r.question.id for r in rows if r.manquante]
        if missing:  # the example lacks an answer the wizard needs: stop rather than loop
            raise RuntimeError(f"étape {quest.etape} : réponses manquantes {missing}")
        return ("valider", None)

    def confirm(self, message: str, default: bool) -> bool:
        self.prompts += 1
        if "Voulez-vous saisir" in message:
            question = message.split("\n")[0]
            for quest in self.quests.etapes.values():
                for q in quest.questions:
                    if q.question == question:
                        return bool(self.answers.get(self.step, {}).get(q.id))
        return default

    def notify(self, message: str, style: str = "") -> None:
        if message.startswith("Cette date"):  # the example contradicts a declared order
            raise RuntimeError(message)


def count_prompts(example: Path) -> dict[int, int]:
    """Prompts per step when the example's answers are given through the wizard."""
    from partenariat.project import create_project, load_project, new_project
    from partenariat.questionnaire import load_questionnaires
    from partenariat.wizard import Wizard

    source = load_project(example)
    quests = load_questionnaires()
    answers = {n: dict(source.answers(n)) for n in range(1, 8)}
    counts: dict[int, int] = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "partenariat.yaml"
        project = new_project(source.profil, source.organisation.nom or "", source.partenaire.nom)
        with create_project(path, project) as store:
            prompter = ReplayPrompter(answers, quests)
            wizard = Wizard(store, quests, prompter)
            for n in range(1, 8):
                before = prompter.prompts
                wizard.run_step(n)
                counts[n] = prompter.prompts - before
    return counts


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    for name, path in EXAMPLES.items():
        counts = count_prompts(path)
        steps = "  ".join(f"{n}:{c:>3}" for n, c in counts.items())
        print(f"{name:<38} {steps}   total {sum(counts.values())}")


if __name__ == "__main__":
    main()
