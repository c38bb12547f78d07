"""Turn a project's answers into Markdown documents through Jinja2 templates.

Answers are data typed by people, never template code: they only reach a template as values, and
every value printed with ``{{ }}`` is escaped for Markdown (so a ``*``, a ``|`` or a ``</w:t>``
in an answer stays text and cannot break a table or the DOCX). French formatting (dates, euros,
durations, lists) lives here so that the three documents format things the same way.

This module imports Jinja2 at top level: only the export path imports it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    Undefined,
    UndefinedError,
    pass_eval_context,
)
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from markupsafe import Markup

from partenariat.checklist import (  # noqa: F401 - re-exported for existing callers
    CLAUSE_STATUS,
    ClauseStatus,
    _active_ids,
    _clause_models,
    checklist,
    load_clauses,
)
from partenariat.expressions import to_date
from partenariat.french import NBSP, date_fr, euros, mois, montant_en_lettres, nombre_fr, rythme

if TYPE_CHECKING:
    from partenariat.project import Project
    from partenariat.questionnaire import Question, Questionnaires

DOCUMENTS: dict[str, str] = {
    "document-de-cadrage": "Document de cadrage du partenariat",
    "checklist-convention": "Checklist de la convention de partenariat",
    "plan-de-suivi": "Plan de suivi et d'évaluation du partenariat",
    "note-interne": "Note interne : ne pas transmettre au partenaire",
}
MARKER = Markup("**À compléter**")
MARKER_TEXT = "À compléter"
SEVERITY_ORDER = {"bloquant": 0, "avertissement": 1, "conseil": 2}
SEVERITY_LABELS = {"bloquant": "Bloquant", "avertissement": "Avertissement", "conseil": "Conseil"}


# --------------------------------------------------------------------------------------------
# Templates folder


def templates_dir() -> Path:
    """The bundled templates (source checkout or installed wheel)."""
    try:
        from partenariat.resources import templates_dir as bundled
    except ImportError:  # pragma: no cover - resources.py always ships with the package
        here = Path(__file__).resolve()
        local = here.parents[2] / "templates"
        return local if local.is_dir() else here.parent / "_data" / "templates"
    return bundled()


# --------------------------------------------------------------------------------------------
# Cleaning and escaping


# Everything that is not text: C0 controls but \t and \n, DEL, C1 controls, lone surrogates and
# the two non-characters XML refuses.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPECIALS = re.compile(r"([\\`*_\[\]<>#|~^$@&{}])")
# A line start that pandoc would read as a list, a quote, a heading underline, a div or a table.
_LEADING_PUNCT = re.compile(r"^([-+>:%=!])")
_LEADING_ENUM = re.compile(r"^(\(?)(\d+|[a-zA-Z]|[ivxlcdmIVXLCDM]+)([.)])(?=\s|$)")
_SPACE_BEFORE = re.compile(r"(?<=\S)[ \t]+([:;!?»])")
_SPACE_AFTER_GUILLEMET = re.compile(r"«[ \t]+")


def clean_text(value: Any) -> list[str]:
    """Non-empty lines of ``value`` without control characters nor leading indentation."""
    text = str(value)
    text = (
        text.replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\u2028", "\n")
        .replace("\u2029", "\n")
    )
    text = _CONTROL.sub("", text).replace("\t", " ")
    lines = []
    for line in text.split("\n"):
        line = " ".join(line.split(" ")).strip()
        line = re.sub(r" {2,}", " ", line)
        if line:
            lines.append(line)
    return lines


_SPACE_PERCENT = re.compile(r"(?<=\d) ([%‰])")
_SPACE_NUMERO = re.compile(r"(?<![^\W\d_])([nN]°) (?=\w)")


def french_spacing(text: str) -> str:
    """No-break spaces before « : ; ! ? % », after « n° » and inside guillemets (typography)."""
    text = _SPACE_BEFORE.sub(NBSP + r"\1", text)
    text = _SPACE_PERCENT.sub(NBSP + r"\1", text)
    text = _SPACE_NUMERO.sub(r"\1" + NBSP, text)
    return _SPACE_AFTER_GUILLEMET.sub("«" + NBSP, text)


def _escape_line(line: str) -> str:
    line = _SPECIALS.sub(r"\\\1", line)
    line = _LEADING_PUNCT.sub(r"\\\1", line)
    line = _LEADING_ENUM.sub(
        lambda m: ("\\(" if m.group(1) else "") + m.group(2) + "\\" + m.group(3), line
    )
    return french_spacing(line)


def markdown_escape(value: Any, mode: str = "paragraph") -> str:
    """Escape ``value`` so that pandoc reads it as plain text.

    ``paragraph``: lines joined by Markdown hard breaks; ``cell``: lines joined by « ; » so that a
    pipe-table row stays on one line; ``inline``: lines joined by a space (headings, metadata).
    """
    lines = [_escape_line(line) for line in clean_text(value)]
    if mode == "cell":
        return f"{NBSP}; ".join(lines)
    if mode == "inline":
        return " ".join(lines)
    return "\\\n".join(lines)


def _is_missing(value: Any) -> bool:
    return value is None or isinstance(value, Undefined) or value in ("", [], {})


# --------------------------------------------------------------------------------------------
# French formatting


def is_periodicity(question: Question | None) -> bool:
    """A ``duree`` question that asks « how often » (id ``periodicite_…``), not « how long »."""
    return question is not None and question.periodicite


def oui_non(value: Any) -> str:
    if _is_missing(value):
        return ""
    return "Oui" if value is True or str(value).lower() in ("true", "oui", "1") else "Non"


def _lower_first(text: str) -> str:
    """« Moyens humains » → « moyens humains », but leave « RSE », « ISO 26000 » alone."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def liste_fr(items: Iterable[Any], continuer: bool = False) -> str:
    """« a, b et c »; ``continuer`` lowercases the items after the first (choice labels)."""
    values = [str(i) for i in items if not _is_missing(i)]
    if continuer:
        values = values[:1] + [_lower_first(v) for v in values[1:]]
    if not values:
        return ""
    if len(values) == 1:
        return values[0]
    return ", ".join(values[:-1]) + " et " + values[-1]


