"""Turn an analysed project into Markdown documents through Jinja2 templates.

The renderer receives an ``analysis.Analysis`` (answers, findings, ranking, calendar, computed
once) and only shapes it for the templates: it never runs a rule or a ranking itself. Answers are
data typed by people, never template code: they only reach a template as values, and every value
printed with ``{{ }}`` is escaped for Markdown (``markdown``); readable views of the answers are in
``views``, French formatting in ``french``.

This module imports Jinja2 at top level: only the export path imports it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import (
    Environment,
    StrictUndefined,
    Undefined,
    pass_eval_context,
)
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from markupsafe import Markup

from partenariat.checklist import (  # noqa: F401 - re-exported for existing callers
    CLAUSE_STATUS,
    ClauseStatus,
    checklist,
    with_collector,
)
from partenariat.clause_catalogue import load_clauses  # noqa: F401 - re-exported
from partenariat.french import (
    NBSP,
    date_fr,
    euros,
    is_missing,
    liste_fr,
    mois,
    montant_en_lettres,
    nombre_fr,
    note_sur_100,
    oui_non,
    rythme,
    taux_fr,
)
from partenariat.markdown import (
    MARKER,
    MARKER_TEXT,
    clean_text,
    french_spacing,
    markdown_escape,
    normalise_text,
    tidy_markdown,
    typeset,
)
from partenariat.precompiled import loader
from partenariat.schedule import (  # noqa: F401 - re-exported for templates and tests
    MAX_PERIODIC_EVENTS,
    CalendarEvent,
    end_of_convention,
    follow_up_calendar,
)
from partenariat.views import (
    AxisIndicators,
    Lisible,
    Missing,
    VueElement,
    VueEtape,
    VueListe,
    VueReponses,
    _Strictness,
    indicators_by_axis,
)
from partenariat.vocabulary import DIALOGUE_DOCUMENTS, DOCUMENTS, SEVERITY_LABELS, SEVERITY_ORDER

if TYPE_CHECKING:
    from partenariat.analysis import Analysis
    from partenariat.questionnaire import Question

__all__ = [
    "MARKER",
    "MARKER_TEXT",
    "AxisIndicators",
    "VueElement",
    "VueListe",
    "clean_text",
    "normalise_text",
]


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
# Jinja2 environment


class FrenchTypography(Extension):
    """No-break spaces before « : ; ! ? » in the templates' own text (not in tags)."""

    def filter_stream(self, stream: TokenStream) -> Iterable[Token]:
        previous = ""
        for token in stream:
            if token.type == "data":
                # the templates' own text: spacing, apostrophes and « 1er » (never an answer)
                value = typeset(french_spacing(token.value))
                if previous == "variable_end":
                    value = re.sub(r"^[ \t]+([:;!?»])", NBSP + r"\1", value)
                yield Token(token.lineno, "data", value)
            else:
                yield token
            previous = token.type


def _finalize(value: Any) -> Any:
    if type(value) is str:  # most values: an answer's text (none of the cases below)
        return Markup(markdown_escape(value))
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
        if is_missing(value):
            return MARKER
        return Markup(markdown_escape(func(value, *args), "inline"))

    wrapper.__name__ = func.__name__
    return wrapper


def _date_fr(value: Any) -> Markup:
    """A date in words; « 1er » set as a superscript (the date is the tool's text)."""
    shown = _as_markup(date_fr)(value)
    return Markup(typeset(str(shown))) if shown != MARKER else shown


def _redige(value: Any, mode: str = "inline") -> Markup:
    """Text the project wrote (clause catalogue, notes of the checklist), escaped then typeset;
    never an answer, which ``{{ }}`` prints as typed."""
    if isinstance(value, (list, tuple)):
        value = liste_fr([str(v) for v in value])
    if is_missing(value):
        return MARKER
    return Markup(typeset(markdown_escape(value, mode)))


def _cellule(value: Any) -> Markup:
    if isinstance(value, Lisible):
        return value.cellule
    if isinstance(value, Markup):
        return Markup(str(value).replace("\\\n", f"{NBSP}; ").replace("\n", " "))
    if is_missing(value):
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
    if is_missing(value):
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


