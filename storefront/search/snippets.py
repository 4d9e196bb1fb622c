"""Highlighted snippets: a window of the description around the first matched words.

Whoosh's highlighter re-analyses the whole text through the stemmers for every hit, which
cost more than the search itself. Here each distinct word is analysed once per process
(memoised) and the text is scanned with a plain regular expression.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from markupsafe import Markup, escape

from storefront.search.schema import LANGUAGE_ANALYZERS

WINDOW = 180
LEAD = 60
_WORD = re.compile(r"\w+")
# The description field whose analyzer turns a written word into the indexed term.
_ANALYZER_OF = {"az": "azf", "en": "en", "ru": "ru"}


@cache
def _analyzer(language: str):
    return LANGUAGE_ANALYZERS[_ANALYZER_OF[language]]()


@lru_cache(maxsize=200_000)
def indexed_term(language: str, word: str) -> str | None:
    """The term `word` becomes in the index for `language` (None for a stop word)."""
    tokens = [token.text for token in _analyzer(language)(word)]
    return tokens[0] if tokens else None


def highlighted(text: str, terms: frozenset[str], language: str) -> Markup | None:
    """About WINDOW characters of `text` around its first matching word, matches marked."""
    if not text or not terms:
        return None
    spans = [m.span() for m in _WORD.finditer(text) if indexed_term(language, m.group()) in terms]
    if not spans:
        return None
    start = max(0, spans[0][0] - LEAD)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] else start
    end = min(len(text), start + WINDOW)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > spans[0][1] else end
    pieces = ["…" if start else ""]
    cursor = start
    for begin, finish in spans:
        if begin < start or finish > end:
            continue
        pieces += [str(escape(text[cursor:begin])), '<mark class="hl">',
                   str(escape(text[begin:finish])), "</mark>"]
        cursor = finish
    pieces += [str(escape(text[cursor:end])), "…" if end < len(text) else ""]
    return Markup("".join(pieces))


def plain(text: str) -> Markup:
    """The start of `text`, escaped, when nothing in it matched."""
    return Markup(escape(text[:WINDOW] + ("…" if len(text) > WINDOW else "")))
