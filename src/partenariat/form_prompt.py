"""One screen, several answers: a prompt_toolkit form drawn below the text already printed.

Tab and Maj+Tab move between fields, Entrée goes to the next field (a long text takes Entrée as a
new line), arrows choose in a menu, Espace ticks a box, Échap then Entrée saves the screen. Each
field is checked when the screen is saved: a wrong date or amount is named in French under its
field and the screen stays, with what was typed. Ctrl-C and Ctrl-D leave the screen unsaved.

For a list, each item is a block of fields; « Ajouter … » checks and saves the items so far
before it opens a new block, so an interrupted list keeps every finished item.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from partenariat.errors import WizardInterrupted
from partenariat.form_fields import _Field
from partenariat.form_interrupt import interrupted_message, kept_answers
from partenariat.screens import Problems, Screen, Values
from partenariat.values import AnswerError, input_hint

if TYPE_CHECKING:
    from rich.console import Console

KEYS = (
    "Tab / Maj+Tab : champ suivant / précédent · Entrée : valider le champ · flèches : choisir · "
    "Espace : cocher · Échap puis Entrée : enregistrer l'écran · Ctrl-C : interrompre"
)
# In a form, Échap then Entrée saves the whole screen: a long text says how to move on instead.
LONG_TEXT_HINT = "Entrée : à la ligne ; Tab : champ suivant"


def _wrapped(text: str) -> str:
    """Wrapped between words to the terminal's width (prompt_toolkit would cut words)."""
    import textwrap

    from prompt_toolkit.application import get_app

    width = max(get_app().output.get_size().columns - 2, 20)
    return "\n".join(textwrap.fill(line, width) for line in text.splitlines())


