"""Convention checklist: the level of each clause of the catalogue for a project.

Kept apart from the rendering so that the clause statuses (what is settled, what is still to
agree with the partner) have one home that the documents, ``check`` and ``status`` all read.
Its parts live next to it: the catalogue (clause_catalogue.py), how a clause reads the answers
(clause_answers.py), contradictions and drafting remarks (clause_remarks.py), confirmations with
the partner (confirmations.py). Rendering helpers are imported inside functions: render.py
imports this module at top level.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from partenariat.clause_answers import active_ids, deferred, for_party
from partenariat.clause_catalogue import load_catalogue
from partenariat.clause_remarks import annex_remarks, inconsistencies
from partenariat.confirmations import ecart_text, fingerprint, latest_confirmations
from partenariat.vocabulary import answer_path

if TYPE_CHECKING:
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


def checklist(
    project: Project,
    questionnaires: Questionnaires,
    ctx: dict[str, Any],
    missing: Missing,
    findings: Sequence[Any],
    active: dict[int, dict[str, Question]] | None = None,
) -> list[ClauseStatus]:
    """Each clause of the catalogue with its level and what the answers settle.

    « Sans objet » when the catalogue's condition says so and no vigilance point needs it;
    « À discuter » while an answer is missing or defers, or a vigilance point still needs the
    clause; « Principe retenu » when this side has settled it; « Convenu avec le partenaire »
    only through a confirmation recorded in the project on the answers as they are now.
    ``active``: the questions that apply (``clause_answers.active_ids``), when the caller has
    them already (``analysis.Analysis.active``).
    """
    from partenariat.answers import is_answered
    from partenariat.expressions import evaluate
    from partenariat.rules import is_internal_finding
    from partenariat.views import Lisible
    from partenariat.vocabulary import SEVERITY_LABELS

    catalogue = load_catalogue()
    if active is None:
        active = active_ids(project, questionnaires, ctx)
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
    contradictions = inconsistencies(ctx)
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
            n, qid = answer_path(path) or (0, "")
            q = active.get(n, {}).get(qid)
            if q is None:
                continue  # a question that does not apply to this project
            answers = ctx.get(path.partition(".")[0]) or {}
            label = f"Étape {n} – {q.label}"
            value = for_party(answers.get(qid), q, clause.partie)
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
        remarques = annex_remarks(active, ctx) if clause.id == "annexes" else []
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


def count_by_level(clauses: Sequence[ClauseStatus]) -> dict[str, int]:
    """How many clauses stand at each level, in the scorecard's order."""
    counts = {level: 0 for level in CLAUSE_STATUS}
    for clause in clauses:
        counts[clause.statut] += 1
    return counts


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
