"""Confront our project with the partner's, point by point (questionnaires/comparaison.yaml).

The points are data: which answers of the company meet which answers of the association, how to
compare them, which clauses an agreement settles. Each point comes out « accord », « écart »,
« à renseigner » (one side silent) or « hors échange » (an answer one side keeps to itself: its
value is never shown, not even from a whole project the partner handed over).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from partenariat.comparison_points import Point, load_points
from partenariat.errors import PartnerMismatchError

if TYPE_CHECKING:
    from partenariat.project import Accord, Project
    from partenariat.questionnaire import Question, Questionnaires
    from partenariat.sharing import PartnerFile

STATUTS = {
    "accord": "Accord",
    "ecart": "Écart",
    "a_renseigner": "À renseigner",
    "hors_echange": "Hors échange",
}
_PARTY_FIELDS = ("apporte_par", "partie", "porteur")


# -- reading one side ------------------------------------------------------------------------
@dataclass
class Side:
    """One side's answers for a point: their state, raw values and French rendering."""

    etat: Literal["valeur", "silence", "sans_objet", "interne"]
    valeurs: dict[str, Any] = field(default_factory=dict)
    texte: str = ""
    # For a repeated group: each item's comparable key and its French rendering.
    elements: list[tuple[Any, str]] = field(default_factory=list)


def _normalise_text(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).strip(" .!…").casefold()


def normalise(value: Any) -> Any:
    """A value reduced to what two people mean alike: case, spaces, order of a set."""
    if isinstance(value, str):
        return _normalise_text(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, dict):
        return tuple(
            sorted(
                (str(k), repr(normalise(v))) for k, v in value.items() if v not in (None, "", [])
            )
        )
    if isinstance(value, list):
        return tuple(sorted(repr(normalise(v)) for v in value))
    return repr(value)


def _for_party(value: Any, q: Question, partie: str | None) -> Any:
    if partie is None or not isinstance(value, list):
        return value
    keys = [sub.id for sub in q.sous_questions if sub.id in _PARTY_FIELDS]
    if not keys:
        return value
    return [
        {k: v for k, v in item.items() if k != keys[0]}
        for item in value
        if isinstance(item, dict) and item.get(keys[0]) in (partie, "conjoint", "les_deux")
    ]


def _without_internal(value: Any, q: Question) -> Any:
    if q.type != "liste" or not isinstance(value, list):
        return value
    internal = {sub.id for sub in q.sous_questions if sub.interne}
    return [
        {k: v for k, v in item.items() if k not in internal} if isinstance(item, dict) else item
        for item in value
    ]


def _items(q: Question, value: list[Any], profil: str) -> list[tuple[Any, str]]:
    """Each item of a repeated group: (comparable key, one-line French text)."""
    from partenariat.values import format_value

    subs = {sub.id: sub for sub in q.sous_questions}
    items = []
    for item in value:
        if not isinstance(item, dict):
            continue
        parts = [
            format_value(subs[k], v, profil)
            for k, v in item.items()
            if k in subs and v not in (None, "", [])
        ]
        items.append((repr(normalise(item)), " – ".join(parts).rstrip(" .")))
    return items


def _format(q: Question, value: Any, profil: str) -> str:
    from partenariat.values import format_value

    if q.type == "liste" and isinstance(value, list):
        return " ; ".join(text for _key, text in _items(q, value, profil)) or "aucun"
    return format_value(q, value, profil)


class _Reader:
    """One project's answers as the comparison sees them (context and active questions once)."""

    def __init__(self, project: Project, questionnaires: Questionnaires) -> None:
        from partenariat.answers import build_context
        from partenariat.clause_answers import active_ids

        self.project = project
        self.questionnaires = questionnaires
        self.ctx = build_context(project, questionnaires)
        self.active = active_ids(project, questionnaires, self.ctx)

    def side(self, point: Point) -> Side:
        profil = self.project.profil
        refs = point.side(profil)
        values: dict[str, Any] = {}
        texts: list[str] = []
        elements: list[tuple[Any, str]] = []
        silent = False
        inactive = 0
        for ref in refs:
            q = self.questionnaires.find(ref)
            assert q is not None  # checked at load
            if q.interne:
                return Side("interne")
            n = int(ref[5:6])
            if q.id not in self.active.get(n, {}):
                inactive += 1
                values[ref] = None
                continue
            answers = self.ctx.get(f"etape{n}") or {}
            value = answers.get(q.id)
            empty = value in (None, "", [])
            if empty and not (not q.obligatoire and q.id in answers):
                silent = True
                values[ref] = None
                continue
            value = _without_internal(value, q)
            if point.comparer == "liste":
                value = _for_party(value, q, point.partie)
            values[ref] = value
            if q.type == "liste" and isinstance(value, list) and len(refs) == 1:
                elements = _items(q, value, profil)
            text = _format(q, value, profil) if not empty else "aucun"
            texts.append(f"{q.label} : {text}" if len(refs) > 1 else text)
        if inactive == len(refs):
            return Side("sans_objet", values, "sans objet")
        if silent:
            return Side("silence", values, "")
        return Side("valeur", values, " ; ".join(texts), elements)


