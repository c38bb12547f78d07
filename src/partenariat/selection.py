"""Step 3: compare the candidate partners on the user's weighted criteria (guide, step 3).

The guide asks each side to choose on explicit criteria: a company checks NGOs on one list, an
association checks companies on another (rows of ``etape3.ponderation_criteres`` filtered by
profil). Each candidate gets a note per criterion (``evaluation``); the weighted score makes the
comparison visible and the reasons make it explainable to colleagues.

Selection problems the guide warns about (excluding an NGO because it criticised the company,
not asking NGOs for their own exclusion criteria, retaining a candidate the comparison does not
support) are returned as ``avertissements``; ``rules.evaluate`` turns them into findings with ids
``selection.<code>``, so their wording lives here, next to the logic that detects them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from partenariat.answers import build_context
from partenariat.french import liste_fr, nombre_fr
from partenariat.project import Project
from partenariat.questionnaire import Question, Questionnaires
from partenariat.selection_wording import load_findings, reason
from partenariat.vocabulary import Severite

WEIGHTS_QUESTION = "ponderation_criteres"
CANDIDATES_QUESTION = "candidats"
DEFAULT_WEIGHT = 1
DEFAULT_MAX_NOTE = 5
STRONG_NOTE = 4  # a note at or above this, on a criterion that counts, is a strength
WEAK_NOTE = 2  # a note at or below this, on an important criterion, is a weakness
IMPORTANT_WEIGHT = 2
MAX_LISTED = 3


@dataclass
class Critere:
    """One selection criterion as the user weighted it (0 = does not count)."""

    id: str
    libelle: str
    poids: int


@dataclass
class DetailCritere:
    critere: str
    libelle: str
    poids: int
    note: float | None  # None: not assessed (counts as 0 in the score)
    points: float  # poids × note


@dataclass
class Candidat:
    nom: str
    score: float  # 0–100, weighted; 0 when nothing counts
    rang: int | None  # 1 = best among candidates not excluded; None when excluded
    details: list[DetailCritere]
    raisons: list[str]
    exclu: bool
    motif_exclusion: str | None
    rencontre: bool | None
    critique_passee: bool | None
    criteres_exclusion_connus: bool | None
    retenu: bool


@dataclass
class AvertissementSelection:
    code: str  # conflit, exclusion_non_demandee, criteres_exclusion_inconnus, retenu_ecarte…
    severite: Severite
    outline: list[str]
    message: str
    candidats: list[str] = field(default_factory=list)
    titre: str = ""


@dataclass
class Ranking:
    criteres: list[Critere]
    candidats: list[Candidat]  # not excluded by descending score, then the excluded ones
    avertissements: list[AvertissementSelection]
    note_max: int = DEFAULT_MAX_NOTE

    def to_dict(self) -> dict[str, Any]:
        """Plain data (what rules see as ``selection``); ``asdict`` without its deep copies,
        which took a third of ``check`` at 1,000 candidates (leaves are numbers and text)."""
        result = _plain(self)
        assert isinstance(result, dict)
        return result


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _default_weight(q: Question) -> int:
    value = _number(q.defaut)
    return int(value) if value is not None else DEFAULT_WEIGHT


def _join(names: list[str]) -> str:
    return liste_fr(f"« {n} »" for n in names)


def _criteria(q: Question | None, answers: dict[str, Any], profil: str) -> list[Critere]:
    if q is None:
        return []
    given = answers.get(WEIGHTS_QUESTION)
    given = given if isinstance(given, dict) else {}
    result: list[Critere] = []
    for choice in q.choices_for(profil):
        weight = _number(given.get(choice.valeur))
        result.append(
            Critere(
                choice.valeur,
                choice.libelle,
                int(weight) if weight is not None else _default_weight(q),
            )
        )
    return result


def _sub(q: Question | None, qid: str) -> Question | None:
    if q is None:
        return None
    return next((s for s in q.sous_questions if s.id == qid), None)


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _same_name(a: str | None, b: str | None) -> bool:
    return (
        bool(a and b) and " ".join(str(a).split()).casefold() == " ".join(str(b).split()).casefold()
    )


def _score_candidate(
    item: dict[str, Any], criteria: list[Critere], max_note: int, retained: str | None, profil: str
) -> Candidat:
    notes = item.get("evaluation")
    notes = notes if isinstance(notes, dict) else {}
    details: list[DetailCritere] = []
    total = 0.0
    best = 0.0
    for c in criteria:
        note = _number(notes.get(c.id))
        points = c.poids * (note or 0.0)
        details.append(DetailCritere(c.id, c.libelle, c.poids, note, points))
        total += points
        best += c.poids * max_note
    score = round(100 * total / best, 1) if best else 0.0
    nom = str(item.get("nom") or "(sans nom)")
    exclu = item.get("exclu") is True
    motif = item.get("motif_exclusion") if exclu else None
    critique = _bool(item.get("critique_passee")) if profil == "entreprise" else None
    connus = _bool(item.get("criteres_exclusion_connus")) if profil == "entreprise" else None
    return Candidat(
        nom=nom,
        score=score,
        rang=None,
        details=details,
        raisons=_reasons(details, max_note, item, exclu, motif, critique),
        exclu=exclu,
        motif_exclusion=str(motif) if motif else None,
        rencontre=_bool(item.get("rencontre")),
        critique_passee=critique,
        criteres_exclusion_connus=connus,
        retenu=_same_name(nom, retained),
    )


def _reasons(
    details: list[DetailCritere],
    max_note: int,
    item: dict[str, Any],
    exclu: bool,
    motif: Any,
    critique: bool | None,
) -> list[str]:
    counted = [d for d in details if d.poids > 0]
    reasons: list[str] = []
    if exclu:
        reasons.append(reason("ecarte", motif=motif or ""))
    strong = sorted(
        (d for d in counted if d.note is not None and d.note >= STRONG_NOTE),
        key=lambda d: -d.points,
    )
    if strong:
        listed = ", ".join(
            f"{d.libelle} ({nombre_fr(d.note)} / {max_note})" for d in strong[:MAX_LISTED]
        )
        reasons.append(reason("points_forts", criteres=listed))
    weak = sorted(
        (
            d
            for d in counted
            if d.poids >= IMPORTANT_WEIGHT and d.note is not None and d.note <= WEAK_NOTE
        ),
        key=lambda d: (-d.poids, d.note or 0),
    )
    if weak:
        listed = ", ".join(
            f"{d.libelle} ({nombre_fr(d.note)} / {max_note})" for d in weak[:MAX_LISTED]
        )
        reasons.append(reason("points_faibles", criteres=listed))
    missing = [d.libelle for d in counted if d.note is None]
    if missing:
        reasons.append(reason("non_evalue", criteres=", ".join(missing)))
    if item.get("rencontre") is False:
        reasons.append(reason("pas_rencontre"))
    if critique and not exclu:
        reasons.append(reason("critique_passee"))
    return reasons


def rank_candidates(
    project: Project, questionnaires: Questionnaires, context: dict[str, Any] | None = None
) -> Ranking:
    """Score step 3's candidates with the user's weights; rank them; flag selection problems."""
    context = context if context is not None else build_context(project, questionnaires)
    answers = context.get("etape3") or {}
    profil = project.profil
    step = questionnaires.etapes.get(3)
    weights_q = step.question(WEIGHTS_QUESTION) if step else None
    candidates_q = step.question(CANDIDATES_QUESTION) if step else None
    criteria = _criteria(weights_q, answers, profil)
    grid = _sub(candidates_q, "evaluation")
    max_note = int(grid.max) if grid is not None and grid.max else DEFAULT_MAX_NOTE
    retained = answers.get("partenaire_retenu")
    retained = str(retained) if retained else None

    items = answers.get(CANDIDATES_QUESTION)
    items = [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []
    scored = [_score_candidate(i, criteria, max_note, retained, profil) for i in items]
    kept = sorted((c for c in scored if not c.exclu), key=lambda c: (-c.score, c.nom.casefold()))
    for rank, cand in enumerate(kept, start=1):
        cand.rang = rank
    excluded = [c for c in scored if c.exclu]
    ordered = kept + excluded
    return Ranking(
        criteres=criteria,
        candidats=ordered,
        avertissements=_warnings(ordered, criteria, answers, profil, retained),
        note_max=max_note,
    )


def _warn(
    code: str, candidats: list[str] | None = None, **variables: Any
) -> AvertissementSelection:
    from partenariat.expressions import environment
    from partenariat.template_walk import compile_template

    constat = load_findings()[code]
    # walked from its kept tree (no compilation in a new process), as the reasons are
    text = compile_template(environment(), constat.message).render(**variables)
    return AvertissementSelection(
        code,
        constat.severite,
        list(constat.outline),
        " ".join(text.split()),
        list(candidats or []),
        constat.titre,
    )


def _warnings(
    candidates: list[Candidat],
    criteria: list[Critere],
    answers: dict[str, Any],
    profil: str,
    retained: str | None,
) -> list[AvertissementSelection]:
    warnings: list[AvertissementSelection] = []
    if candidates and criteria and not any(c.poids > 0 for c in criteria):
        warnings.append(_warn("ponderation_nulle"))
    if profil == "entreprise":
        critics = [c.nom for c in candidates if c.exclu and c.critique_passee]
        if critics:
            warnings.append(
                _warn("conflit", critics, noms=_join(critics), plusieurs=len(critics) > 1)
            )
        if answers.get("criteres_exclusion_demandes") is False:
            warnings.append(_warn("exclusion_non_demandee"))
        unknown = [
            c.nom for c in candidates if not c.exclu and c.criteres_exclusion_connus is False
        ]
        if unknown:
            warnings.append(
                _warn(
                    "criteres_exclusion_inconnus",
                    unknown,
                    noms=_join(unknown),
                    plusieurs=len(unknown) > 1,
                )
            )
    if retained and candidates:
        match = next((c for c in candidates if c.retenu), None)
        if match is None:
            warnings.append(_warn("retenu_hors_comparaison", [retained], nom=retained))
        elif match.exclu:
            warnings.append(_warn("retenu_ecarte", [match.nom], nom=match.nom))
        elif match.rang and match.rang > 1:
            first = candidates[0]
            warnings.append(
                _warn(
                    "retenu_non_premier",
                    [match.nom],
                    nom=match.nom,
                    rang=match.rang,
                    score=f"{match.score:g}",
                    premier=first.nom,
                    score_premier=f"{first.score:g}",
                )
            )
    return warnings
