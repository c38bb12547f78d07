"""Convention checklist: the clause catalogue (templates/clauses.yaml) applied to a project.

Kept apart from the rendering so that the clause statuses (what is settled, what is still to
agree with the partner) have one home that the documents, ``check`` and ``status`` all read.
Rendering helpers are imported inside functions: render.py imports this module at top level.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from partenariat.project import Project
    from partenariat.questionnaire import Question, Questionnaires
    from partenariat.render import Lisible, Missing


CLAUSE_STATUS = {"convenu": "Convenu", "a_convenir": "À convenir", "sans_objet": "Sans objet"}


def _clause_models() -> Any:
    from pydantic import BaseModel, ConfigDict, Field, field_validator

    class Clause(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
        titre: str = Field(min_length=1)
        ce_qu_il_faut_regler: str = Field(min_length=1)
        outline: list[str] = Field(default_factory=list)
        reponses: list[str] = Field(default_factory=list)
        sans_objet_si: str | None = None
        source: str = Field(min_length=1)

        @field_validator("reponses")
        @classmethod
        def _paths(cls, value: list[str]) -> list[str]:
            for path in value:
                if not re.fullmatch(r"etape[1-7]\.[a-z][a-z0-9_]*", path):
                    raise ValueError(
                        f"chemin de réponse invalide « {path} » (attendu : etapeN.identifiant)"
                    )
            return value

        @field_validator("sans_objet_si")
        @classmethod
        def _expression(cls, value: str | None) -> str | None:
            if value:
                from partenariat.expressions import check_syntax

                problem = check_syntax(value)
                if problem:
                    raise ValueError(problem)
            return value

    class Catalogue(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        clauses: list[Clause] = Field(min_length=1)

        @field_validator("clauses")
        @classmethod
        def _unique(cls, value: list[Clause]) -> list[Clause]:
            seen: set[str] = set()
            for clause in value:
                if clause.id in seen:
                    raise ValueError(f"clause « {clause.id} » en double")
                seen.add(clause.id)
            return value

    return Catalogue


def load_clauses(path: Path | None = None) -> list[Any]:
    """The clause catalogue, validated; errors come with their line numbers."""
    from partenariat.render import templates_dir
    from partenariat.yamlio import load_yaml, validate

    path = path or templates_dir() / "clauses.yaml"
    data, lines = load_yaml(path, "Catalogue des clauses")
    catalogue = validate(_clause_models(), data, path, lines, "Catalogue des clauses")
    return list(catalogue.clauses)


@dataclass
class ClauseStatus:
    numero: int
    id: str
    titre: str
    statut: str
    ce_qu_il_faut_regler: str
    elements: list[Lisible]
    necessaire_par: list[str]
    source: str
    outline: list[str]

    @property
    def statut_libelle(self) -> str:
        return CLAUSE_STATUS[self.statut]


def _active_ids(
    project: Project, questionnaires: Questionnaires, ctx: dict[str, Any]
) -> dict[int, dict[str, Question]]:
    from partenariat.answers import active_questions, step_scope

    result: dict[int, dict[str, Question]] = {}
    for n, quest in questionnaires.etapes.items():
        scope = step_scope(ctx, n, project.answers(n))
        result[n] = {q.id: q for q in active_questions(quest, scope, project.profil)}
    return result


def checklist(
    project: Project,
    questionnaires: Questionnaires,
    ctx: dict[str, Any],
    missing: Missing,
    findings: Sequence[Any],
) -> list[ClauseStatus]:
    """Each clause of the catalogue, settled / to settle / not applicable, with what was agreed."""
    from partenariat.answers import is_answered
    from partenariat.expressions import evaluate
    from partenariat.render import SEVERITY_LABELS, Lisible

    active = _active_ids(project, questionnaires, ctx)
    required_by: dict[str, list[str]] = {}
    for finding in findings:
        for clause_id in getattr(finding, "clauses", None) or []:
            severity = SEVERITY_LABELS.get(getattr(finding, "severite", ""), "")
            titre = f"{getattr(finding, 'titre', '')} ({severity})"
            required_by.setdefault(clause_id, []).append(titre)
    result: list[ClauseStatus] = []
    for numero, clause in enumerate(load_clauses(), start=1):
        elements: list[Lisible] = []
        settled = True
        for path in clause.reponses:
            head, _, qid = path.partition(".")
            n = int(head[5:])
            q = active.get(n, {}).get(qid)
            if q is None:
                continue  # a question that does not apply to this project
            answers = ctx.get(head) or {}
            if not is_answered(q, answers, project.profil):
                settled = False
            elements.append(Lisible(answers.get(qid), q, f"Étape {n} – {q.label}", missing))
        not_applicable = bool(clause.sans_objet_si) and bool(evaluate(clause.sans_objet_si, ctx))
        needed = required_by.get(clause.id, [])
        if not_applicable and not needed:
            statut = "sans_objet"
        elif settled and elements:
            statut = "convenu"
        else:
            statut = "a_convenir"
        result.append(
            ClauseStatus(
                numero,
                clause.id,
                clause.titre,
                statut,
                clause.ce_qu_il_faut_regler,
                elements,
                needed,
                clause.source,
                list(clause.outline),
            )
        )
    return result