# -- the comparison --------------------------------------------------------------------------
@dataclass
class PointResult:
    point: Point
    statut: str
    nous: Side
    partenaire: Side
    accord: Accord | None = None
    changements: list[str] = field(default_factory=list)

    @property
    def statut_libelle(self) -> str:
        return STATUTS[self.statut]

    @property
    def silencieux(self) -> list[str]:
        """Who still has to answer: « nous », « partenaire » or both."""
        return [
            who
            for who, s in (("nous", self.nous), ("partenaire", self.partenaire))
            if s.etat == "silence"
        ]


@dataclass
class Comparison:
    nous: Project
    partenaire: PartnerFile
    resultats: list[PointResult]

    def par_statut(self, statut: str) -> list[PointResult]:
        return [r for r in self.resultats if r.statut == statut]

    def totaux(self) -> dict[str, int]:
        counts = {key: 0 for key in STATUTS}
        for r in self.resultats:
            counts[r.statut] += 1
        return counts

    @property
    def diverge(self) -> bool:
        return any(r.statut == "ecart" for r in self.resultats)

    def point(self, point_id: str) -> PointResult | None:
        for r in self.resultats:
            if r.point.id == point_id:
                return r
        return None


def _key(side: Side, point: Point, profil: str) -> list[Any]:
    """Comparable values in the point's order (the two sides may read different questions)."""
    return [normalise(side.valeurs.get(ref)) for ref in point.side(profil)]


def _names(text: str | None) -> set[str]:
    if not text:
        return set()
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return {w for w in re.split(r"[^a-z0-9]+", plain) if w}


def _same_party(a: str | None, b: str | None) -> bool:
    """Two spellings of one organisation: one name's words all found in the other's."""
    wa, wb = _names(a), _names(b)
    if not wa or not wb:
        return True  # a side that names no one cannot contradict the other
    return wa <= wb or wb <= wa


def check_pair(ours: Project, partner: PartnerFile) -> None:
    """Refuse two projects of the same side, or two organisations naming different partners."""
    theirs = partner.project
    if ours.profil == theirs.profil:
        side = "entreprises" if ours.profil == "entreprise" else "associations"
        raise PartnerMismatchError(
            f"Comparaison impossible : {partner.path} est lui aussi rempli du côté "
            f"{'entreprise' if ours.profil == 'entreprise' else 'association'} "
            f"({theirs.organisation.nom or 'sans nom'}). On compare le projet d'une entreprise "
            f"avec celui d'une association, pas deux {side}."
        )
    problems = []
    if not _same_party(ours.partenaire.nom, theirs.organisation.nom):
        problems.append(
            f"votre projet nomme comme partenaire « {ours.partenaire.nom} », "
            f"mais le fichier vient de « {theirs.organisation.nom} »"
        )
    if not _same_party(theirs.partenaire.nom, ours.organisation.nom):
        problems.append(
            f"le fichier de « {theirs.organisation.nom} » nomme comme partenaire "
            f"« {theirs.partenaire.nom} », et non « {ours.organisation.nom} »"
        )
    if problems:
        raise PartnerMismatchError(
            f"Comparaison impossible avec {partner.path} : ce n'est pas le même partenariat.\n"
            + "\n".join(f"  - {p}" for p in problems)
        )


def latest_agreements(project: Project) -> dict[str, Accord]:
    latest: dict[str, Accord] = {}
    for accord in project.accords:
        latest[accord.point] = accord
    return latest