def add_months(day: dt.date, months: int) -> dt.date:
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


# --------------------------------------------------------------------------------------------
# Readable views of answers


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
        self.brut = None if _is_missing(raw) else raw
        self.question = question
        self.label = label
        self._missing = missing
        self.lignes: list[str] = self._format() if self.brut is not None else []

    def _format(self) -> list[str]:
        raw, q = self.brut, self.question
        kind = q.type if q is not None else None
        if kind == "choix":
            return [q.choice_label(raw)] if q else [str(raw)]
        if kind == "choix_multiples" or (kind is None and isinstance(raw, list)):
            values = raw if isinstance(raw, list) else [raw]
            return [q.choice_label(v) if q else str(v) for v in values]
        if kind == "oui_non" or isinstance(raw, bool):
            return [oui_non(raw)]
        if kind == "montant":
            return [euros(raw)]
        if kind == "date":
            return [date_fr(raw)]
        if kind == "duree":
            return [rythme(raw) if is_periodicity(q) else mois(raw)]
        if kind == "nombre":
            unit = f" {q.unite}" if q is not None and q.unite else ""
            return [nombre_fr(raw) + unit]
        if kind == "montants_annuels" and isinstance(raw, dict):
            return [f"{k} : {euros(v)}" for k, v in raw.items()]
        if kind == "liste" and isinstance(raw, list) and q is not None:
            return [_item_summary(item, q) for item in raw]
        if kind == "grille" or isinstance(raw, dict):
            top = f" / {nombre_fr(q.max)}" if q is not None and q.max is not None else ""
            rows = raw.items() if isinstance(raw, dict) else []
            return [f"{q.choice_label(k) if q else k} : {nombre_fr(v)}{top}" for k, v in rows]
        return [str(raw)]

    # what a template uses
    def __bool__(self) -> bool:
        return self.brut is not None

    def __str__(self) -> str:
        return self.texte

    @property
    def texte(self) -> str:
        """Plain text, one line (choices joined « a, b et c »)."""
        if self.question is not None and self.question.type == "choix_multiples":
            return liste_fr(self.lignes, continuer=True)
        if self.question is not None and self.question.type in ("grille", "montants_annuels"):
            return "\u00a0; ".join(self.lignes)
        return "\n".join(self.lignes)

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


