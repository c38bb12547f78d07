"""The models' empty defaults: Python functions, never a builtin such as ``list`` (pydantic reads
a builtin's signature through ``tokenize``, milliseconds of every new process), and a new object
for every instance."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

from partenariat import calendar_data, clause_catalogue, comparison_points, ruleset
from partenariat.project import Project
from partenariat.questionnaire import Question
from partenariat.selection_wording import _wording_models


def _models() -> list[type[BaseModel]]:
    # the models built on first use
    clause_catalogue._clause_models()
    calendar_data._calendar_models()
    _wording_models()
    assert ruleset and comparison_points  # imported for their models
    found: list[type[BaseModel]] = []
    todo: list[type[Any]] = [BaseModel]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("partenariat."):
                found.append(sub)
    return found


def test_no_model_has_a_builtin_default_factory() -> None:
    models = _models()
    assert {"Project", "Question", "Clause", "CalendarData", "Regle"} <= {m.__name__ for m in models}
    factories = 0
    for model in models:
        for name, field in model.model_fields.items():
            factory = field.default_factory
            if factory is None:
                continue
            factories += 1
            assert getattr(factory, "__module__", None) != "builtins", (model.__name__, name)
    assert factories >= 15


def test_empty_defaults_are_new_for_each_instance() -> None:
    stamp = dt.datetime(2027, 1, 1)
    first, second = (
        Project(profil="association", organisation={"nom": n}, cree_le=stamp, mis_a_jour=stamp)
        for n in ("A", "B")
    )
    first.step(1).reponses["x"] = 1
    first.confirmations.append("c")  # type: ignore[arg-type]
    assert second.etapes == {} and second.confirmations == [] and second.accords == []
    assert first.step(1).a_revoir is not second.step(1).a_revoir
    q1 = Question.model_validate({"id": "a", "question": "A ?", "type": "texte"})
    q2 = Question.model_validate({"id": "b", "question": "B ?", "type": "texte"})
    assert q1.choix == [] and q1.choix is not q2.choix
