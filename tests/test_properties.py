"""Property-based campaigns (hypothesis, fixed seed): whatever a file or a person gives, the tool
answers with a value or a French error of its own (never another exception), and what it accepts
can be saved, read back, checked again and rendered.

Bounded so CI stays fast: derandomized (the same examples on every run), a fixed number of
examples per property, a few thousand in total, no deadline (timings vary on shared machines).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from partenariat import french
from partenariat.analysis import analyse
from partenariat.answers import verify
from partenariat.errors import InvalidFileError, MissingAnswersError, PartenariatError
from partenariat.parsing import parse_date, parse_months, parse_number
from partenariat.project import (
    DEFAULT_NAME,
    create_project,
    dump_project,
    load_project,
    new_project,
    parse_project,
)
from partenariat.questionnaire import Question, Questionnaires, load_questionnaires
from partenariat.values import (
    AnswerError,
    check_value,
    format_value,
    parse_text_answer,
)
from partenariat.wizard import Wizard, check_answers_file, load_answers_file
from partenariat.yamlio import parse_yaml
from wizard_support import EXAMPLE_ASSOCIATION, EXAMPLE_ENTREPRISE


def campaign(examples: int) -> Any:
    return settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@lru_cache(maxsize=1)
def questionnaires() -> Questionnaires:
    return load_questionnaires()


def all_questions() -> list[tuple[int, Question]]:
    return [(n, q) for n, quest in questionnaires().etapes.items() for q in quest.questions]


def questions_by_type() -> dict[str, list[Question]]:
    """Every question and sub-question, by type: each type gets its share of the examples."""
    result: dict[str, list[Question]] = {}
    for _n, q in all_questions():
        for one in (q, *q.sous_questions):
            result.setdefault(one.type, []).append(one)
    return result


# -- strategies ----------------------------------------------------------------------------------
ODD_TEXT = st.sampled_from(
    [
        "",
        " ",
        "--",
        "...",
        "\"guillemets\" 'droits'",
        "{{ 7*7 }}",
        "{% raw %}",
        "| a | b |",
        "# titre",
        "1. liste",
        "<b>gras</b>",
        "</w:t>",
        "\\",
        "*_`~^[]()",
        "\x00\x07\x1b",
        "\u202e\u200b\ufeff",
        "é" * 300,
        "2027-02-30",
        "31/02/2026",
        "1e400",
        "1" + "0" * 400,
        "9" * 5000,
        ".nan",
        "-.inf",
        "12 500,50 €",
        "3 ans et 2 mois",
        "oui",
        "peut-être",
    ]
)
TEXT = st.one_of(st.text(max_size=80), ODD_TEXT)
NUMBERS = st.one_of(
    st.integers(),
    st.integers(min_value=-(10**500), max_value=10**500),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False, places=2).map(float),
)
DATES = st.one_of(
    st.dates(),
    st.datetimes(),
    st.dates(min_value=dt.date(1890, 1, 1), max_value=dt.date(2210, 12, 31)),
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
)
SCALARS = st.one_of(TEXT, NUMBERS, DATES, st.booleans(), st.none())
ANY_DATA = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)


def plausible_for(q: Question) -> st.SearchStrategy[Any]:
    """Values near what a person would give, edges included (bounds, leap days, long texts)."""
    valeurs = [c.valeur for c in q.choix] or ["x"]
    low = int(q.min) if q.min is not None else 0
    if q.type in ("texte", "texte_long"):
        return TEXT
    if q.type == "choix":
        return st.sampled_from(valeurs)
    if q.type == "choix_multiples":
        return st.lists(st.sampled_from(valeurs), max_size=4)
    if q.type == "oui_non":
        return st.one_of(st.booleans(), st.sampled_from(["oui", "non", "Oui", "n"]))
    if q.type == "montant":
        return st.one_of(
            st.integers(0, 10**12),
            st.decimals(0, 10**9, places=2).map(float),
            st.sampled_from(["12 500,50 €", "1.250", "0", "999 999 999 999,99"]),
        )
    if q.type == "nombre":
        return st.one_of(st.integers(-(10**12), 10**12), st.floats(-(10**9), 10**9))
    if q.type == "duree":
        high = int(q.max) if q.max is not None else 1200
        return st.one_of(
            st.integers(low, high), st.sampled_from(["3 ans", "18 mois", "1 an et 6 mois"])
        )
    if q.type == "date":
        return st.one_of(
            st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)),
            st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)).map(lambda d: d.isoformat()),
            st.sampled_from(["29/02/2028", "1er mars 2027", "31/12/2200", "01/01/1900"]),
        )
    if q.type == "grille":
        high = int(q.max) if q.max is not None else 5
        return st.dictionaries(
            st.sampled_from(valeurs), st.integers(low, high), max_size=len(valeurs)
        )
    if q.type == "liste":
        return st.lists(
            st.fixed_dictionaries({}, optional={s.id: value_for(s) for s in q.sous_questions}),
            max_size=3,
        )
    return st.nothing()


def value_for(q: Question) -> st.SearchStrategy[Any]:
    """Mostly plausible values for one question, sometimes out of range, sometimes anything."""
    odd: st.SearchStrategy[Any] = SCALARS
    if q.type in ("nombre", "montant", "duree", "grille"):
        odd = st.one_of(NUMBERS, SCALARS)
    elif q.type == "date":
        odd = st.one_of(DATES, SCALARS)
    return st.one_of(plausible_for(q), plausible_for(q), odd)


@st.composite
def answers_documents(draw: st.DrawFn) -> dict[str, Any]:
    """An answers file: a few steps, a few questions each, values of every kind."""
    steps: dict[str, Any] = {}
    for n, quest in questionnaires().etapes.items():
        if not draw(st.booleans()):
            continue
        chosen = draw(
            st.lists(st.sampled_from(quest.questions), max_size=6, unique_by=lambda q: q.id)
        )
        steps[str(n)] = {"reponses": {q.id: draw(value_for(q)) for q in chosen}}
    document: dict[str, Any] = {"etapes": steps}
    document["profil"] = draw(st.sampled_from(["entreprise", "association"]))
    document["organisation"] = {"nom": draw(st.text(min_size=1, max_size=30))}
    return document


def as_yaml(data: Any) -> str:
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


# -- the value parsers ---------------------------------------------------------------------------
@campaign(1500)
@given(raw=TEXT)
def test_parsers_return_a_value_or_a_french_error(raw: str) -> None:
    for parse in (parse_date, parse_number, parse_months):
        try:
            value = parse(raw)
        except AnswerError as exc:
            assert str(exc) and "Traceback" not in str(exc)
            continue
        if isinstance(value, dt.date):
            assert 1900 <= value.year <= 2200
            french.date_fr(value.isoformat())
        else:
            assert isinstance(value, (int, float))  # bounded by each question (test below)


@campaign(1500)
@given(data=st.data())
def test_every_question_accepts_only_what_it_can_read_back_and_show(data: st.DataObject) -> None:
    kinds = questions_by_type()
    q = data.draw(st.sampled_from(kinds[data.draw(st.sampled_from(sorted(kinds)))]))
    profil = data.draw(st.sampled_from(["entreprise", "association"]))
    raw = data.draw(value_for(q))
    try:
        value = check_value(q, raw, profil)
    except AnswerError as exc:
        event(f"{q.type}: refused")
        assert str(exc)
        return
    event(f"{q.type}: accepted")
    # the same bounds at entry and at load: a value accepted once is accepted again, unchanged
    assert check_value(q, value, profil) == value
    reread = yaml.safe_load(as_yaml({"v": value}))["v"]
    assert check_value(q, reread, profil) == value
    format_value(q, value, profil)
    if q.type in ("texte", "texte_long", "date", "montant", "nombre", "duree") and isinstance(
        raw, str
    ):
        try:
            typed = parse_text_answer(q, raw)
        except AnswerError:
            return
        if typed is not None:
            assert check_value(q, typed, profil) == typed


# -- the YAML reader and the project loader --------------------------------------------------------
@campaign(1500)
@given(text=st.one_of(st.text(max_size=200), ODD_TEXT.map(lambda t: f"a: {t}\nb:\n  - {t}\n")))
def test_yaml_reader_gives_data_or_a_french_error(text: str) -> None:
    try:
        parse_yaml(text, Path("f.yaml"))
    except InvalidFileError as exc:
        assert "f.yaml" in exc.message
        for english in ("found ", "expected ", "while ", "could not", "constructor"):
            assert english not in exc.message, exc.message


def _example_lines() -> list[str]:
    return EXAMPLE_ENTREPRISE.read_text(encoding="utf-8").splitlines(keepends=True)


@campaign(600)
@given(
    line=st.integers(min_value=0, max_value=len(_example_lines()) - 1),
    replacement=st.one_of(
        ODD_TEXT, st.text(max_size=40), SCALARS.map(lambda v: as_yaml(v).strip())
    ),
    keep_key=st.booleans(),
)
def test_project_loader_on_a_damaged_example(line: int, replacement: str, keep_key: bool) -> None:
    """One line of a real project replaced (its value only, or whole): loaded and checked, or
    refused with the file's name; if accepted, it saves and reads back the same."""
    lines = _example_lines()
    original = lines[line]
    if keep_key and ":" in original:
        key = original.split(":", 1)[0]
        lines[line] = f"{key}: {replacement}\n"
    else:
        lines[line] = replacement + "\n"
    path = Path("/nonexistent/partenariat.yaml")
    try:
        project = parse_project("".join(lines), path)
        verify(project, questionnaires())
    except InvalidFileError as exc:
        event("damaged project refused")
        assert "partenariat.yaml" in exc.message
        return
    event("damaged project accepted")
    text = dump_project(project)
    again = parse_project(text, path)
    verify(again, questionnaires())
    assert dump_project(again) == text


