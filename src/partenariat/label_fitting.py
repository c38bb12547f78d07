"""Labels fitted to a width: shortened between words with « … », or wrapped on two lines.

A timeline row or bar has little room, and a title cut anywhere reads badly: a cut falls between
words, never leaves punctuation before the ellipsis, and closes any guillemet or bracket the
kept text opened, so that a reader never sees « Ateliers « Métiers du num… ».
"""

from __future__ import annotations

import re

# What an opening mark needs to close it, as written after a shortened text (« … » takes a
# no-break space before its closing mark, French typography).
_CLOSERS = {"«": "\u00a0»", "(": ")", "“": "”"}
_CLOSING = {"»": "«", ")": "(", "”": "“"}
# What a cut must not leave at its end: an opening mark, or punctuation before the ellipsis.
_DANGLING = " \u00a0\u202f«(“,;:–-"


def _spaces(text: str) -> str:
    """Runs of ordinary white space as one space; no-break spaces kept where they are."""
    return re.sub(r"[ \t\n\r\f\v]+", " ", text).strip(" ")


def _closers(text: str) -> str:
    """What closes the marks ``text`` leaves open, innermost first (« a ( b » → ") »")."""
    stack: list[str] = []
    for char in text:
        if char in _CLOSERS:
            stack.append(char)
        elif char in _CLOSING and stack and stack[-1] == _CLOSING[char]:
            stack.pop()
    return "".join(_CLOSERS[c] for c in reversed(stack))


def _cut(text: str, limit: int) -> str:
    """At most ``limit`` characters of ``text``, ending at a word boundary when there is one."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    if text[limit] != " " and " " in head:
        words = head.rsplit(" ", 1)[0]
        # A word longer than half the room is cut inside: dropping it would leave too little.
        if len(words) > limit // 2:
            head = words
    return head.rstrip(_DANGLING)


def shorten(text: str, width: int = 38, before: str = "") -> str:
    """``text`` in at most ``width`` characters, cut between words and ended by « … », with any
    guillemet or bracket it opened (or ``before`` opened) closed again: a reader never sees
    « Ateliers « Métiers du num… »."""
    text = _spaces(text)
    if len(text) <= width:
        return text
    limit = width - 1
    while True:
        head = _cut(text, limit)
        closing = _closers(before + head)
        if len(head) + 1 + len(closing) <= width or not head:
            return head + "…" + closing
        limit = len(head) - 1


def guillemet_spaces(text: str) -> str:
    """The spaces inside « … » made no-break, so that a guillemet never ends or starts a line."""
    return text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")


def two_lines(text: str, width: int) -> str:
    """``text`` on at most two lines of ``width`` characters, broken between words (a guillemet
    stays with its word), the second line shortened by :func:`shorten` if need be."""
    text = guillemet_spaces(_spaces(text))
    if len(text) <= width:
        return text
    first = _cut(text, width)
    if not first:
        return shorten(text, width)
    rest = text[len(first) :].strip()
    # The first line was cut at a space, so the rest starts with a whole word.
    return first + "\n" + shorten(rest, width, before=first)
