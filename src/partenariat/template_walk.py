"""Short templates (rule messages, the ranking's reasons and findings) walked from their tree.

A message is text, ``{{ value }}`` and ``{% if %}…{% elif %}…{% else %}``: built into closures
from its tree's plain data as ``interpret`` builds an expression, it writes what Jinja's compiled
code writes, without running Jinja's compiler in a new process. Anything longer (loops,
assignments, macros…) is compiled by Jinja.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from partenariat.expression_trees import Refused
from partenariat.interpret import Builder, Scope, Step, empty, text_of


class TemplateBuilder(Builder):
    """A short template (text, ``{{ expression }}``, ``{% if %}…{% elif %}…{% else %}``), built
    from its tree's data like an expression: what Jinja's compiled code writes, ``str()`` of
    each value (the sandbox has no autoescape nor finalize), without generating Python code.
    Anything else (loops, assignments, macros…) is ``Refused``: Jinja compiles the template."""

    def template(self, data: Any) -> Callable[[Scope], str]:
        _, (body,) = self._fields(data, "Template")
        parts = self._body(body)

        def render(scope: Scope) -> str:
            out: list[str] = []
            for part in parts:
                part(scope, out)
            return "".join(out)

        return render

    def _body(self, body: Any) -> list[Callable[[Scope, list[str]], None]]:
        if type(body) is not list:
            raise Refused("body")
        parts = []
        for item in body:
            name, _ = self._fields(item)
            if name == "Output":
                parts.append(self._output(item))
            elif name == "If":
                parts.append(self._if(item))
            else:
                raise Refused(name)
        return parts

    def _output(self, data: Any) -> Callable[[Scope, list[str]], None]:
        _, (children,) = self._fields(data, "Output")
        if type(children) is not list:
            raise Refused("output")
        pieces: list[str | Step] = []
        for child in children:
            if type(child) is list and child[:1] == ["TemplateData"]:
                _, (text,) = self._fields(child, "TemplateData")
                pieces.append(text_of(text))
            else:
                pieces.append(self.build(child))

        def write(scope: Scope, out: list[str]) -> None:
            for piece in pieces:
                out.append(piece if type(piece) is str else str(piece(scope)))  # type: ignore[operator]

        return write

    def _if(self, data: Any) -> Callable[[Scope, list[str]], None]:
        _, (test_data, body, elifs, otherwise) = self._fields(data, "If")
        branches = [(self.build(test_data), self._body(body))]
        if type(elifs) is not list:
            raise Refused("elif")
        for branch in elifs:
            _, (test, inner, more, rest) = self._fields(branch, "If")
            empty(more)  # the parser puts every elif on the first If
            empty(rest)
            branches.append((self.build(test), self._body(inner)))
        fallback = self._body(otherwise)

        def choose(scope: Scope, out: list[str]) -> None:
            chosen = fallback
            for test, parts in branches:
                if test(scope):
                    chosen = parts
                    break
            for part in chosen:
                part(scope, out)

        return choose


class WalkedTemplate:
    """A short template walked from its tree: ``render(**variables)`` as Jinja's ``Template``."""

    def __init__(self, render: Callable[[Scope], str]) -> None:
        self._render = render

    def render(self, **variables: Any) -> str:
        return self._render(variables)


# Templates and expressions share the table of trees: a template's key cannot be an expression.
_TEMPLATE_KEY = "\0modele\0"


def compile_template(env: Any, source: str) -> Any:
    """``source`` as a template with ``render(**variables)``: walked from its tree when short
    (text, values, conditions), else compiled by Jinja (``env.from_string``).

    A new process read some eight messages and reasons per export through Jinja's compiler
    (6-7 ms); their trees are kept between runs like the expressions' (``expression_trees``).
    """
    from partenariat import expression_trees

    key = _TEMPLATE_KEY + source
    data = expression_trees.stored_data(key)
    if data is not None:
        try:
            return WalkedTemplate(TemplateBuilder(env).template(data))
        except (Refused, RecursionError, TypeError, ValueError):
            expression_trees.forget(key)
    tree = env.parse(source)
    try:
        walked = WalkedTemplate(TemplateBuilder(env).template(expression_trees.to_data(tree)))
    except (Refused, RecursionError):
        return env.from_string(source)
    expression_trees.keep_tree(key, tree)
    return walked
