"""Convention checklist: the clause catalogue (templates/clauses.yaml) applied to a project.

Kept apart from the rendering so that the clause statuses (what is settled, what is still to
agree with the partner) have one home that the documents, ``check`` and ``status`` all read.
Rendering helpers are imported inside functions: render.py imports this module at top level.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from partenariat.project import Confirmation, Project
    from partenariat.questionnaire import Question, Questionnaires
    from partenariat.views import Lisible, Missing


# The levels of the Partnering Initiative's agreement scorecard, worst first: a clause shows the
# best level every one of its conditions allows, never more.
CLAUSE_STATUS = {
    "sans_objet": "Sans objet",
    "a_discuter": "À discuter",
    "principe_retenu": "Principe retenu",
    "convenu": "Convenu avec le partenaire",
}
NOT_AGREED = ("a_discuter", "principe_retenu")
CATALOGUE = "Catalogue des clauses"


def _clause_models() -> Any:
    from pydantic import BaseModel, ConfigDict, Field, field_validator

    class Clause(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
        titre: str = Field(min_length=1)
        ce_qu_il_faut_regler: str = Field(min_length=1)
        outline: list[str] = Field(default_factory=list)
        reponses: list[str] = Field(default_factory=list)
        partie: Literal["entreprise", "association"] | None = None
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

        textes_en_attente: list[str] = Field(default_factory=list)
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


def load_catalogue(path: Path | None = None) -> Any:
    """The clause catalogue, validated; errors come with their line numbers.

    Read once per process and file version: ``status`` needs it twice (checking the project's
    confirmations, then counting the clauses), and each reading cost about 10 ms.
    """
    from partenariat.resources import templates_dir

    path = path or templates_dir() / "clauses.yaml"
    try:
        info = path.stat()
        stamp: tuple[int, int] | None = (info.st_mtime_ns, info.st_size)
    except OSError:
        stamp = None  # read_text names the problem
    return _catalogue(path, stamp)


@lru_cache(maxsize=8)
def _catalogue(path: Path, stamp: tuple[int, int] | None) -> Any:
    from partenariat.yamlio import load_yaml, validate

    data, lines = load_yaml(path, CATALOGUE)
    return validate(_clause_models(), data, path, lines, CATALOGUE)


def load_clauses(path: Path | None = None) -> list[Any]:
    """The catalogue's clauses, in article order."""
    return list(load_catalogue(path).clauses)


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
    manquantes: list[str] = field(default_factory=list)
    en_attente: list[str] = field(default_factory=list)
    confirmation: Confirmation | None = None
    confirmation_perimee: bool = False
    facultatives_vides: list[str] = field(default_factory=list)

    @property
    def statut_libelle(self) -> str:
        return CLAUSE_STATUS[self.statut]

    @property
    def convenue(self) -> bool:
        return self.statut == "convenu"

    def obstacles(self) -> list[str]:
        """Why the clause cannot be confirmed with the partner yet, in French (empty: it can)."""
        reasons: list[str] = []
        if self.statut == "sans_objet":
            reasons.append("la clause est sans objet au vu des réponses du projet")
        if self.manquantes:
            reasons.append("réponse(s) manquante(s) : " + "; ".join(self.manquantes))
        if self.en_attente:
            reasons.append("réponse(s) en attente : " + "; ".join(self.en_attente))
        if self.necessaire_par:
            reasons.append("point(s) de vigilance à régler : " + "; ".join(self.necessaire_par))
        if (
            not self.elements
            and not self.facultatives_vides
            and self.statut != "sans_objet"
            and not self.manquantes
        ):
            reasons.append("aucune réponse du projet ne règle encore ce point")
        return reasons


def _active_ids(
    project: Project, questionnaires: Questionnaires, ctx: dict[str, Any]
) -> dict[int, dict[str, Question]]:
    from partenariat.answers import active_questions, step_scope

    result: dict[int, dict[str, Question]] = {}
    for n, quest in questionnaires.etapes.items():
        scope = step_scope(ctx, n, project.answers(n))
        result[n] = {q.id: q for q in active_questions(quest, scope, project.profil)}
    return result


def _normalise(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).strip(" .!…").casefold()


def deferred(q: Question, value: Any, waiting_texts: Sequence[str]) -> bool:
    """Whether an answer puts the decision off: a choice marked ``differe``, or a text such as
    « À définir » (the catalogue's ``textes_en_attente``), also inside a repeated group."""
    if value is None:
        return False
    waiting = {_normalise(t) for t in waiting_texts}
    if q.type in ("choix", "choix_multiples"):
        values = value if isinstance(value, list) else [value]
        marked = {c.valeur for c in q.choix if c.differe}
        return any(v in marked for v in values)
    if q.type in ("texte", "texte_long") and isinstance(value, str):
        return _normalise(value) in waiting
    if q.type == "liste" and isinstance(value, list):
        subs = {sub.id: sub for sub in q.sous_questions}
        return any(
            deferred(subs[k], v, waiting_texts)
            for item in value
            if isinstance(item, dict)
            for k, v in item.items()
            if k in subs
        )
    return False