class _Form:
    def __init__(self, screen: Screen) -> None:
        self.screen = screen
        self.blocks: list[dict[str, _Field]] = [self._block(values) for values in screen.blocks]
        if not self.blocks and screen.minimum > 0:
            self.blocks.append(self._block({}))
        self.problems: Problems = {}
        self.status = ""
        self.body: Any = None
        self.buttons: dict[int, list[Any]] = {}  # block index (-1: the form's) → its buttons

    def _block(self, values: Values) -> dict[str, _Field]:
        s = self.screen
        return {
            q.id: _Field(
                q, values.get(q.id, s.defaults.get(q.id)), s, self._entered, values.get(q.id)
            )
            for q in s.fields
        }

    def _entered(self, buffer: Any) -> bool:
        from prompt_toolkit.application import get_app

        layout = get_app().layout
        for block in self.blocks:
            for f in block.values():
                if layout.has_focus(f.widget):
                    f.accepted = True  # « Entrée : valider le champ »
        self.move(1)
        return True  # keep the text

    def move(self, step: int) -> None:
        """Focus the next (or previous) field, reading the conditions now rather than from the
        last drawing: keys typed ahead must land in the field that the answers call for."""
        from prompt_toolkit.application import get_app

        targets: list[Any] = []
        for i, block in enumerate(self.blocks):
            visible = self._visible(i)
            targets += [f.widget for key, f in block.items() if key in visible]
            targets += self.buttons.get(i, [])
        targets += self.buttons.get(-1, [])
        layout = get_app().layout
        here = next((k for k, t in enumerate(targets) if layout.has_focus(t)), -1)
        layout.focus(targets[(here + step) % len(targets)])

    def _visible(self, i: int) -> set[str]:
        block = self.blocks[i]
        values = {k: f.peek(self.screen.profil) for k, f in block.items()}
        return {q.id for q in self.screen.visible(values)}

    def read_all(self) -> list[Values] | None:
        """Every block's answers, or None after putting each problem under its field."""
        self.problems = {}
        result: list[Values] = []
        for i, block in enumerate(self.blocks):
            visible = self._visible(i)
            values: Values = {}
            for key, f in block.items():
                if key not in visible:
                    continue
                try:
                    values[key] = f.read(self.screen.profil)
                except AnswerError as exc:
                    self.problems[(i, key)] = str(exc)
            result.append(values)
        if not self.problems:
            self.problems = self.screen.check(result)
        if self.problems:
            count = len(self.problems)
            self.status = (
                f"{count} réponse{'s' if count > 1 else ''} à corriger (en rouge) : "
                "l'écran n'est pas encore enregistré."
            )
            return None
        self.status = ""
        return result

    def help_text(self) -> Any:
        """The help of the field being filled (and of its choices), shown under the form: what
        a question asked alone prints above it."""
        from prompt_toolkit.application import get_app

        layout = get_app().layout
        for block in self.blocks:
            for f in block.values():
                if not layout.has_focus(f.widget):
                    continue
                parts = [(f.q.aide or "").strip()]
                allowed = self.screen.allowed.get(f.q.id)
                for c in f.q.choices_for(self.screen.profil):
                    if c.aide and (allowed is None or c.valeur in allowed):
                        parts.append(f"• {c.libelle} : {c.aide.strip()}")
                return [("class:help", _wrapped("\n".join(p for p in parts if p)))]
        return []

    def first_problem(self) -> Any:
        for i, key in sorted(self.problems):
            return self.blocks[i][key].widget
        return None

    # -- layout --------------------------------------------------------------------------------
    def _row(self, i: int, key: str, f: _Field) -> Any:
        """A field's question, its widget and (after a save that failed) its problem in red;
        hidden while its condition is false."""
        from prompt_toolkit.filters import Condition
        from prompt_toolkit.layout import ConditionalContainer, FormattedTextControl, HSplit, Window
        from prompt_toolkit.widgets import Label

        def problem() -> Any:  # prompt_toolkit formatted text
            return [("class:problem", _wrapped(self.problems.get((i, key), "")))]

        # the registry's hint (« (jj/mm/aaaa) »), without its brackets: the form adds its own
        hint = LONG_TEXT_HINT if f.q.type == "texte_long" else input_hint(f.q)[1:-1]
        if not f.q.obligatoire:
            hint = (hint + " ; " if hint else "") + "facultatif"
        text = f.q.question + (f"  ({hint})" if hint else "")
        shown = ConditionalContainer(
            Window(FormattedTextControl(problem), dont_extend_height=True, wrap_lines=True),
            Condition(lambda: (i, key) in self.problems),
        )
        return ConditionalContainer(
            HSplit([Label(lambda: [("class:label", _wrapped(text))]), f.widget, shown]),
            Condition(lambda: key in self._visible(i)),
        )

    def _button(self, owner: int, text: str, handler: Any) -> Any:
        from prompt_toolkit.layout import VSplit, Window
        from prompt_toolkit.widgets import Button

        button = Button(text, handler=handler, width=len(text) + 4)
        self.buttons.setdefault(owner, []).append(button)
        return VSplit([button, Window()])

    def container(self) -> Any:
        from prompt_toolkit.filters import Condition
        from prompt_toolkit.layout import ConditionalContainer, FormattedTextControl, HSplit, Window
        from prompt_toolkit.widgets import Label

        s = self.screen
        rows: list[Any] = []
        self.buttons = {}
        for i, block in enumerate(self.blocks):
            if s.noun is not None:
                title = s.noun.numero(i + 1)
                rows.append(Label([("class:block", title[0].upper() + title[1:])]))
            rows += [self._row(i, key, f) for key, f in block.items()]
            if s.noun is not None:
                rows.append(
                    self._button(i, f"Supprimer : {s.noun.numero(i + 1)}", partial(self.remove, i))
                )
        if s.noun is not None and (s.maximum is None or len(self.blocks) < s.maximum):
            rows.append(self._button(-1, f"Ajouter {s.noun.un()}", self.add))
        rows.append(self._button(-1, "Enregistrer", self.submit))
        status = Window(
            FormattedTextControl(lambda: [("class:problem", _wrapped(self.status))]),
            dont_extend_height=True,
            wrap_lines=True,
        )
        rows.append(ConditionalContainer(status, Condition(lambda: bool(self.status))))
        return HSplit(rows)

    # -- actions -------------------------------------------------------------------------------
    def add(self) -> None:
        from prompt_toolkit.application import get_app

        done = self.read_all()
        if done is None:
            self._focus_problem()
            return
        self.screen.keep(done)
        self.blocks.append(self._block({}))
        self.rebuild()
        get_app().layout.focus(next(iter(self.blocks[-1].values())).widget)

    def remove(self, i: int) -> None:
        """Delete item ``i``; the focus moves to the item now in its place (or to « Ajouter »),
        so that a second Entrée never deletes another item nor presses a button gone."""
        from prompt_toolkit.application import get_app

        if i >= len(self.blocks):
            return
        del self.blocks[i]
        self.problems = {}
        self.rebuild()
        if self.blocks:
            target = next(iter(self.blocks[min(i, len(self.blocks) - 1)].values())).widget
        else:
            target = self.buttons[-1][0]
        get_app().layout.focus(target)

    def submit(self) -> None:
        from prompt_toolkit.application import get_app

        if len(self.blocks) < self.screen.minimum and self.screen.noun is not None:
            self.status = f"Saisissez au moins {self.screen.noun.nombre(self.screen.minimum)}."
            return
        done = self.read_all()
        if done is None:
            self._focus_problem()
            return
        get_app().exit(result=done)

    def _focus_problem(self) -> None:
        from prompt_toolkit.application import get_app

        widget = self.first_problem()
        if widget is not None:
            get_app().layout.focus(widget)

    def rebuild(self) -> None:
        self.body.content = self.container()


