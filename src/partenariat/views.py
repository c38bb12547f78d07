"""What a document template sees of the answers: readable views that know their question.

``lisible.etape4.duree_mois`` prints « 36 mois (3 ans) », or « À compléter » (and records it) when
the answer is missing; ``reponse.etape4.duree_mois`` is the raw value. In strict mode (tests) a
name that is no question of the step fails, so that a misspelt template is caught.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import UndefinedError
from markupsafe import Markup

from partenariat.french import answer_lines, is_missing, join_lines
from partenariat.markdown import MARKER, clean_text, markdown_escape
from partenariat.vocabulary import step_of

if TYPE_CHECKING:
    from partenariat.questionnaire import Question


@dataclass
class Missing:
    """What a rendering showed as « À compléter », as readable labels, in order of appearance."""

    labels: list[str] = field(default_factory=list)

    def add(self, label: str) -> None:
        if label not in self.labels:
            self.labels.append(label)


class Lisible:
    """One answer, formatted according to its question's type; « À compléter » when missing."""

    def __init__(self, raw: Any, question: Question | None, label: str, missing: Missing) -> None:
        self.brut = None if is_missing(raw) else raw
        self.question = question
        self.label = label
        self._missing = missing
        self.lignes: list[str] = answer_lines(question, self.brut)

    # what a template uses
    def __bool__(self) -> bool:
        return self.brut is not None

    def __str__(self) -> str:
        return self.texte

    @property
    def texte(self) -> str:
        """Plain text, one line (choices joined « a, b et c »)."""
        return join_lines(self.question, self.lignes)

    def _marker(self) -> Markup:
        self._missing.add(self.label)
        return MARKER

    def __html__(self) -> str:
        if self.brut is None:
            return self._marker()
        if self.question is not None and self.question.type == "choix_multiples":
            return markdown_escape(self.texte)
        return markdown_escape("\n".join(self.lignes))

    @property
    def cellule(self) -> Markup:
        if self.brut is None:
            return self._marker()
        return Markup(markdown_escape(self.texte, "cell"))

    @property
    def puces(self) -> Markup:
        """A Markdown bullet list, one bullet per choice or row (never an empty bullet)."""
        if self.brut is None:
            return Markup("- ") + self._marker()
        items = (
            self.lignes
            if len(self.lignes) > 1
            or self.question is None
            or self.question.type in ("choix_multiples", "grille")
            else [self.texte]
        )
        return Markup("\n".join("- " + markdown_escape(i) for i in items if clean_text(i)))

    @property
    def valeurs(self) -> list[Any]:
        """The raw values of a multiple choice (always a list)."""
        if self.brut is None:
            return []
        return list(self.brut) if isinstance(self.brut, list) else [self.brut]

    def contient(self, value: Any) -> bool:
        return value in self.valeurs


class _Strictness:
    def __init__(self, strict: bool) -> None:
        self.strict = strict

    def unknown(self, where: str, name: str) -> None:
        if self.strict:
            raise UndefinedError(f"question inconnue dans le modèle : {where}.{name}")


# A means of step 4 that a money flow already states: which flow natures can state each means
# list (by the item's ``mode`` for material: given → in-kind gift, lent → loan).
MEANS_FLOWS: dict[str, dict[str | None, tuple[str, ...]]] = {
    "moyens_humains": {None: ("mecenat_competences", "mise_a_disposition_personnel")},
    "moyens_materiels": {"don": ("don_nature",), "pret": ("pret_materiel_locaux",)},
}
_COMMON_WORDS = frozenset(
    {"pour", "dans", "avec", "leur", "leurs", "sont", "plus", "chaque", "environ", "entre"}
    | {"selon", "apres", "avant", "sans"}
)


def _words(text: Any) -> set[str]:
    import unicodedata

    plain = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return {
        w
        for w in re.split(r"[^a-z0-9]+", plain.casefold())
        if len(w) >= 4 and not w.isdigit() and w not in _COMMON_WORDS
    }


def flow_links(step4: dict[str, Any]) -> dict[tuple[str, int], int]:
    """Which means items a money flow already states: (list id, item index) → flow number.

    A skills sponsorship is both a flow (valued, section « Modalités financières ») and a human
    means; a lent room both a flow and a material means. A means is linked to a flow of the same
    party and a matching nature whose description shares at least two words with it: the
    documents then state the commitment once, the means under its flow.
    """
    from partenariat.clause_answers import item_party

    flows = [f for f in step4.get("flux") or [] if isinstance(f, dict)]
    all_flows = step4.get("flux") or []
    links: dict[tuple[str, int], int] = {}
    for list_id, by_mode in MEANS_FLOWS.items():
        for i, item in enumerate(step4.get(list_id) or []):
            if not isinstance(item, dict):
                continue
            natures = by_mode.get(item.get("mode")) if None not in by_mode else by_mode[None]
            if not natures:
                continue
            party = item_party(item.get)
            mine = _words(item.get("description"))
            best, best_overlap = None, 1
            for flow in flows:
                if flow.get("nature") not in natures or item_party(flow.get) != party:
                    continue
                overlap = len(mine & _words(flow.get("description")))
                if overlap > best_overlap:
                    best, best_overlap = flow, overlap
            if best is not None:
                links[(list_id, i)] = all_flows.index(best) + 1
    return links