# -- answers files, through to saved projects and rendered documents -------------------------------
@campaign(150)
@given(document=answers_documents())
def test_answers_file_all_or_nothing_then_readable_and_renderable(document: dict[str, Any]) -> None:
    from partenariat.render import build_render_context, make_environment, render_document

    with tempfile.TemporaryDirectory() as folder:
        answers = Path(folder) / "reponses.yaml"
        answers.write_text(as_yaml(document), encoding="utf-8")
        project_path = Path(folder) / "projet" / DEFAULT_NAME
        quests = questionnaires()
        try:
            source = load_answers_file(answers, quests)
            fresh = new_project(document["profil"], document["organisation"]["nom"], None)
            check_answers_file(source, quests, fresh)
        except InvalidFileError as exc:
            event("answers file refused")
            assert "reponses.yaml" in exc.message
            assert not project_path.parent.exists()
            return
        event("answers file accepted")
        with create_project(project_path, fresh) as store:
            wizard = Wizard(store, quests, None)  # type: ignore[arg-type]
            for n in sorted(quests.etapes):
                if source.has_step(n):
                    outcome = wizard.fill_step(n, source.step(n), True, source)
                    assert outcome.statut in ("terminee", "en_cours")
        project = load_project(project_path)  # what was saved reads back…
        verify(project, quests)  # …passes the same checks…
        context = build_render_context(analyse(project, quests))  # …and renders
        env = make_environment()
        for doc_id in ("document-de-cadrage", "checklist-convention", "plan-de-suivi"):
            assert render_document(doc_id, context, env).markdown


