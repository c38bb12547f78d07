"""How many prompts each step puts to a person: the real wizard, the examples' answers replayed
by a scripted prompter (benchmarks/prompts_per_step.py prints the same figures)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "prompts_per_step", ROOT / "benchmarks" / "prompts_per_step.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def counts() -> dict[str, dict[int, int]]:
    bench = _bench()
    return {name: bench.count_prompts(path) for name, path in bench.EXAMPLES.items()}


def test_every_step_of_both_examples_is_replayed(counts: dict[str, dict[int, int]]) -> None:
    for name, per_step in counts.items():
        assert sorted(per_step) == list(range(1, 8)), name
        # every step shows at least its questions' review; step 4, asked in screens, has at
        # least one screen per section besides its review
        assert all(c >= 5 for c in per_step.values()), (name, per_step)
        assert per_step[4] >= 6, (name, per_step)


def test_the_category_asked_at_step_1_is_not_asked_again(tmp_path: Path) -> None:
    bench = _bench()
    from partenariat.project import create_project, load_project, new_project
    from partenariat.questionnaire import load_questionnaires
    from partenariat.wizard import Wizard

    path = next(iter(bench.EXAMPLES.values()))
    source = load_project(path)
    quests = load_questionnaires()
    prompter = bench.ReplayPrompter({n: dict(source.answers(n)) for n in range(1, 8)}, quests)
    with create_project(
        tmp_path / "partenariat.yaml", new_project(source.profil, "Acme", None)
    ) as store:
        wizard = Wizard(store, quests, prompter)
        for n in range(1, 5):
            wizard.run_step(n)
        asked = [label.rsplit(" · ", 1)[-1] for label in prompter.labels]
        assert asked.count("Type de partenariat principal") == 1
        assert "Catégorie de partenariat" not in asked
        assert store.project.answers(4)["categorie_partenariat"] == "mecenat"


def test_company_mecenat_step_4_takes_at_most_25_prompts(
    counts: dict[str, dict[int, int]],
) -> None:
    assert counts["mecenat-competences (entreprise)"][4] <= 25
    assert counts["cooperation-insertion (association)"][4] <= 25


def test_step_5_in_sections_takes_a_screen_per_section(
    counts: dict[str, dict[int, int]],
) -> None:
    """Step 5 declares sections: one form per section and the list of counterparts on its
    screen (55 to 63 prompts when asked one question at a time)."""
    assert counts["mecenat-competences (entreprise)"][5] <= 15
    assert counts["cooperation-insertion (association)"][5] <= 15


@pytest.mark.parametrize(
    "name", ["mecenat-competences (entreprise)", "cooperation-insertion (association)"]
)
def test_step_4_screens_enter_every_answer_of_the_example(name: str, tmp_path: Path) -> None:
    """The count is honest only if the screens entered everything: the replayed step 4 holds
    exactly the example's answers, every list item and every field of it."""
    bench = _bench()
    from partenariat.project import create_project, load_project, new_project
    from partenariat.questionnaire import load_questionnaires
    from partenariat.wizard import Wizard

    source = load_project(bench.EXAMPLES[name])
    quests = load_questionnaires()
    prompter = bench.ReplayPrompter({n: dict(source.answers(n)) for n in range(1, 8)}, quests)
    with create_project(
        tmp_path / "partenariat.yaml", new_project(source.profil, "Acme", None)
    ) as store:
        wizard = Wizard(store, quests, prompter)
        for n in range(1, 5):
            wizard.run_step(n)
        # every answer of a question that applies (an example may keep an answer its
        # conditions now rule out: it is not asked, so not entered)
        from partenariat.answers import active_questions, build_context, step_scope

        context = build_context(source, quests)
        applies = active_questions(quests[4], step_scope(context, 4, source.answers(4)), source.profil)
        expected = {q.id: source.answers(4)[q.id] for q in applies if q.id in source.answers(4)}
        replayed = store.project.answers(4)
        assert {k: replayed.get(k) for k in expected} == expected
        assert set(replayed) <= set(source.answers(4))
        assert store.project.step(4).statut == "terminee"
    # one screen per list, whatever its length: the flows, actions and referents each once
    screens = [label for label in prompter.labels if label.startswith("Étape 4")]
    assert sum(label.endswith(" · Flux du partenariat") for label in screens) == 1
    assert sum(label.endswith(" · Programme d’actions") for label in screens) == 1
