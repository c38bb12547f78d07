"""Markdown for pandoc: answers escaped so they stay text, and French no-break spaces.

Answers are typed by people: a ``*``, a ``|`` or a ``</w:t>`` in one must come out as written and
never break a table or the DOCX. Everything that turns text into Markdown lives here, apart from
the Jinja environment that applies it (``render``).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from markupsafe import Markup

from partenariat.french import NBSP

MARKER = Markup("**À compléter**")
MARKER_TEXT = "À compléter"

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
        if "  " in line:
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


_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")
_PREMIER = re.compile(r"(?<![\w^])1(er|re|ers|res)(?=[\s\u00a0\u202f.,;:)])")


def typeset(text: str) -> str:
    """French typography for the tool's own text, already escaped for Markdown: typographic
    apostrophes (pandoc's ``smart`` is off) and « 1er », « 1re » as superscripts (pandoc ``^er^``).

    Only for text the project writes (templates, clause catalogue, dates): never for an answer,
    which must come out as typed.
    """
    # (each substitution only when its character is there: the catalogue's 260 sentences)
    if "'" in text:
        text = _APOSTROPHE.sub("\u2019", text)
    return _PREMIER.sub(r"1^\1^", text) if "1" in text else text


def nest_guillemets(text: str) -> str:
    """Guillemets inside guillemets read « … “…” … »: the inner pair becomes English quotes.

    For a text the tool puts between guillemets (an action's title in a calendar line) that
    already holds some: the words stay as typed, only their nesting is marked.
    """
    if "«" not in text and "“" not in text and "”" not in text:
        return text  # nothing to nest, no inner quote to tighten (most calendar lines)
    out: list[str] = []
    depth = 0
    for ch in text:
        if ch == "«":
            out.append("«" if depth == 0 else "“")
            depth += 1
        elif ch == "»" and depth > 0:
            depth -= 1
            out.append("»" if depth == 0 else "”")
        else:
            out.append(ch)
    return re.sub("[ \u00a0\u202f]+”", "”", re.sub("“[ \u00a0\u202f]+", "“", "".join(out)))


def _escape_line(line: str) -> str:
    line = _SPECIALS.sub(r"\\\1", line)
    line = _LEADING_PUNCT.sub(r"\\\1", line)
    line = _LEADING_ENUM.sub(
        lambda m: ("\\(" if m.group(1) else "") + m.group(2) + "\\" + m.group(3), line
    )
    return french_spacing(line)


# Words (letters, digits) joined by one space or no-break space, by punctuation no rule moves
# (« , . ; : ! ? ( ) / ' ’ € – … → - », « ; : ! ? » never after a space, which French spacing
# would make no-break), starting with a letter or digit that does not open a numbered list item
# (« 1. », « a) », « iv. »): one line that no rule below changes (no control character, no
# Markdown special, no list or heading start). A document prints a thousand such values, and the
# clause catalogue's sentences: they skip the nine regular expressions.
_PLAIN = re.compile(
    r"(?!(?:\d+|[a-zA-Z]|[ivxlcdmIVXLCDM]+)[.)](?:\s|$))"
    r"[^\W_](?:[^\W_]|[,.;:!?()/'\u2019\u20ac\u2013\u2026\u2192-]|[ \u00a0\u202f](?=[^\s:;!?»%‰]))*"
)


def markdown_escape(value: Any, mode: str = "paragraph") -> str:
    """Escape ``value`` so that pandoc reads it as plain text.

    ``paragraph``: lines joined by Markdown hard breaks; ``cell``: lines joined by « ; » so that a
    pipe-table row stays on one line; ``inline``: lines joined by a space (headings, metadata).
    """
    text = str(value)
    if _PLAIN.fullmatch(text):
        return text
    lines = [_escape_line(line) for line in clean_text(text)]
    if mode == "cell":
        return f"{NBSP}; ".join(lines)
    if mode == "inline":
        return " ".join(lines)
    return "\\\n".join(lines)


def tidy_markdown(text: str) -> str:
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