@campaign(60)
@given(
    step_answers=st.data(),
    example=st.sampled_from([EXAMPLE_ENTREPRISE, EXAMPLE_ASSOCIATION]),
)
def test_renderer_on_examples_with_fuzzed_answers(
    step_answers: st.DataObject, example: Path
) -> None:
    """A complete example with some answers replaced by any value the checks accept."""
    from partenariat.render import build_render_context, make_environment, render_document

    project = parse_project(example.read_text(encoding="utf-8"), example)
    quests = questionnaires()
    by_type: dict[str, list[tuple[int, Question]]] = {}
    for n, q in all_questions():
        by_type.setdefault(q.type, []).append((n, q))
    for _ in range(6):
        kind = step_answers.draw(st.sampled_from(sorted(by_type)))
        n, q = step_answers.draw(st.sampled_from(by_type[kind]))
        try:
            value = check_value(q, step_answers.draw(value_for(q)), project.profil)
        except AnswerError:
            continue
        event(f"fuzzed {q.type}")
        project.step(n).reponses[q.id] = value
    text = dump_project(project)
    try:
        again = parse_project(text, example)
        verify(again, quests)
    except (InvalidFileError, MissingAnswersError, PartenariatError) as exc:  # pragma: no cover
        raise AssertionError(f"accepted values that do not read back: {exc}") from None
    analysis = analyse(again, quests)
    context = build_render_context(analysis)
    env = make_environment()
    for doc_id in ("document-de-cadrage", "checklist-convention", "plan-de-suivi"):
        assert render_document(doc_id, context, env).markdown
    # and what status, show and check compute from it
    assert analysis.progress is not None
    assert analysis.findings is not None
    assert analysis.readiness is not None
    assert analysis.ranking is not None