def item_party(get: Any) -> str | None:
    """Which party brings an item of a repeated group, from its sub-answers (``get(name)``):
    ``apporte_par`` or ``partie``, or the direction of a money flow (``sens``)."""
    for field_name in ("apporte_par", "partie"):
        value = get(field_name)
        if value in ("entreprise", "association"):
            return str(value)
    sens = get("sens")
    if isinstance(sens, str) and "_vers_" in sens:
        return sens.split("_vers_", 1)[0]
    return None


def _for_party(value: Any, q: Question, partie: str | None) -> Any:
    """The items of a repeated group brought by ``partie`` (all of them when no party is asked)."""
    if partie is None or q.type != "liste" or not isinstance(value, list):
        return value
    keys = {sub.id for sub in q.sous_questions} & {"apporte_par", "partie", "sens"}
    if not keys:
        return value
    return [item for item in value if isinstance(item, dict) and item_party(item.get) == partie]


def fingerprint(values: dict[str, Any]) -> str:
    """A short, stable digest of the answers a clause reads (which answers, which values)."""
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def latest_confirmations(project: Project) -> dict[str, Confirmation]:
    """The last confirmation recorded for each clause (the file keeps the history)."""
    latest: dict[str, Confirmation] = {}
    for confirmation in project.confirmations:
        latest[confirmation.clause] = confirmation
    return latest


def checklist(
    project: Project,
    questionnaires: Questionnaires,
    ctx: dict[str, Any],
    missing: Missing,
    findings: Sequence[Any],
) -> list[ClauseStatus]:
    """Each clause of the catalogue with its level and what the answers settle.

    « Sans objet » when the catalogue's condition says so and no vigilance point needs it;
    « À discuter » while an answer is missing or defers, or a vigilance point still needs the
    clause; « Principe retenu » when this side has settled it; « Convenu avec le partenaire »
    only through a confirmation recorded in the project on the answers as they are now.
    """
    from partenariat.answers import is_answered
    from partenariat.expressions import evaluate
    from partenariat.render import is_internal_finding
    from partenariat.views import Lisible
    from partenariat.vocabulary import SEVERITY_LABELS

    catalogue = load_catalogue()
    active = _active_ids(project, questionnaires, ctx)
    confirmed = latest_confirmations(project)
    required_by: dict[str, list[str]] = {}
    for finding in findings:
        if getattr(finding, "clause_presente", None) is True:
            continue  # the answers already carry what the vigilance point asks for
        for clause_id in getattr(finding, "clauses", None) or []:
            severity = SEVERITY_LABELS.get(getattr(finding, "severite", ""), "")
            # The title of a finding about one side's preparation stays in the internal note.
            name = (
                "un point de la préparation interne"
                if is_internal_finding(finding)
                else getattr(finding, "titre", "")
            )
            titre = f"{name} ({severity})"
            required_by.setdefault(clause_id, []).append(titre)
    result: list[ClauseStatus] = []
    for numero, clause in enumerate(catalogue.clauses, start=1):
        elements: list[Lisible] = []
        manquantes: list[str] = []
        en_attente: list[str] = []
        values: dict[str, Any] = {}
        vides: list[str] = []
        for path in clause.reponses:
            head, _, qid = path.partition(".")
            n = int(head[5:])
            q = active.get(n, {}).get(qid)
            if q is None:
                continue  # a question that does not apply to this project
            answers = ctx.get(head) or {}
            label = f"Étape {n} – {q.label}"
            value = _for_party(answers.get(qid), q, clause.partie)
            values[path] = value  # what a confirmation covers (see clause_values)
            if not q.obligatoire and qid in answers and answers[qid] in (None, "", []):
                vides.append(label)  # left empty on purpose: nothing to show, nothing due
                continue
            if not is_answered(q, answers, project.profil):
                manquantes.append(label)
            if value == [] and answers.get(qid):
                continue  # the other party brings these; this one brings none of them
            if deferred(q, value, catalogue.textes_en_attente):
                en_attente.append(label)
            elements.append(Lisible(value, q, label, missing))
        not_applicable = bool(clause.sans_objet_si) and bool(evaluate(clause.sans_objet_si, ctx))
        needed = required_by.get(clause.id, [])
        confirmation = confirmed.get(clause.id)
        stale = (
            confirmation is not None
            and confirmation.empreinte is not None
            and confirmation.empreinte != fingerprint(values)
        )
        if not_applicable and not needed:
            statut = "sans_objet"
        elif manquantes or en_attente or needed or not (elements or vides):
            statut = "a_discuter"
        elif confirmation is not None and not stale:
            statut = "convenu"
        else:
            statut = "principe_retenu"
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
                manquantes,
                en_attente,
                confirmation if statut == "convenu" else None,
                stale,
                vides,
            )
        )
    return result


