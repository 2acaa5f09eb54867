"""Language of parts inside a text: `[Budyšin]{lang=hsb}` marks a phrase in another language.

Editors write it in any text field. It renders as `<span lang="hsb">Budyšin</span>`, so screen
readers pronounce the phrase in its own language (WCAG 3.1.2). The language guard and the
spell-checker look only at the parts that are in the file's own language.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# A BCP 47 tag as far as this site needs: a language, then optional script or region subtags.
LANGUAGE_TAG = r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*"
MARKUP = re.compile(r"\[([^\[\]\n]+)\]\{lang=(" + LANGUAGE_TAG + r")\}")
# Something that looks like an attempt at the markup but is not well formed, e.g. `{lang=}`.
ATTEMPT = re.compile(r"\{\s*lang\s*=")


class Part(NamedTuple):
    text: str
    lang: str | None  # None: the language of the surrounding text


def split_parts(text: str) -> list[Part]:
    """The text cut into runs: unmarked runs have lang None, marked phrases their own tag."""
    parts: list[Part] = []
    position = 0
    for match in MARKUP.finditer(text):
        if match.start() > position:
            parts.append(Part(text[position:match.start()], None))
        parts.append(Part(match.group(1), match.group(2)))
        position = match.end()
    if position < len(text) or not parts:
        parts.append(Part(text[position:], None))
    return parts


def own_text(text: str, placeholder: str = " ") -> str:
    """The text with every phrase marked as another language replaced by `placeholder`."""
    return "".join(part.text if part.lang is None else placeholder for part in split_parts(text))


def plain_text(text: str) -> str:
    """The text as a reader sees it: markup removed, marked phrases kept."""
    return "".join(part.text for part in split_parts(text))


def malformed(text: str) -> bool:
    """True when the text tries to mark a language but the markup is not well formed."""
    return bool(ATTEMPT.search(MARKUP.sub("", text)))


def markup_problem(text: str) -> str | None:
    """Why the language markup in `text` is wrong, or None when it is right (or absent)."""
    if malformed(text):
        return ("the language markup is not well formed; write the phrase in square brackets followed by "
                "its language, like [Budyšin]{lang=hsb}")
    for part in split_parts(text):
        if part.lang is not None and not _known_language(part.lang):
            return (f"'{part.lang}' in {{lang={part.lang}}} is not a known language code; use a code like "
                    "de, en, hsb, dsb, pl or cs")
    return None


def _known_language(tag: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(tag.replace("-", "_"))
        return True
    except (UnknownLocaleError, ValueError):
        return False