class VueElement:
    """One item of a repeated group (an action, a referent…): attributes are readable answers."""

    def __init__(
        self,
        item: dict[str, Any],
        question: Question,
        label: str,
        missing: Missing,
        strictness: _Strictness,
        index: int,
    ) -> None:
        self._item = item if isinstance(item, dict) else {}
        self._subs = {s.id: s for s in question.sous_questions}
        self._label = label
        self._missing = missing
        self._strictness = strictness
        self.numero = index
        # for a means of step 4: the number of the money flow that already states it
        self.lie_au_flux: int | None = None

    def __getattr__(self, name: str) -> Lisible:
        if name.startswith("_"):
            raise AttributeError(name)
        sub = self._subs.get(name)
        if sub is None:
            self._strictness.unknown(self._label, name)
        label = f"{self._label} : {sub.label if sub else name}"
        return Lisible(self._item.get(name), sub, label, self._missing)

    def brut(self, name: str) -> Any:
        return self._item.get(name)

    def champs(self) -> list[tuple[str, Lisible]]:
        """The item's answered sub-questions, in questionnaire order (short label, answer)."""
        return [
            (sub.label, getattr(self, sub_id))
            for sub_id, sub in self._subs.items()
            if not is_missing(self._item.get(sub_id))
        ]


class VueListe(Sequence[VueElement]):
    """A repeated group: iterable items; prints « À compléter » when empty."""

    def __init__(self, items: list[VueElement], label: str, missing: Missing) -> None:
        self._items = items
        self.label = label
        self._missing = missing

    def __getitem__(self, index: Any) -> Any:
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[VueElement]:
        return iter(self._items)

    def __html__(self) -> str:
        if not self._items:
            self._missing.add(self.label)
            return MARKER
        return markdown_escape(f"{len(self._items)} élément(s)")

    @property
    def manquant(self) -> Markup:
        self._missing.add(self.label)
        return MARKER

    def de(self, partie: str) -> list[VueElement]:
        """The items one party brings: ``apporte_par`` or ``partie`` sub-answer, or the direction
        of a money flow (``sens``: ``entreprise_vers_association`` is the company's)."""
        from partenariat.clause_answers import item_party

        return [item for item in self._items if item_party(item.brut) == partie]


class VueEtape:
    """``lisible.etape4`` (formatted) or ``reponse.etape4`` (raw values, None when absent)."""

    def __init__(
        self,
        etape: int,
        answers: dict[str, Any],
        questions: dict[str, Question],
        missing: Missing,
        strictness: _Strictness,
        raw: bool,
    ) -> None:
        self._etape = etape
        self._answers = answers
        self._questions = questions
        self._missing = missing
        self._strictness = strictness
        self._raw = raw

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        q = self._questions.get(name)
        if q is None:
            self._strictness.unknown(f"etape{self._etape}", name)
        value = self._answers.get(name)
        if self._raw:
            return None if is_missing(value) else value
        label = f"Étape {self._etape} – {q.label if q else name}"
        if q is not None and q.type == "liste":
            items = value if isinstance(value, list) else []
            element = q.noun.nom
            views = [
                VueElement(item, q, f"{label}, {element} {i}", self._missing, self._strictness, i)
                for i, item in enumerate(items, start=1)
            ]
            if self._etape == 4 and name in MEANS_FLOWS:
                for (list_id, i), flow in flow_links(self._answers).items():
                    if list_id == name:
                        views[i].lie_au_flux = flow
            return VueListe(views, label, self._missing)
        return Lisible(value, q, label, self._missing)


class VueReponses:
    def __init__(self, steps: dict[int, VueEtape]) -> None:
        self._steps = steps

    def __getattr__(self, name: str) -> VueEtape:
        n = step_of(name)
        if n is not None and n in self._steps:
            return self._steps[n]
        raise AttributeError(name)


AXES_FILE = "axes-evaluation.yaml"


@lru_cache(maxsize=4)
def load_axes(path: Path | None = None) -> Any:
    """The evaluation axes of the follow-up plan (``templates/axes-evaluation.yaml``), checked."""
    from pydantic import BaseModel, ConfigDict, Field

    from partenariat.resources import templates_dir
    from partenariat.yamlio import load_yaml, validate

    class Axe(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        axe: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
        titre: str = Field(min_length=1)
        perimetre: str = Field(pattern=r"^[a-z][a-z0-9_]*$")

    class Axes(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        axes: list[Axe] = Field(min_length=1)
        autres: str = Field(min_length=1)

    path = path or templates_dir() / AXES_FILE
    data, lines = load_yaml(path, "Axes d'évaluation")
    return validate(Axes, data, path, lines, "Axes d'évaluation")


@dataclass
class AxisIndicators:
    axe: str
    libelle: str
    indicateurs: list[VueElement]
    attendu: bool


def indicators_by_axis(step7: VueEtape, ctx: dict[str, Any]) -> list[AxisIndicators]:
    """Indicators grouped by evaluation axis; an axis in scope without indicator is listed too."""
    scope = (ctx.get("etape7") or {}).get("perimetre_evaluation") or []
    items = step7.indicateurs
    result: list[AxisIndicators] = []
    axes = load_axes()
    known = {a.axe for a in axes.axes}
    for axis in axes.axes:
        mine = [i for i in items if i.brut("axe") == axis.axe]
        if mine or axis.perimetre in scope:
            result.append(AxisIndicators(axis.axe, axis.titre, mine, axis.perimetre in scope))
    others = [i for i in items if i.brut("axe") not in known]
    if others:
        result.append(AxisIndicators("autre", axes.autres, others, False))
    return result