_SUMMARY_TYPES = ("texte", "choix", "date", "montant", "duree", "nombre", "oui_non")


def _item_summary(item: Any, q: Question) -> str:
    """One line for an item of a repeated group: its short answers joined by « – »."""
    if not isinstance(item, dict):
        return str(item)
    parts = []
    for sub in q.sous_questions:
        if sub.interne and not q.interne:
            continue  # one side's note on an item of a shared list never reaches the partner
        if sub.type in _SUMMARY_TYPES and not _is_missing(item.get(sub.id)):
            parts.append(Lisible(item[sub.id], sub, "", Missing()).texte)
    return " – ".join(parts) or q.noun.nom


class _Strictness:
    def __init__(self, strict: bool) -> None:
        self.strict = strict

    def unknown(self, where: str, name: str) -> None:
        if self.strict:
            raise UndefinedError(f"question inconnue dans le modèle : {where}.{name}")


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
            if not _is_missing(self._item.get(sub_id))
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
        from partenariat.checklist import item_party

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
            return None if _is_missing(value) else value
        label = f"Étape {self._etape} – {q.label if q else name}"
        if q is not None and q.type == "liste":
            items = value if isinstance(value, list) else []
            element = q.noun.nom
            views = [
                VueElement(item, q, f"{label}, {element} {i}", self._missing, self._strictness, i)
                for i, item in enumerate(items, start=1)
            ]
            return VueListe(views, label, self._missing)
        return Lisible(value, q, label, self._missing)


class VueReponses:
    def __init__(self, steps: dict[int, VueEtape]) -> None:
        self._steps = steps

    def __getattr__(self, name: str) -> VueEtape:
        if name.startswith("etape") and name[5:].isdigit() and int(name[5:]) in self._steps:
            return self._steps[int(name[5:])]
        raise AttributeError(name)


# --------------------------------------------------------------------------------------------
# Jinja2 environment


class FrenchTypography(Extension):
    """No-break spaces before « : ; ! ? » in the templates' own text (not in tags)."""

    def filter_stream(self, stream: TokenStream) -> Iterable[Token]:
        previous = ""
        for token in stream:
            if token.type == "data":
                value = french_spacing(token.value)
                if previous == "variable_end":
                    value = re.sub(r"^[ \t]+([:;!?»])", NBSP + r"\1", value)
                yield Token(token.lineno, "data", value)
            else:
                yield token
            previous = token.type


def _finalize(value: Any) -> Any:
    if isinstance(value, StrictUndefined):
        str(value)  # raises: a name the template should not use
    if isinstance(value, Undefined):
        return MARKER
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    if value is None:
        return MARKER
    if isinstance(value, bool):
        return Markup(oui_non(value))
    return Markup(markdown_escape(value))


def _as_markup(func: Callable[[Any], str]) -> Callable[..., Markup]:
    def wrapper(value: Any, *args: Any) -> Markup:
        if isinstance(value, Lisible):
            if not value:
                return value._marker()  # listed by export with the answer's label
            value = value.brut
        if _is_missing(value):
            return MARKER
        return Markup(markdown_escape(func(value, *args), "inline"))

    wrapper.__name__ = func.__name__
    return wrapper