@lru_cache(maxsize=4)
def make_environment(templates: Path | None = None, strict: bool = False) -> Environment:
    """The documents' Jinja2 environment; ``strict`` makes unknown names fail (tests).

    One per folder and mode, kept: it keeps the compiled templates (Jinja reloads one whose file
    changed), so a second export in the same process (``demo``, tests) does not compile again.
    The bundled templates come already compiled when the shipped modules are current
    (``precompiled``): a new process then compiles none.
    """
    env = Environment(
        loader=loader(templates or templates_dir(), bundled=templates is None),
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
            "date_fr": _date_fr,
            "redige": _redige,
            "euros": _as_markup(euros),
            "en_lettres": _as_markup(montant_en_lettres),
            "mois": _as_markup(mois),
            "rythme": _as_markup(rythme),
            "oui_non": _as_markup(oui_non),
            "nombre": _as_markup(nombre_fr),
            "taux": _as_markup(taux_fr),
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


def _ranking_rows(analysis: Analysis) -> list[dict[str, Any]] | None:
    """The candidates' ranking as rows for the internal note (rang, nom, note, remarque, raisons).

    Scores, reasons and exclusion motives are one organisation's deliberations: only the
    « Note interne » shows them, never a document meant for the partner.
    """
    candidates = analysis.ranking.candidats
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
    analysis: Analysis, ctx: dict[str, Any], lisible: dict[int, VueEtape]
) -> list[InternalStep]:
    """The active questions marked ``diffusion: interne``, step by step, with their answers."""
    questionnaires, active = analysis.questionnaires, analysis.active
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
    return not q.obligatoire and q.id in answers and is_missing(answers[q.id])


def build_render_context(analysis: Analysis, strict: bool = False) -> RenderContext:
    """The variables of every document: answers (raw and readable), findings, calendar, clauses."""
    project, questionnaires = analysis.project, analysis.questionnaires
    ctx = dict(analysis.context)
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
            "vigilance_complete": sorted(
                analysis.findings,
                key=lambda f: (SEVERITY_ORDER.get(f.severite, 9), f.etape, f.id),
            ),
            "classement": _ranking_rows(analysis),
            "severites": SEVERITY_LABELS,
            "note_interne": _internal_answers(analysis, ctx, lisible),
        }
    )
    settings = analysis.settings
    variables["finances"] = analysis.finances
    year = variables["finances"]["annee_reference"]
    # Each dated figure of the convention's first year: value, source, checked date.
    # (the year whose figures are used is in the section title, not repeated on every row).
    used = settings.year_used(year)
    variables["reglages"] = {key: settings.figure(key, used) for key in settings.libelles}
    everything = variables["vigilance_complete"]
    variables["vigilance"] = [f for f in everything if not f.interne]
    variables["vigilance_interne"] = [f for f in everything if f.interne]

    def a_completer(label: str) -> Markup:
        """« À compléter » for something no single answer holds; export lists ``label``."""
        missing.add(label)
        return MARKER

    variables["a_completer"] = a_completer
    # The levels come from the analysis, computed once; only the collector is this document's.
    variables["clauses"] = with_collector(analysis.clauses, missing)
    variables.update(analysis.calendar_variables)
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
    titles = {**DOCUMENTS, **DIALOGUE_DOCUMENTS}
    if doc_id not in titles:
        raise KeyError(doc_id)
    if doc_id in DIALOGUE_DOCUMENTS and "dialogue" not in render_context.variables:
        raise KeyError(f"{doc_id} needs the partner's file (render_context.variables['dialogue'])")
    env = env or make_environment(strict=render_context.strict)
    render_context.missing.labels.clear()
    template = env.get_template(f"{doc_id}.md.j2")
    text = template.render(render_context.variables)
    text = tidy_markdown(text)
    labels = list(render_context.missing.labels)
    return RenderedDocument(doc_id, titles[doc_id], text, labels)
