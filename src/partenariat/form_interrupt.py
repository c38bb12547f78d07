"""What a form keeps when Ctrl-C or Ctrl-D ends it before « Enregistrer ».

Every field the person gave on the screen is saved if it passes the checks « Enregistrer »
would run (its own reading through the values registry, then the screen's checks across
fields: ``apres`` dates, a split that adds up); a field that fails keeps its last saved answer
(or none) and is named in the message with why. A prefilled default the person neither
changed nor validated with Entrée is not an answer given: it stays unsaved, as it would be on a
question asked alone. A list
keeps its items as far as their valid fields go, as an item asked field by field does.

Saving happens once, on the interruption, rather than each time a field is left: one atomic
write per screen, and no check across fields run on a half-typed screen (a date « après » a
field not yet typed would be refused, or later answers marked « à revoir », while typing).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from partenariat.screens import Values
from partenariat.values import AnswerError

if TYPE_CHECKING:
    from partenariat.form_prompt import _Form


@dataclass
class Kept:
    """What an interrupted form saved and what it refused (French, for the message)."""

    blocks: list[Values]
    saved: list[str] = field(default_factory=list)  # « Budget », « action 2 : Intitulé, Début »
    refused: list[str] = field(default_factory=list)  # « Fin (action 2) : « … » — why »
    changed: bool = False


def _where(form: _Form, i: int) -> str:
    noun = form.screen.noun
    return "" if noun is None else noun.numero(i + 1)


def kept_answers(form: _Form) -> Kept:
    """The blocks to save: given and valid fields, saved answers where a new one fails."""
    screen, profil = form.screen, form.screen.profil
    blocks: list[Values] = []
    given: list[set[str]] = []  # per block, the fields whose value comes from this screen
    refused: dict[tuple[int, str], str] = {}
    for i, block in enumerate(form.blocks):
        visible = form._visible(i)
        values: Values = {}
        mine: set[str] = set()
        for key, f in block.items():
            if key not in visible:
                continue
            if f.saved is not None:
                values[key] = f.saved
            if not f.touched():
                continue
            try:
                value = f.read(profil)
            except AnswerError as exc:
                if not f.blank():
                    refused[(i, key)] = f"« {f.raw_text()} » : {exc}"
                continue
            if value is None and f.saved is None:
                continue  # cleared or skipped with nothing saved: nothing to write
            values[key] = value
            mine.add(key)
        blocks.append(values)
        given.append(mine)
    # The checks across fields, as « Enregistrer » runs them; a field they refuse goes back to
    # its saved answer, until the rest holds together.
    for _ in range(len(screen.fields) + 1):
        problems = {k: v for k, v in screen.check(blocks).items() if k[1] in given[k[0]]}
        if not problems:
            break
        for (i, key), message in problems.items():
            f = form.blocks[i][key]
            refused[(i, key)] = f"« {f.raw_text()} » : {message}"
            given[i].discard(key)
            if f.saved is not None:
                blocks[i][key] = f.saved
            else:
                blocks[i].pop(key, None)
    if screen.noun is None:
        # a form: only what was given here (an answer left as it was stays « à revoir »)
        kept = Kept(blocks=[{k: v for k, v in blocks[0].items() if k in given[0]}])
        kept.changed = bool(given[0])
    else:
        # a list is saved whole: its items as far as their valid fields go
        kept = Kept(blocks=[b for b in blocks if b])
        kept.changed = any(given) or len(kept.blocks) != len(screen.blocks)
    for i, mine in enumerate(given):
        labels = [f.q.label for key, f in form.blocks[i].items() if key in mine]
        if labels and screen.noun is not None:
            kept.saved.append(f"{_where(form, i)} : {', '.join(labels)}")
        else:
            kept.saved += labels
    for (i, key), why in sorted(refused.items()):
        where = _where(form, i)
        label = form.blocks[i][key].q.label + (f" ({where})" if where else "")
        kept.refused.append(f"{label} {why}")
    return kept


def interrupted_message(kept: Kept) -> str:
    """What the person reads: what was saved from the screen, what was not and why."""
    lines: list[str] = []
    if kept.saved:
        lines.append("Enregistré sur cet écran : " + " ; ".join(kept.saved) + ".")
    if kept.refused:
        lines.append("Non enregistré (à corriger à la reprise) :")
        lines += [f"  • {line}" for line in kept.refused]
    return "\n".join(lines)