def _cellule(value: Any) -> Markup:
    if isinstance(value, Lisible):
        return value.cellule
    if isinstance(value, Markup):
        return Markup(str(value).replace("\\\n", f"{NBSP}; ").replace("\n", " "))
    if _is_missing(value):
        return MARKER
    if isinstance(value, bool):
        return Markup(oui_non(value))
    return Markup(markdown_escape(value, "cell"))


def _texte(value: Any) -> Markup:
    """Escape in paragraph mode (explicit form of what ``{{ }}`` does)."""
    return _finalize(value)  # type: ignore[no-any-return]


def _en_ligne(value: Any) -> Markup:
    if isinstance(value, Lisible):
        if not value:
            return value._marker()
        value = value.texte
    if _is_missing(value):
        return MARKER
    return Markup(markdown_escape(value, "inline"))


def _liste_fr_filter(items: Iterable[Any]) -> Markup:
    values = [i.texte if isinstance(i, Lisible) else i for i in items]
    text = liste_fr(values)
    return Markup(markdown_escape(text, "inline")) if text else MARKER


def _yaml_str(value: Any) -> Markup:
    """A pandoc metadata string: Markdown-escaped, then a YAML double-quoted scalar."""
    import json

    return Markup(json.dumps(markdown_escape(value, "inline"), ensure_ascii=False))


@pass_eval_context
def _join(_ctx: Any, items: Iterable[Any], sep: str = ", ") -> Markup:
    parts = [i if isinstance(i, Markup) else Markup(markdown_escape(i, "inline")) for i in items]
    return Markup(markdown_escape(sep, "inline") if sep.strip() else sep).join(parts)


def _taux(value: Any) -> str:
    """A rate stored as a fraction as French text: 0.6 → « 60 % », 0.005 → « 5 ‰ »."""
    if 0 < float(value) < 0.01:
        return f"{nombre_fr(round(float(value) * 1000, 2))}\u00a0‰"
    return f"{nombre_fr(round(float(value) * 100, 2))}\u00a0%"


def make_environment(templates: Path | None = None, strict: bool = False) -> Environment:
    """The documents' Jinja2 environment; ``strict`` makes unknown names fail (tests)."""
    env = Environment(
        loader=FileSystemLoader(str(templates or templates_dir())),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined if strict else Undefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=[FrenchTypography],
    )
    env.filters.update(
        {
            "date_fr": _as_markup(date_fr),
            "euros": _as_markup(euros),
            "en_lettres": _as_markup(montant_en_lettres),
            "mois": _as_markup(mois),
            "rythme": _as_markup(rythme),
            "oui_non": _as_markup(oui_non),
            "nombre": _as_markup(nombre_fr),
            "taux": _as_markup(_taux),
            "liste_fr": _liste_fr_filter,
            "cellule": _cellule,
            "texte": _texte,
            "en_ligne": _en_ligne,
            "yaml_str": _yaml_str,
            "e": _texte,
            "escape": _texte,
            "join": _join,
        }
    )
    env.globals["A_COMPLETER"] = MARKER
    return env


# --------------------------------------------------------------------------------------------
# Render context


@dataclass
class RenderContext:
    """Everything the templates see, plus the collector of « À compléter » items."""

    variables: dict[str, Any]
    missing: Missing
    strict: bool = False


def _vigilance(project: Project, questionnaires: Questionnaires, ctx: dict[str, Any]) -> list[Any]:
    from partenariat.rules import evaluate

    findings = evaluate(project, questionnaires, context=ctx)
    return sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f.severite, 9), f.etape, f.id))


