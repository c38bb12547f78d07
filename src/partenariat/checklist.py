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
    from partenariat.analysis import Analysis
    from partenariat.project import Confirmation, EcartPartenaire, Project
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
        oui_suffit: bool = False
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
    """The clause catalogue, validated; errors come with their line numbers. Read once per file
    version (``agenda`` checks each project's confirmations against it)."""
    from partenariat.resources import templates_dir
    from partenariat.yamlio import file_version

    path = path or templates_dir() / "clauses.yaml"
    return _load_catalogue(path, file_version(path))


@lru_cache(maxsize=4)
def _load_catalogue(path: Path, stamp: tuple[int, int]) -> Any:
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
    # The partner's file, compared after the confirmation, differs on points the clause reads.
    ecart_partenaire: EcartPartenaire | None = None
    # A yes/no answer retains the clause, but what it will say is still to write (labels).
    contenu_manquant: list[str] = field(default_factory=list)
    # Answers that contradict each other (a schedule that does not add up to the money flows).
    incoherences: list[str] = field(default_factory=list)
    # What the answers imply for the drafting, said once under the clause (annexes…).
    remarques: list[str] = field(default_factory=list)

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
        if self.ecart_partenaire is not None:
            reasons.append(ecart_text(self.ecart_partenaire))
        reasons.extend(self.incoherences)
        if self.contenu_manquant:
            reasons.append(
                "le principe est retenu mais son contenu reste à écrire : "
                + "; ".join(self.contenu_manquant)
            )
        if (
            not self.elements
            and not self.facultatives_vides
            and self.statut != "sans_objet"
            and not self.manquantes
        ):
            reasons.append("aucune réponse du projet ne règle encore ce point")
        return reasons


def ecart_text(ecart: EcartPartenaire) -> str:
    """Why a confirmed clause is back to « À discuter », in French."""
    from partenariat.french import date_fr

    return (
        f"le fichier du partenaire (empreinte {ecart.fichier_partenaire[:12]}, comparé le "
        f"{date_fr(ecart.le)}) diffère sur : " + " ; ".join(ecart.points)
    )


# Flows paid in money, which the payment schedule (etape4.echeancier) spreads over dates.
CASH_NATURES = ("don_numeraire", "parrainage", "prestation", "pret_argent")


def schedule_mismatch(step4: dict[str, Any]) -> str | None:
    """Why the payment schedule and the money flows of step 4 disagree, in French (None: they agree).

    A convention whose amount in words says one sum and whose schedule adds up to another is the
    first thing a lawyer sends back: the financial clause cannot be settled, nor agreed, so.
    """
    from partenariat import flows
    from partenariat.french import euros

    schedule = step4.get("echeancier")
    if not isinstance(schedule, list) or not schedule:
        return None
    paid = [
        f
        for f in flows.as_flows(step4.get("flux"))
        if f.get("nature") in CASH_NATURES
        and f.get("sens", flows.COMPANY_TO_ASSOCIATION) == flows.COMPANY_TO_ASSOCIATION
        and isinstance(f.get("montant"), (int, float))
    ]
    amounts: list[float] = [
        float(item["montant"])
        for item in schedule
        if isinstance(item, dict) and isinstance(item.get("montant"), (int, float))
    ]
    if not paid or not amounts:
        return None
    flows_total = sum(float(f["montant"]) for f in paid)
    gifts_total = sum(float(f["montant"]) for f in paid if f.get("nature") == "don_numeraire")
    schedule_total = sum(amounts)
    # The schedule spreads either every payment in money, or the cash gifts alone (a paid
    # service is then settled on its invoices): it must add up to one of the two.
    if any(abs(total - schedule_total) < 0.005 for total in (flows_total, gifts_total)):
        return None
    against = (
        f"les dons en numéraire totalisent {euros(gifts_total)}"
        if gifts_total
        else f"les flux versés en argent par l'entreprise totalisent {euros(flows_total)}"
    )
    if gifts_total and abs(gifts_total - flows_total) >= 0.005:
        against += f" (et l'ensemble des flux versés en argent {euros(flows_total)})"
    return (
        f"l'échéancier des versements totalise {euros(schedule_total)} alors que {against} : "
        "mettez l'un ou l'autre à jour (partenariat step 4) avant de régler la clause"
    )


def _inconsistencies(ctx: dict[str, Any]) -> dict[str, list[str]]:
    """Contradictions between answers, by the clause they keep from being settled."""
    found: dict[str, list[str]] = {}
    mismatch = schedule_mismatch(ctx.get("etape4") or {})
    if mismatch:
        found["modalites_financieres"] = [mismatch]
    return found


# The framing document records each side's analysis and its vigilance points: annexed as
# « partie intégrante », all of it would bind the parties.
NON_CONTRACTUAL_ANNEXES = ("document_cadrage",)