def compare(
    ours: Project,
    partner: PartnerFile,
    questionnaires: Questionnaires,
    points: list[Point] | None = None,
) -> Comparison:
    """Every point classified; a recorded agreement holds while neither side changed since."""
    check_pair(ours, partner)
    points = points if points is not None else load_points(questionnaires)
    mine, theirs = _Reader(ours, questionnaires), _Reader(partner.project, questionnaires)
    agreed = latest_agreements(ours)
    results: list[PointResult] = []
    for point in points:
        a, b = mine.side(point), theirs.side(point)
        if "interne" in (a.etat, b.etat):
            # Never show either value: one side keeps this answer to itself.
            results.append(PointResult(point, "hors_echange", Side("interne"), Side("interne")))
            continue
        statut = _classify(a, b, point, ours.profil, partner.project.profil)
        accord = agreed.get(point.id)
        changes: list[str] = []
        if accord is not None:
            if _raw_key(accord.nous) != _raw_key(a.valeurs):
                changes.append("nous")
            if _raw_key(accord.partenaire) != _raw_key(b.valeurs):
                changes.append("partenaire")
            if not changes:
                statut = "accord"
        if statut == "ecart" and a.elements and b.elements:
            a, b = _differences(a, b)
        results.append(PointResult(point, statut, a, b, accord, changes))
    return Comparison(ours, partner, results)


def _differences(a: Side, b: Side) -> tuple[Side, Side]:
    """Two lists that differ: each side shows only its own items, and how many are shared."""
    keys_a = {key for key, _text in a.elements}
    keys_b = {key for key, _text in b.elements}
    common = len(keys_a & keys_b)

    def shown(side: Side, other: set[Any]) -> Side:
        own = [text for key, text in side.elements if key not in other]
        text = " ; ".join(own) if own else "rien d'autre"
        if common:
            text += f" (et {common} élément{'s' if common > 1 else ''} en commun)"
        return Side(side.etat, side.valeurs, text, side.elements)

    return shown(a, keys_b), shown(b, keys_a)


def _raw_key(values: Any) -> Any:
    if not isinstance(values, dict):
        return normalise(values)
    return tuple(sorted((k, repr(normalise(v))) for k, v in values.items()))


def _classify(a: Side, b: Side, point: Point, profil_a: str, profil_b: str) -> str:
    if "silence" in (a.etat, b.etat):
        return "a_renseigner"
    if a.etat == "sans_objet" and b.etat == "sans_objet":
        return "accord"
    if a.etat != b.etat:
        return "ecart"
    return "accord" if _key(a, point, profil_a) == _key(b, point, profil_b) else "ecart"


def as_json(comparison: Comparison) -> str:
    """The comparison for scripts; internal values are absent, as in the table."""
    from partenariat.sharing import short

    partner = comparison.partenaire
    data = {
        "nous": {
            "organisation": comparison.nous.organisation.nom,
            "profil": comparison.nous.profil,
        },
        "partenaire": {
            "organisation": partner.project.organisation.nom,
            "profil": partner.project.profil,
            "fichier": str(partner.path),
            "fichier_partage": partner.partage,
            "empreinte": partner.empreinte,
            "empreinte_courte": short(partner.empreinte),
        },
        "totaux": comparison.totaux(),
        "points": [
            {
                "id": r.point.id,
                "libelle": r.point.libelle,
                "etape": r.point.etape,
                "statut": r.statut,
                "nous": _side_json(r.nous),
                "partenaire": _side_json(r.partenaire),
                "a_renseigner_par": r.silencieux,
                "accord_du": r.accord.le.isoformat() if r.accord else None,
                "modifie_depuis_accord": r.changements,
            }
            for r in comparison.resultats
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _side_json(side: Side) -> str | None:
    if side.etat == "interne" or side.etat == "silence":
        return None
    return side.texte


def accord_label(accord: Accord) -> str:
    from partenariat.french import date_fr
    from partenariat.sharing import short

    return f"convenu le {date_fr(accord.le)} (fichier du partenaire {short(accord.fichier_partenaire)})"


def today() -> dt.date:
    return dt.date.today()


def compare_with_file(path: Path, partner_file: Path) -> tuple[Comparison, Questionnaires]:
    """``compare``: our project (its answers checked) against the partner's file."""
    from partenariat.answers import verify
    from partenariat.project import load_project
    from partenariat.questionnaire import load_questionnaires
    from partenariat.sharing import load_partner

    proj = load_project(path)
    questionnaires = load_questionnaires()
    verify(proj, questionnaires)
    partner = load_partner(partner_file, questionnaires)
    return compare(proj, partner, questionnaires), questionnaires