def _ranking(
    project: Project, questionnaires: Questionnaires, ctx: dict[str, Any]
) -> list[dict[str, Any]] | None:
    """The candidates' ranking as rows for the internal note (rang, nom, note, remarque, raisons).

    Scores, reasons and exclusion motives are one organisation's deliberations: only the
    « Note interne » shows them, never a document meant for the partner.
    """
    from partenariat.french import note_sur_100
    from partenariat.selection import rank_candidates

    candidates = rank_candidates(project, questionnaires, context=ctx).candidats
    if not candidates:
        return None
    rows = []
    for c in candidates:
        remarque = "Partenaire retenu" if c.retenu else "–"
        if c.exclu:
            remarque = "Écarté"  # the motive heads the reasons listed below the table
        rows.append(
            {
                "rang": c.rang or "–",
                "nom": c.nom,
                "note": note_sur_100(c.score),
                "remarque": remarque,
                "raisons": list(c.raisons),
            }
        )
    return rows


@dataclass
class InternalAnswer:
    """One answer the organisation keeps to itself, as the « Note interne » shows it."""

    label: str
    valeur: Any  # Lisible, or VueListe for a repeated group
    liste: bool
    element: str = "élément"


@dataclass
class InternalStep:
    numero: int
    titre: str
    reponses: list[InternalAnswer]


def _internal_answers(
    project: Project,
    questionnaires: Questionnaires,
    ctx: dict[str, Any],
    lisible: dict[int, VueEtape],
) -> list[InternalStep]:
    """The active questions marked ``diffusion: interne``, step by step, with their answers."""

    active = _active_ids(project, questionnaires, ctx)
    steps: list[InternalStep] = []
    for n, quest in questionnaires.etapes.items():
        rows = [
            InternalAnswer(
                q.label, getattr(lisible[n], q.id), q.type == "liste", q.noun.nom
            )
            for q in quest.questions
            if q.interne and q.id in active.get(n, {}) and not _skipped(q, ctx.get(f"etape{n}"))
        ]
        if rows:
            steps.append(InternalStep(n, quest.titre, rows))
    return steps


def _skipped(q: Question, answers: dict[str, Any] | None) -> bool:
    """An optional question the user left empty on purpose: not « À compléter »."""
    answers = answers or {}
    return not q.obligatoire and q.id in answers and _is_missing(answers[q.id])


def is_internal_finding(finding: Any) -> bool:
    """Findings about one side's preparation (steps 1 to 3: introspection, dialogue notes,
    choice of the partner) stay in the internal note and in ``check``."""
    return int(getattr(finding, "etape", 0)) <= 3 or str(getattr(finding, "id", "")).startswith(
        "selection."
    )


def build_render_context(
    project: Project,
    questionnaires: Questionnaires,
    strict: bool = False,
    context: dict[str, Any] | None = None,
) -> RenderContext:
    """The variables of every document: answers (raw and readable), findings, calendar, clauses."""
    from partenariat.answers import build_context

    ctx = dict(context if context is not None else build_context(project, questionnaires))
    missing = Missing()
    strictness = _Strictness(strict)
    lisible: dict[int, VueEtape] = {}
    reponse: dict[int, VueEtape] = {}
    for n in range(1, 8):
        quest = questionnaires.etapes.get(n)
        questions = {q.id: q for q in quest.questions} if quest else {}
        answers = ctx.get(f"etape{n}") or {}
        lisible[n] = VueEtape(n, answers, questions, missing, strictness, raw=False)
        reponse[n] = VueEtape(n, answers, questions, missing, strictness, raw=True)

    variables: dict[str, Any] = dict(ctx)
    entreprise, association = (
        (project.organisation.nom, project.partenaire.nom)
        if project.profil == "entreprise"
        else (project.partenaire.nom, project.organisation.nom)
    )
    variables.update(
        {
            "lisible": VueReponses(lisible),
            "reponse": VueReponses(reponse),
            "parties": {
                "entreprise": Lisible(entreprise, None, "Nom de l'entreprise", missing),
                "association": Lisible(association, None, "Nom de l'association", missing),
            },
            "document": {
                "sous_titre": f"Partenariat entre {entreprise or 'une entreprise à désigner'} "
                f"et {association or 'une association à désigner'}",
                "date": date_fr(project.mis_a_jour),
                "version": f"format {project.format}, {project.outil}",
                "outil": project.outil,
                "statut": "Projet",
            },
            "vigilance_complete": _vigilance(project, questionnaires, ctx),
            "classement": _ranking(project, questionnaires, ctx),
            "severites": SEVERITY_LABELS,
            "note_interne": _internal_answers(project, questionnaires, ctx, lisible),
        }
    )
    from partenariat import tax
    from partenariat.settings import load_settings

    settings = load_settings()
    variables["finances"] = tax.finances(ctx, settings)
    year = variables["finances"]["annee_reference"]
    # Each dated figure of the convention's first year: value, source, checked date.
    # (the year whose figures are used is in the section title, not repeated on every row).
    used = settings.year_used(year)
    variables["reglages"] = {key: settings.figure(key, used) for key in settings.libelles}
    everything = variables["vigilance_complete"]
    variables["vigilance"] = [f for f in everything if not is_internal_finding(f)]
    variables["vigilance_interne"] = [f for f in everything if is_internal_finding(f)]

    def a_completer(label: str) -> Markup:
        """« À compléter » for something no single answer holds; export lists ``label``."""
        missing.add(label)
        return MARKER

    variables["a_completer"] = a_completer
    variables["clauses"] = checklist(project, questionnaires, ctx, missing, everything)
    variables["calendrier"] = follow_up_calendar(ctx)
    variables["fin_convention"] = end_of_convention(ctx)
    variables["indicateurs_par_axe"] = indicators_by_axis(lisible[7], ctx)
    return RenderContext(variables, missing, strict)


