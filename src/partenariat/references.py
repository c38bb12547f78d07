"""Every id that content names, checked against the questions that exist.

A misspelt id in a condition is not an error Jinja reports: an undefined name is simply false, so
the question is never asked, the rule never fires, the clause never settles. Each expression,
rule message and template is therefore parsed here with Jinja's own parser, and every name and
attribute path it reads (``etape4.duree_mois``, ``lisible.etape7.indicateurs``, a bare
``contribution_financiere`` in its own step) is looked up in the questionnaires. Problems come
back as (location, message) pairs so that each loader reports them with its file's lines, all
at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import nodes

    from partenariat.questionnaire import Question, Questionnaires

STEPS = tuple(f"etape{n}" for n in range(1, 8))
# What ``answers.base_context`` gives every expression, with the attributes it has.
BASE_NAMES: dict[str, frozenset[str] | None] = {
    "profil": None,
    "organisation": frozenset({"nom"}),
    "partenaire": frozenset({"nom"}),
    "projet": frozenset({"mis_a_jour", "cree_le", "format", "outil"}),
}
# Jinja's own globals, usable everywhere.
JINJA_GLOBALS = frozenset({"range", "dict", "lipsum", "cycler", "joiner", "namespace"})


ITEM = "[]"  # an item of a list in a path (``etape6.actions.[].responsable``)
# What a document's view of a list item offers besides its sub-questions (``views.VueElement``).
ITEM_ATTRIBUTES = frozenset({"numero", "brut"})


@dataclass(frozen=True)
class Read:
    """One name read by an expression, with the attributes taken from it and its line."""

    path: tuple[str, ...]
    line: int
    call_args: tuple[str, ...] = ()  # constant text arguments when the name is called


def _chain(node: nodes.Node) -> tuple[nodes.Name, list[str]] | None:
    """``a.b['c'].d`` → (Name a, [b, c, d]); None when the chain does not start at a name."""
    from jinja2 import nodes as n

    attrs: list[str] = []
    while True:
        if isinstance(node, n.Getattr):
            attrs.append(node.attr)
            node = node.node
        elif (
            isinstance(node, n.Getitem)
            and isinstance(node.arg, n.Const)
            and isinstance(node.arg.value, str)
        ):
            attrs.append(node.arg.value)
            node = node.node
        elif isinstance(node, n.Name):
            return node, attrs[::-1]
        else:
            return None


def _local_names(tree: nodes.Node) -> set[str]:
    """Names a template defines itself (loop variables, ``set``, macros and their arguments)."""
    from jinja2 import nodes as n

    names = {name.name for name in tree.find_all(n.Name) if name.ctx in ("store", "param")}
    names |= {macro.name for macro in tree.find_all(n.Macro)}
    for imported in tree.find_all(n.Import):
        names.add(imported.target)
    for from_import in tree.find_all(n.FromImport):
        for item in from_import.names:
            names.add(item[1] if isinstance(item, tuple) else item)
    names |= {"loop", "caller", "varargs", "kwargs"}
    return names


def reads(tree: nodes.Node, line_offset: int = 0) -> list[Read]:
    """Every outside name ``tree`` reads, with the longest attribute path, in source order."""
    from jinja2 import nodes as n

    local = _local_names(tree)
    found: list[Read] = []
    # ``{% set e4 = lisible.etape4 %}`` then ``e4.duree_mois``: read through the alias. A loop
    # over a list question (``{% for a in e6.actions %}``) makes ``a.x`` a sub-question path.
    aliases: dict[str, tuple[str, ...]] = {}

    def resolve(name: str, attrs: list[str]) -> tuple[str, ...] | None:
        if name in aliases:
            return (*aliases[name], *attrs)
        if name in local:
            return None
        return (name, *attrs)

    def alias(target: nodes.Node, value: nodes.Node, suffix: tuple[str, ...]) -> None:
        if not isinstance(target, n.Name):
            return
        chain = _chain(value)
        base = resolve(chain[0].name, chain[1]) if chain is not None else None
        if base is None:
            aliases.pop(target.name, None)
        else:
            aliases[target.name] = (*base, *suffix)

    def visit(node: nodes.Node) -> None:
        if (  # « 'duree_mois' in etape4 »: an id named as text, tested against a step
            isinstance(node, n.Compare)
            and isinstance(node.expr, n.Const)
            and isinstance(node.expr.value, str)
            and len(node.ops) == 1
            and node.ops[0].op in ("in", "notin")
        ):
            chain = _chain(node.ops[0].expr)
            path = resolve(chain[0].name, chain[1]) if chain is not None else None
            if path is not None and path[-1] in STEPS:
                found.append(Read((*path, node.expr.value), node.lineno + line_offset))
        if isinstance(node, n.Assign):
            visit(node.node)
            alias(node.target, node.node, ())
            return
        if isinstance(node, n.For):
            visit(node.iter)
            saved = dict(aliases)
            alias(node.target, node.iter, (ITEM,))
            for child in [*node.body, *([node.test] if node.test else [])]:
                visit(child)
            aliases.clear()
            aliases.update(saved)
            for child in node.else_:
                visit(child)
            return
        if isinstance(node, n.Call):
            head = _chain(node.node)
            if head is not None and not head[1] and head[0].name not in local:
                consts = tuple(
                    a.value
                    for a in node.args
                    if isinstance(a, n.Const) and isinstance(a.value, str)
                )
                found.append(Read((head[0].name,), node.lineno + line_offset, consts))
                for child in [*node.args, *node.kwargs]:
                    visit(child)
                if node.dyn_args is not None:
                    visit(node.dyn_args)
                if node.dyn_kwargs is not None:
                    visit(node.dyn_kwargs)
                return
        if isinstance(node, (n.Getattr, n.Getitem, n.Name)):
            chain = _chain(node)
            if chain is not None:
                name, attrs = chain
                path = resolve(name.name, attrs) if name.ctx == "load" else None
                if path is not None:
                    found.append(Read(path, node.lineno + line_offset))
                # The chain's own nodes are read; only non-constant subscripts remain to visit.
                inner: nodes.Node = node
                while isinstance(inner, (n.Getattr, n.Getitem)):
                    if isinstance(inner, n.Getitem):
                        visit(inner.arg)
                    inner = inner.node
                return
        for child in node.iter_child_nodes():
            visit(child)

    visit(tree)
    return found


@lru_cache(maxsize=4096)
def expression_reads(source: str) -> tuple[Read, ...]:
    """The names an expression (a ``si:``, a ``defaut_expr``…) reads; line 1 is its first line."""
    from jinja2 import TemplateSyntaxError
    from jinja2.parser import Parser

    from partenariat.expressions import environment

    parser = Parser(environment(), source, state="variable")
    expr = parser.parse_expression()
    if not parser.stream.eos:
        raise TemplateSyntaxError("chunk after expression", parser.stream.current.lineno)
    check_filters_and_tests(expr, environment())
    return tuple(reads(expr))


def check_filters_and_tests(tree: nodes.Node, env: Any) -> None:
    """Raise as Jinja's compiler would for a filter or test it does not know: parsing alone
    does not look them up, and expressions are only compiled when first evaluated."""
    from jinja2 import TemplateSyntaxError
    from jinja2 import nodes as n

    for node in [tree, *tree.find_all(n.Node)]:
        if not isinstance(node, (n.Filter, n.Test)):
            continue
        known = env.filters if isinstance(node, n.Filter) else env.tests
        if node.name not in known:
            kind = "filter" if isinstance(node, n.Filter) else "test"
            raise TemplateSyntaxError(f"No {kind} named '{node.name}'.", node.lineno)


def template_reads(source: str, env: Any = None) -> tuple[Read, ...]:
    """The names a Jinja template (a rule's message, a document) reads, with their lines.

    ``env`` is the environment the template is rendered with (its filters): the rules'
    sandbox by default, the documents' environment for a document.
    """
    from partenariat.expressions import environment

    env = env or environment()
    tree = env.parse(source)
    check_filters_and_tests(tree, env)
    return tuple(reads(tree))


# --------------------------------------------------------------------------------------------
# Resolution


def _step_questions(questionnaires: Questionnaires, step: str) -> dict[str, Question] | None:
    if step not in STEPS:
        return None
    quest = questionnaires.etapes.get(int(step[5:]))
    # A step whose file failed to load has its own errors: do not add « unknown » ones for it.
    return {q.id: q for q in quest.questions} if quest else {}


def check_answer_path(path: Iterable[str], questionnaires: Questionnaires) -> str | None:
    """``etapeN.id`` (and a sub-question of a list after it): None if it exists, else why not."""
    parts = list(path)
    if not parts:
        return "chemin vide"
    questions = _step_questions(questionnaires, parts[0])
    if questions is None:
        return f"« {parts[0]} » n'est pas une étape (etape1 à etape7)"
    if len(parts) < 2 or not questions:
        return None
    q = questions.get(parts[1])
    if q is None:
        return f"aucune question « {parts[1]} » à l'{_step_label(parts[0])}" + _did_you_mean(
            parts[1], questions
        )
    if len(parts) > 2 and q.type == "liste":
        subs = {s.id for s in q.sous_questions}
        if parts[2] not in subs:
            return f"aucune sous-question « {parts[2]} » dans « {parts[0]}.{parts[1]} »" + (
                _did_you_mean(parts[2], subs)
            )
    return None


def _step_label(step: str) -> str:
    return f"étape {step[5:]}"


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (vouliez-vous dire « {close[0]} » ?)" if close else ""


@dataclass
class Scope:
    """The names an expression may read and what each one's attributes must be."""

    questionnaires: Questionnaires
    bare: dict[str, Question]  # question ids readable by their bare name (own step, list item)
    extra: frozenset[str] = frozenset()  # other names (functions, rule helpers, variables)
    tables: frozenset[str] | None = None  # rule tables' names, when ``tables`` is in scope
    steps: bool = True  # etape1…etape7 readable

    def problems(self, found: Iterable[Read], what: str) -> Iterator[tuple[int, str]]:
        """(line, French message) for each name or attribute path that does not exist."""
        for read in found:
            message = self._problem(read)
            if message:
                yield read.line, f"{what} : {message}"

    def _problem(self, read: Read) -> str | None:
        from partenariat.expressions import FUNCTIONS

        head, attrs = read.path[0], read.path[1:]
        if self.steps and head in STEPS:
            return check_answer_path(read.path[:3], self.questionnaires)
        if head in BASE_NAMES:
            allowed = BASE_NAMES[head]
            if attrs and allowed is not None and attrs[0] not in allowed:
                return f"« {head}.{attrs[0]} » n'existe pas ({', '.join(sorted(allowed))})"
            return None
        if head in self.bare:
            q = self.bare[head]
            if attrs and q.type == "liste" and attrs[0] not in {s.id for s in q.sous_questions}:
                return f"aucune sous-question « {attrs[0]} » dans « {head} »"
            return None
        if head == "tables" and self.tables is not None:
            if attrs and attrs[0] not in self.tables:
                return f"aucune table « {attrs[0]} » (tables : {', '.join(sorted(self.tables))})"
            return None
        if head == "statuts" and "statuts" in self.extra:
            if attrs and attrs[0] not in STEPS:
                return f"« statuts.{attrs[0]} » : etape1 à etape7 attendu"
            return None
        if head == "libelle" and "libelle" in self.extra:
            if read.call_args:
                problem = check_answer_path(read.call_args[0].split("."), self.questionnaires)
                if problem:
                    return f"libelle('{read.call_args[0]}') : {problem}"
            return None
        if head in FUNCTIONS or head in JINJA_GLOBALS or head in self.extra:
            return None
        known = [*self.bare, *self.extra, *BASE_NAMES, *(STEPS if self.steps else ())]
        return f"nom inconnu « {head} »" + _did_you_mean(head, known)


def question_scope(
    questionnaires: Questionnaires, etape: int, parent: Question | None = None
) -> Scope:
    """What a question's ``si``/``defaut_expr``/``choix_parmi`` sees (``answers.step_scope``)."""
    quest = questionnaires.etapes.get(etape)
    bare = {q.id: q for q in quest.questions} if quest else {}
    if parent is not None:
        bare = {**bare, **{s.id: s for s in parent.sous_questions}}
    return Scope(questionnaires, bare)


def check_questionnaires(
    questionnaires: Questionnaires,
) -> dict[int, list[tuple[tuple[str | int, ...], str]]]:
    """Per step: (location in the file, message) for every name its expressions read in vain."""
    result: dict[int, list[tuple[tuple[str | int, ...], str]]] = {}
    for n, quest in questionnaires.etapes.items():
        errors: list[tuple[tuple[str | int, ...], str]] = []
        for i, q in enumerate(quest.questions):
            scope = question_scope(questionnaires, n)
            errors += _question_problems(q, ("questions", i), scope)
            errors += _default_problems(q, ("questions", i), scope, q.interne)
            for j, sub in enumerate(q.sous_questions):
                loc = ("questions", i, "sous_questions", j)
                inner = question_scope(questionnaires, n, q)
                errors += _question_problems(sub, loc, inner)
                errors += _default_problems(sub, loc, inner, q.interne or sub.interne, q)
        if errors:
            result[n] = errors
    return result


def _question_problems(
    q: Question, loc: tuple[str | int, ...], scope: Scope
) -> list[tuple[tuple[str | int, ...], str]]:
    from jinja2 import TemplateSyntaxError

    errors: list[tuple[tuple[str | int, ...], str]] = []
    for field in ("si", "defaut_expr", "choix_parmi"):
        source = getattr(q, field)
        if not source:
            continue
        try:
            found = expression_reads(source)
        except TemplateSyntaxError:
            continue  # reported by the syntax check
        for _line, message in scope.problems(found, f"question « {q.id} », {field}"):
            errors.append(((*loc, field), message))
    return errors


def _default_problems(
    q: Question,
    loc: tuple[str | int, ...],
    scope: Scope,
    interne: bool,
    parent: Question | None = None,
) -> list[tuple[tuple[str | int, ...], str]]:
    """Defaults that would decide for the person, or carry an internal answer to the partner.

    A yes/no default puts the cursor on « Oui » or « Non »: pressing Entrée would settle a clause
    or a commitment nobody thought about, so yes/no questions start undecided. And a shareable
    question whose computed default copies an internal answer (``diffusion: interne``) would,
    once the default is accepted, send to the partner what the organisation keeps to itself."""
    from jinja2 import TemplateSyntaxError

    errors: list[tuple[tuple[str | int, ...], str]] = []
    if q.type == "oui_non":
        for field in ("defaut", "defaut_expr"):
            if getattr(q, field) is not None:
                errors.append(
                    (
                        (*loc, field),
                        f"question « {q.id} » : une question oui/non n'a pas de valeur par "
                        "défaut (Entrée déciderait à la place de la personne) ; retirez "
                        f"« {field} »",
                    )
                )
    if interne:
        return errors
    copied: list[tuple[tuple[str, ...], str]] = []
    if q.reprise:
        copied.append((tuple(q.reprise.split(".")), "reprise"))
    if q.defaut_expr:
        with suppress(TemplateSyntaxError):  # a syntax error is reported by its own check
            copied += [(path, "defaut_expr") for path in copied_paths(q.defaut_expr)]
    for path, field in copied:
        source = _internal_source(path, scope, parent)
        if source:
            errors.append(
                (
                    (*loc, field),
                    f"question « {q.id} », {field} : reprend « {source} », une réponse interne "
                    "(diffusion: interne) ; une question transmise au partenaire ne peut pas la "
                    "reprendre",
                )
            )
    return errors


def copied_paths(source: str) -> list[tuple[str, ...]]:
    """The answers whose value an expression can hand back as it is (its result, a branch of
    ``a if c else b``, an operand of ``or``, a filtered or concatenated value). A name read only
    to decide (a test, a comparison) or to compute (a function's argument: ``ajouter_mois``) is
    not copied: the default is then the tool's own figure, not someone's answer."""
    from jinja2 import nodes as n
    from jinja2.parser import Parser

    from partenariat.expressions import FUNCTIONS, environment

    parser = Parser(environment(), source, state="variable")
    tree = parser.parse_expression()
    found: list[tuple[str, ...]] = []

    def visit(node: n.Node) -> None:
        if isinstance(node, (n.Name, n.Getattr, n.Getitem)):
            chain = _chain(node)
            if chain is not None and chain[0].ctx == "load":
                found.append((chain[0].name, *chain[1]))
            return
        if isinstance(node, n.CondExpr):
            parts: list[n.Node | None] = [node.expr1, node.expr2]
        elif isinstance(node, (n.Or, n.And, n.Add, n.Concat, n.List, n.Tuple, n.Filter)):
            parts = list(node.iter_child_nodes())
        elif isinstance(node, n.Call):
            head = _chain(node.node)
            if head is not None and head[0].name in FUNCTIONS:
                return
            parts = list(node.iter_child_nodes())
        else:  # comparisons, tests, « not », constants: nothing copied
            return
        for part in parts:
            if part is not None:
                visit(part)

    visit(tree)
    return found


def _internal_source(path: tuple[str, ...], scope: Scope, parent: Question | None) -> str | None:
    """The answer ``path`` names, when it is internal (itself, or a sub-question of an internal
    list); None otherwise."""
    head = path[0]
    if head in STEPS and len(path) > 1:
        questions = _step_questions(scope.questionnaires, head) or {}
        target = questions.get(path[1])
        name = f"{head}.{path[1]}"
    elif head in scope.bare:
        target = scope.bare[head]
        name = head
        if parent is not None and target in parent.sous_questions and parent.interne:
            return name
    else:
        return None
    if target is None:
        return None
    if target.interne:
        return name
    if target.type == "liste" and len(path) > 2 and path[2] != ITEM:
        sub = next((s for s in target.sous_questions if s.id == path[2]), None)
        if sub is not None and sub.interne:
            return f"{name}.{sub.id}"
    return None


def rule_scope(
    questionnaires: Questionnaires, tables: dict[str, Any], variables: Iterable[str]
) -> Scope:
    """What a rule's expressions and messages see (``rules._scope`` plus its own variables)."""
    extra = frozenset(
        {
            "tables",
            "correspondances",
            "libelle",
            "selection",
            "statuts",
            "date_fr",
            "montant_fr",
            "duree_fr",
            "finances",
            "reglages",
            "source_reglage",
        }
        | set(variables)
    )
    return Scope(questionnaires, {}, extra, frozenset(tables), steps=True)
