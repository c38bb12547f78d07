"""questionary speaks English in two places it offers no setting for: the summary of a finished
multi-select and menus that ignore Ctrl-D. Patched here, in one place, so that every screen the
wizard shows stays French and every prompt stops on Ctrl-C and Ctrl-D alike.
"""

from __future__ import annotations

import re
from typing import Any


def french_checkbox_summary(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """questionary sums up a finished multi-select as « done (N selections) »: said in French."""
    out = []
    for style, text in tokens:
        if style == "class:answer":
            if text == "done":
                text = "aucune case cochée"
            else:
                m = re.fullmatch(r"done \((\d+) selections\)", text)
                if m:
                    text = f"{m.group(1)} cases cochées"
        out.append((style, text))
    return out


def install_french_checkbox() -> None:
    """Wrap the layout builder questionary's checkbox calls so that its prompt tokens pass
    through ``french_checkbox_summary``: the library offers no setting for that sentence."""
    from questionary.prompts import checkbox, common

    original = common.create_inquirer_layout
    if getattr(original, "_partenariat_french", False):
        return

    def layout(ic: Any, get_prompt_tokens: Any, **kwargs: Any) -> Any:
        return original(ic, lambda: french_checkbox_summary(get_prompt_tokens()), **kwargs)

    layout._partenariat_french = True  # type: ignore[attr-defined]
    checkbox.common.create_inquirer_layout = layout  # type: ignore[attr-defined]


def bind_ctrl_d(question: Any) -> None:
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    bindings = KeyBindings()

    @bindings.add("c-d")
    def _stop(event: Any) -> None:
        event.app.exit(exception=EOFError())

    app = question.application
    own = app.key_bindings

    # Échap puis Entrée validates a long text; on a menu prompt_toolkit would end it with an
    # empty answer (saved as « '' »): there it does what Entrée does.
    @bindings.add("escape", "enter")
    def _enter(event: Any) -> None:
        enter = [b for b in own.get_bindings_for_keys(("c-m",)) if b.keys == ("c-m",)] if own else []
        if enter:
            enter[-1].handler(event)

    app.key_bindings = (
        merge_key_bindings([app.key_bindings, bindings]) if app.key_bindings else bindings
    )