@dataclass
class RenderedDocument:
    id: str
    titre: str
    markdown: str
    missing: list[str]


def render_document(
    doc_id: str, render_context: RenderContext, env: Environment | None = None
) -> RenderedDocument:
    """Render one document; ``missing`` lists what it shows as « À compléter »."""
    if doc_id not in DOCUMENTS:
        raise KeyError(doc_id)
    env = env or make_environment(strict=render_context.strict)
    render_context.missing.labels.clear()
    template = env.get_template(f"{doc_id}.md.j2")
    text = template.render(render_context.variables)
    text = _tidy_markdown(text)
    labels = list(render_context.missing.labels)
    return RenderedDocument(doc_id, DOCUMENTS[doc_id], text, labels)


def _tidy_markdown(text: str) -> str:
    """At most one blank line in a row, no trailing spaces, one final newline."""
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and out and not out[-1]:
            continue
        out.append(line)
    return "\n".join(out).strip("\n") + "\n"


def normalise_text(text: str) -> str:
    """NFC normalisation, so that equal projects give equal bytes."""
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------------------------
# Follow-up plan: dated calendar and indicators

MAX_PERIODIC_EVENTS = 60


@dataclass
class CalendarEvent:
    date: dt.date
    evenement: str
    detail: str
    ordre: int = 5


def end_of_convention(ctx: dict[str, Any]) -> dt.date | None:
    e4 = ctx.get("etape4") or {}
    debut, duree = to_date(e4.get("date_debut")), e4.get("duree_mois")
    if debut is None or isinstance(duree, bool) or not isinstance(duree, (int, float)):
        return None
    return add_months(debut, int(duree))