def _annex_remarks(active: dict[int, dict[str, Question]], ctx: dict[str, Any]) -> list[str]:
    """Which annexes bind the parties, and what is cited as a reference only."""
    q = active.get(5, {}).get("annexes")
    chosen = (ctx.get("etape5") or {}).get("annexes")
    if q is None or not isinstance(chosen, list) or not chosen:
        return []
    from partenariat.french import liste_fr

    labels = {c.valeur: c.libelle for c in q.choix}
    binding = [labels.get(v, v) for v in chosen if v not in NON_CONTRACTUAL_ANNEXES]
    remarks = []
    if binding:
        remarks.append(
            "Annexes qui font partie intégrante de la convention, à le dire dans un article : "
            + liste_fr(binding)
            + "."
        )
    if any(v in NON_CONTRACTUAL_ANNEXES for v in chosen):
        remarks.append(
            "Le document de cadrage n'est pas annexé comme partie intégrante : ses analyses et ses "
            "points de vigilance deviendraient des obligations. Le préambule peut le citer comme "
            "document de référence, sans valeur contractuelle (repère pratique de partenariat)."
        )
    return remarks


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
    from partenariat.rules import is_internal_finding
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
    contradictions = _inconsistencies(ctx)
    from partenariat.views import flow_links

    step4 = ctx.get("etape4") or {}
    stated_by_flow = {id(step4[list_id][i]) for list_id, i in flow_links(step4)}
    result: list[ClauseStatus] = []
    for numero, clause in enumerate(catalogue.clauses, start=1):
        elements: list[Lisible] = []
        manquantes: list[str] = []
        en_attente: list[str] = []
        values: dict[str, Any] = {}
        vides: list[str] = []
        dans_les_flux: list[str] = []
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
            if clause.partie is not None and isinstance(value, list):
                # A commitment is stated once: a means that a money flow states is in the flow.
                kept = [item for item in value if id(item) not in stated_by_flow]
                if len(kept) < len(value):
                    dans_les_flux.append(label)
                    if not kept:
                        continue
                    value = kept
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
        # A bare « Oui » retains the principle but drafts nothing: the content is still due.
        contenu = (
            [f"ce que prévoit la clause « {clause.titre} »"]
            if not clause.oui_suffit
            and elements
            and all(
                e.question is not None and e.question.type == "oui_non" and e.brut is True
                for e in elements
            )
            else []
        )
        ecart = confirmation.ecart if confirmation is not None else None
        incoherences = contradictions.get(clause.id, []) if not not_applicable else []
        if not_applicable and not needed:
            statut = "sans_objet"
        elif (
            manquantes
            or en_attente
            or needed
            or ecart
            or incoherences
            or contenu
            or not (elements or vides)
        ):
            statut = "a_discuter"
        elif confirmation is not None and not stale:
            statut = "convenu"
        else:
            statut = "principe_retenu"
        remarques = _annex_remarks(active, ctx) if clause.id == "annexes" else []
        if dans_les_flux:
            remarques.append(
                "Les moyens qu'un flux chiffre déjà (mécénat de compétences, don en nature, prêt) "
                "ne sont pas répétés : ils sont compris dans ce flux ; leur détail figure à la "
                "clause « Moyens humains, techniques et matériels »."
            )
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
                ecart if statut != "sans_objet" else None,
                contenu_manquant=contenu,
                incoherences=incoherences,
                remarques=remarques,
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


def with_collector(clauses: Sequence[ClauseStatus], missing: Missing) -> list[ClauseStatus]:
    """The analysis's clauses, their answers reporting « À compléter » to ``missing``.

    The levels are computed once by the analysis (``Analysis.clauses``); a document only needs
    its own collector, so that the export lists what each document leaves to complete.
    """
    from dataclasses import replace

    from partenariat.views import Lisible

    return [
        replace(
            c,
            elements=[Lisible(e.brut, e.question, e.label, missing) for e in c.elements],
        )
        for c in clauses
    ]


def confirm(
    analysis: Analysis,
    clause_ids: Sequence[str],
    day: dt.date,
    avec: str | None = None,
) -> list[ClauseStatus]:
    """Record in ``analysis.project`` that these clauses were confirmed with the partner, or
    refuse them all.

    Refused (nothing recorded) when a clause is unknown, not applicable, or has an answer
    missing or deferred or an open vigilance point: « Convenu » must never hide a blank. The
    levels are those the analysis computed (``Analysis.clauses``), never computed again here.
    """
    from partenariat.errors import ClauseNotReadyError, UsageError
    from partenariat.project import Confirmation

    project, questionnaires, ctx = analysis.project, analysis.questionnaires, analysis.context
    statuses = {c.id: c for c in analysis.clauses}
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
