"""One field of a form: its prompt_toolkit widget (text, menu or boxes), how to read it back as
an answer checked by the values registry, and whether the person gave it (changed what it
showed, or validated it with Entrée) — what an interrupted form saves."""

from __future__ import annotations

from typing import Any

from partenariat.questionnaire import Question
from partenariat.screens import Screen
from partenariat.values import AnswerError, check_value, parse_text_answer

UNDECIDED = "__a_choisir__"
SKIP = "__passer__"
REQUIRED = "Une réponse est nécessaire."
CHOOSE = "Choisissez une réponse (flèches puis Entrée)."


class _Field:
    """One question's widget in one block, and how to read it back as an answer."""

    def __init__(
        self, q: Question, start: Any, screen: Screen, on_enter: Any, saved: Any = None
    ) -> None:
        from prompt_toolkit.widgets import CheckboxList, RadioList, TextArea

        self.q = q
        self.saved = saved  # the answer already in the project file, if any
        self.widget: Any
        if q.type in ("choix", "oui_non"):
            allowed = screen.allowed.get(q.id)
            if q.type == "oui_non":
                options: list[tuple[Any, str]] = [(True, "Oui"), (False, "Non")]
            else:
                options = [
                    (c.valeur, c.libelle)
                    for c in q.choices_for(screen.profil)
                    if allowed is None or c.valeur in allowed
                ]
            if not q.obligatoire:
                options.append((SKIP, "— Passer (sans réponse)"))
            if start is None or start not in [v for v, _ in options]:
                options.insert(0, (UNDECIDED, "— à choisir"))
                start = UNDECIDED
            self.widget = RadioList(
                options, default=start, select_on_focus=True, show_scrollbar=False
            )
        elif q.type == "choix_multiples":
            allowed = screen.allowed.get(q.id)
            options = [
                (c.valeur, c.libelle)
                for c in q.choices_for(screen.profil)
                if allowed is None or c.valeur in allowed
            ]
            chosen = list(start) if isinstance(start, list) else []
            self.widget = CheckboxList(options, default_values=chosen)
            self.widget.show_scrollbar = False
        if q.type in ("choix", "oui_non", "choix_multiples"):
            self._enter_moves_on(on_enter)
        else:
            from partenariat.values import as_input

            long = q.type == "texte_long"
            self.widget = TextArea(
                text="" if start is None else as_input(q, start),
                multiline=long,
                wrap_lines=True,
                height=None if long else 1,
                prompt="› ",
                accept_handler=None if long else on_enter,
            )
            if long:
                from prompt_toolkit.layout.dimension import Dimension

                self.widget.window.height = Dimension(min=2, max=6)
        self.initial = self.raw()
        self.accepted = False  # left with Entrée: what it shows (a default) is given

    def raw(self) -> Any:
        """What the widget holds, unread: to tell a field the person changed."""
        if self.q.type in ("choix", "oui_non"):
            return self.widget.current_value
        if self.q.type == "choix_multiples":
            return list(self.widget.current_values)
        return self.widget.text

    def touched(self) -> bool:
        return self.accepted or bool(self.raw() != self.initial)

    def blank(self) -> bool:
        return self.raw() in ("", [], UNDECIDED) or not str(self.raw()).strip()

    def raw_text(self) -> str:
        raw = self.raw()
        return raw if isinstance(raw, str) else str(raw)

    def _enter_moves_on(self, on_enter: Any) -> None:
        """In a menu, Entrée keeps the line under the cursor and goes to the next field, as in
        a text field (the menu's own Entrée would only select; Espace still ticks a box)."""
        radio = self.q.type != "choix_multiples"

        def _enter(event: Any) -> None:
            if radio:
                self.widget._handle_enter()  # the line under the cursor, even after a letter
            on_enter(None)

        bindings: Any = self.widget.control.key_bindings
        bindings.add("enter")(_enter)  # added last: it wins over the menu's own Entrée

    def read(self, profil: str) -> Any:
        """The answer, or AnswerError with the French message to show under the field."""
        q = self.q
        if q.type in ("choix", "oui_non"):
            value = self.widget.current_value
            if value == UNDECIDED:
                raise AnswerError(CHOOSE)
            return None if value == SKIP else value
        if q.type == "choix_multiples":
            chosen = list(self.widget.current_values)
            if not chosen:
                if q.obligatoire:
                    raise AnswerError("Cochez au moins une case (Espace).")
                return None
            return check_value(q, chosen, profil)
        value = parse_text_answer(q, self.widget.text)
        if value is None and q.obligatoire:
            raise AnswerError(REQUIRED)
        return value

    def peek(self, profil: str) -> Any:
        """The answer as far as it reads now (for live conditions); None while unreadable."""
        try:
            return self.read(profil)
        except AnswerError:
            return None