def clause_values(
    project: Project, questionnaires: Questionnaires, ctx: dict[str, Any], clause_id: str
) -> dict[str, Any]:
    """The answers a clause reads now, as its fingerprint sees them."""
    catalogue = load_catalogue()
    active = _active_ids(project, questionnaires, ctx)
    for clause in catalogue.clauses:
        if clause.id != clause_id:
            continue
        values: dict[str, Any] = {}
        for path in clause.reponses:
            head, _, qid = path.partition(".")
            q = active.get(int(head[5:]), {}).get(qid)
            if q is not None:
                values[path] = _for_party((ctx.get(head) or {}).get(qid), q, clause.partie)
        return values
    raise KeyError(clause_id)


def count_by_level(clauses: Sequence[ClauseStatus]) -> dict[str, int]:
    """How many clauses stand at each level, in the scorecard's order."""
    counts = {level: 0 for level in CLAUSE_STATUS}
    for clause in clauses:
        counts[clause.statut] += 1
    return counts


def confirmation_errors(project: Project) -> list[tuple[int | None, str]]:
    """Hand-edited confirmations naming a clause the catalogue does not know, with their lines."""
    if not project.confirmations:
        return []
    from partenariat.project import unknown_references

    return unknown_references(
        project,
        "confirmations",
        "clause",
        {clause.id for clause in load_clauses()},
        "confirmation d'une clause inconnue « {} » (voir la liste avec « partenariat convenir »)",
    )


def confirm(
    project: Project,
    questionnaires: Questionnaires,
    clause_ids: Sequence[str],
    day: dt.date,
    avec: str | None = None,
) -> list[ClauseStatus]:
    """Record that these clauses were confirmed with the partner, or refuse them all.

    Refused (nothing recorded) when a clause is unknown, not applicable, or has an answer
    missing or deferred or an open vigilance point: « Convenu » must never hide a blank.
    """
    from partenariat.answers import build_context
    from partenariat.errors import ClauseNotReadyError, UsageError
    from partenariat.project import Confirmation
    from partenariat.rules import evaluate
    from partenariat.views import Missing

    ctx = build_context(project, questionnaires)
    statuses = {
        c.id: c
        for c in checklist(
            project, questionnaires, ctx, Missing(), evaluate(project, questionnaires, context=ctx)
        )
    }
    unknown = [cid for cid in clause_ids if cid not in statuses]
    if unknown:
        raise UsageError(
            "Clause inconnue : "
            + ", ".join(f"« {cid} »" for cid in unknown)
            + ".\nLa liste des clauses et de leur état : partenariat convenir"
        )
    refused = [
        f"  - {statuses[cid].id} ({statuses[cid].titre}) : " + " ; ".join(statuses[cid].obstacles())
        for cid in dict.fromkeys(clause_ids)
        if statuses[cid].obstacles()
    ]
    if refused:
        raise ClauseNotReadyError(
            "Impossible de noter ces clauses comme convenues avec le partenaire :\n"
            + "\n".join(refused)
            + "\nRien n'a été enregistré. Complétez ou tranchez ces réponses (partenariat step N), "
            "puis relancez la commande."
        )
    done: list[ClauseStatus] = []
    for cid in dict.fromkeys(clause_ids):
        project.confirmations.append(
            Confirmation(
                clause=cid,
                le=day,
                avec=avec or None,
                empreinte=fingerprint(clause_values(project, questionnaires, ctx, cid)),
            )
        )
        done.append(statuses[cid])
    return done


def withdraw(project: Project, clause_ids: Sequence[str]) -> list[str]:
    """Forget the confirmations of these clauses (the partner went back on them)."""
    from partenariat.errors import UsageError

    known = {c.id for c in load_clauses()}
    unknown = [cid for cid in clause_ids if cid not in known]
    if unknown:
        raise UsageError("Clause inconnue : " + ", ".join(f"« {cid} »" for cid in unknown) + ".")
    wanted = set(clause_ids)
    removed = sorted({c.clause for c in project.confirmations if c.clause in wanted})
    project.confirmations = [c for c in project.confirmations if c.clause not in wanted]
    return removed