def follow_up_calendar(ctx: dict[str, Any]) -> list[CalendarEvent]:
    """Dated milestones from launch to the end of the convention, in order."""
    e4, e6, e7 = (ctx.get(f"etape{n}") or {} for n in (4, 6, 7))
    debut = to_date(e4.get("date_debut"))
    lancement = to_date(e6.get("date_lancement")) or debut
    duree = e4.get("duree_mois")
    fin = (
        add_months(debut, int(duree))
        if debut and isinstance(duree, (int, float)) and not isinstance(duree, bool)
        else None
    )
    events: list[CalendarEvent] = []
    if debut:
        events.append(CalendarEvent(debut, "Entrée en vigueur de la convention", "", 0))
    if lancement:
        events.append(CalendarEvent(lancement, "Lancement opérationnel", "", 1))
    horizon = fin or (add_months(lancement, 36) if lancement else None)

    def periodic(period: Any, label: str, detail: str, ordre: int) -> None:
        if (
            not lancement
            or not horizon
            or not isinstance(period, (int, float))
            or isinstance(period, bool)
            or period < 1
        ):
            return
        for k in range(1, MAX_PERIODIC_EVENTS + 1):
            day = add_months(lancement, int(period) * k)
            if day >= horizon:
                break
            events.append(CalendarEvent(day, label, detail, ordre))

    instance = "Réunion du comité de pilotage" if e4.get("comite_pilotage") else "Réunion de suivi"
    periodic(
        e6.get("periodicite_comite_mois"), instance, "Point d'avancement, décisions d'ajustement", 4
    )
    periodic(e6.get("periodicite_reporting_mois"), "Reporting", "Envoi du rapport d'avancement", 5)

    def dated(value: Any, label: str, detail: str, ordre: int) -> None:
        day = to_date(value)
        if day is not None:
            events.append(CalendarEvent(day, label, detail, ordre))

    for bilan in e7.get("bilans_intermediaires") or []:
        if isinstance(bilan, dict):
            dated(bilan.get("date"), "Bilan intermédiaire", str(bilan.get("objet") or ""), 3)
    dated(e6.get("date_communication_externe"), "Communication externe", "", 6)
    dated(
        e7.get("date_premiers_resultats"),
        "Premiers résultats attendus",
        "Premier point sur les indicateurs",
        2,
    )
    preavis = e4.get("preavis_non_renouvellement_mois")
    if fin and isinstance(preavis, (int, float)) and not isinstance(preavis, bool):
        renouvellement = e4.get("renouvellement")
        label = {
            "tacite": "Date limite pour dénoncer la reconduction tacite",
            "expres": "Date limite pour décider du renouvellement",
        }.get(str(renouvellement), "Date limite du préavis de fin")
        events.append(
            CalendarEvent(
                add_months(fin, -int(preavis)),
                label,
                f"Préavis de {mois(preavis)} avant la fin de la convention",
                7,
            )
        )
    dated(
        e7.get("date_evaluation_finale"),
        "Évaluation finale",
        "Décision : renouveler, modifier ou mettre fin",
        8,
    )
    if fin:
        events.append(CalendarEvent(fin, "Échéance de la convention", "", 9))
    events.sort(key=lambda ev: (ev.date, ev.ordre, ev.evenement))
    return _merge_meeting_and_reporting(events)


def _merge_meeting_and_reporting(events: list[CalendarEvent]) -> list[CalendarEvent]:
    """A meeting and a report due the same day make one row: the report is presented there."""
    merged: list[CalendarEvent] = []
    for ev in events:
        previous = merged[-1] if merged else None
        if previous and previous.date == ev.date and (previous.ordre, ev.ordre) == (4, 5):
            merged[-1] = CalendarEvent(
                ev.date,
                f"{previous.evenement} et reporting",
                "Rapport d'avancement présenté en réunion, décisions d'ajustement",
                4,
            )
        else:
            merged.append(ev)
    return merged


AXES = (
    ("impact_societe", "Impact sur la société et les bénéficiaires", "impact_societe"),
    ("valeur_entreprise", "Valeur du partenariat pour l'entreprise", "valeur_organisations"),
    ("valeur_association", "Valeur du partenariat pour l'association", "valeur_organisations"),
    ("couts_benefices", "Coûts et bénéfices du partenariat", "couts_benefices"),
)


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
    known = {a[0] for a in AXES}
    for axe, libelle, perimetre in AXES:
        mine = [i for i in items if i.brut("axe") == axe]
        if mine or perimetre in scope:
            result.append(AxisIndicators(axe, libelle, mine, perimetre in scope))
    others = [i for i in items if i.brut("axe") not in known]
    if others:
        result.append(AxisIndicators("autre", "Autres indicateurs", others, False))
    return result