def ask_form(console: Console, screen: Screen, io: dict[str, Any]) -> list[Values]:
    """Print the screen's header and question, then the form; an interrupted form says what
    it saved and what it could not."""
    from rich.text import Text

    console.print()
    console.print(Text(screen.where, style="dim cyan"), soft_wrap=True)
    console.print(Text(screen.message, style="bold"))
    try:
        return run_form(screen, io)
    except WizardInterrupted as exc:
        if exc.refused or exc.saved:
            console.print("\n" + exc.saved, style="yellow", markup=False, highlight=False)
        raise


def _pane(content: Any, height: Any) -> Any:
    """A scrolling pane whose arrows (^ and v on the right) show only when the form is taller
    than the room it has: measured as it is drawn, since the room depends on the terminal."""
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.layout import ScrollablePane

    class Pane(ScrollablePane):
        scrolls = False

        def write_to_screen(self, screen: Any, mouse: Any, where: Any, *rest: Any) -> None:
            tall = self.content.preferred_height(where.width - 1, self.max_available_height)
            self.scrolls = tall.preferred > where.height
            super().write_to_screen(screen, mouse, where, *rest)

    pane = Pane(content, show_scrollbar=Condition(lambda: pane.scrolls), height=height)
    return pane


def run_form(screen: Screen, io: dict[str, Any]) -> list[Values]:
    """Show ``screen`` until it is saved; raise WizardInterrupted on Ctrl-C or Ctrl-D."""
    from prompt_toolkit.application import Application
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.layout import HSplit, Layout, Window
    from prompt_toolkit.layout.controls import FormattedTextControl
    from prompt_toolkit.layout.dimension import Dimension
    from prompt_toolkit.styles import Style

    form = _Form(screen)
    from prompt_toolkit.application import get_app

    def fitted() -> Dimension:
        """As tall as the form, never taller: below a short form no empty lines."""
        width = get_app().output.get_size().columns
        tall = form.body.content.preferred_height(width, 10000).preferred
        return Dimension(min=1, preferred=tall, max=tall)

    form.body = _pane(form.container(), fitted)
    bindings = KeyBindings()

    @bindings.add("tab")
    def _next(event: Any) -> None:
        form.move(1)

    @bindings.add("s-tab")
    def _previous(event: Any) -> None:
        form.move(-1)

    @bindings.add("escape", "enter")
    def _save(event: Any) -> None:
        form.submit()

    @bindings.add("c-c")
    def _stop(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt())

    @bindings.add("c-d")
    def _end(event: Any) -> None:
        event.app.exit(exception=EOFError())

    help_line = Window(
        FormattedTextControl(form.help_text),
        height=Dimension(max=8),
        dont_extend_height=True,
        wrap_lines=True,
    )
    footer = Window(
        FormattedTextControl(lambda: [("class:keys", _wrapped(KEYS))]),
        dont_extend_height=True,
        wrap_lines=True,
    )
    app: Application[list[Values]] = Application(
        layout=Layout(HSplit([form.body, help_line, footer])),
        key_bindings=bindings,
        style=Style.from_dict(
            {
                "label": "bold",
                "block": "bold fg:#2a7ab0 underline",
                "problem": "fg:#d00000 bold",
                "keys": "fg:#777777 italic",
                "help": "fg:#555555",
                "radio-selected": "fg:#2a7ab0 bold",
                "checkbox-selected": "fg:#2a7ab0 bold",
                "button.focused": "bg:#2a7ab0 fg:#ffffff",
                "text-area": "bg:#eeeeee fg:#000000",
            }
        ),
        full_screen=False,
        mouse_support=False,
        erase_when_done=False,
        **io,
    )
    try:
        return app.run()
    except (KeyboardInterrupt, EOFError):
        kept = kept_answers(form)
        if kept.changed:
            screen.keep(kept.blocks)  # one atomic write through the project store
        raise WizardInterrupted("Interrompu.", saved=interrupted_message(kept), refused=kept.refused) from None
