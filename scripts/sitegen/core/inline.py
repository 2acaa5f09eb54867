"""Language of parts inside a text: `[Budyšin]{lang=hsb}` marks a phrase in another language.

Editors write it in any text field. It renders as `<span lang="hsb">Budyšin</span>`, so screen
readers pronounce the phrase in its own language (WCAG 3.1.2). The language guard and the
spell-checker look only at the parts that are in the file's own language.

That is the only markup a text may hold. Everything else is plain text, shown as written
(markdown.text escapes it), and `sitegen check` rejects what looks like markup of another kind,
because its author expected it to do something: HTML, Markdown links and images, autolinks and
HTML character references (see `markup_problem`). Invisible characters are refused by the loader.
"""

from __future__ import annotations

import re
import unicodedata
from html.entities import html5
from typing import NamedTuple

from sitegen.core.messages import N_, _

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
    if "]{lang=" not in text:  # most texts: no markup, one run
        return [Part(text, None)]
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
    if "]{lang=" not in text:
        return text
    return "".join(part.text for part in split_parts(text))


def malformed(text: str) -> bool:
    """True when the text tries to mark a language but the markup is not well formed."""
    return bool(ATTEMPT.search(MARKUP.sub("", text)))


def markup_problem(text: str) -> str | None:
    """Why the markup in `text` is not allowed or not well formed, or None when the text is plain
    text with at most well-formed language markup."""
    if not any(character in text for character in "<&[{"):  # nothing that could be markup
        return None
    foreign = foreign_markup(text)
    if foreign:
        return foreign
    if malformed(text):
        return _("the language markup is not well formed; write the phrase in square brackets followed by its "
                 "language, like [Budyšin]{lang=hsb}")
    for part in split_parts(text):
        if part.lang is not None and not _known_language(part.lang):
            return _("'{code}' in {{lang={code}}} is not a known language code; use a code like de, en, hsb, dsb, pl "
                     "or cs").format(code=part.lang)
    return None


# Markup of other kinds, each with what an editor is told: what was found, and what to write instead.
# Checked in this order, so that an autolink is called a link and not HTML. The messages are translated
# where they are used.
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
# `<` starts a tag, an end tag, a comment or a declaration only before a letter, `/`, `!` or `?`:
# "Kinder < 10", "a <= b" and "<3" are plain text.
_HTML = re.compile(r"<[A-Za-z/!?][^\s<>]*>?")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)?")
_LINK = re.compile(r"\[[^\[\]\n]*\]\([^)\n]*\)?")


class _References:
    """Finds character references: numeric ones, and the named ones HTML knows (so "AT&T;" is plain text).
    Every named reference is letters and digits before its `;`, so a candidate is one of those runs, looked
    up in a set: one alternation of all 2,125 names is the same search, but takes 60 ms to compile."""

    CANDIDATE = re.compile(r"&(?:#[0-9]+;|#[xX][0-9A-Fa-f]+;|([A-Za-z][A-Za-z0-9]*;))")
    NAMES = frozenset(name for name in html5 if name.endswith(";"))

    def search(self, text: str) -> re.Match | None:
        for match in self.CANDIDATE.finditer(text):
            if match.group(1) is None or match.group(1) in self.NAMES:
                return match
        return None


_REFERENCE = _References()
_FOREIGN = (
    # TRANSLATORS: {found} is the markup found in the text, in quotes, e.g. '<b>'
    (_AUTOLINK, N_("a text may not contain links, like {found} here; write the address as plain text, or put the "
                   "link into a workshop's links: list")),
    # TRANSLATORS: {found} is the markup found in the text, in quotes, e.g. '<b>'
    (_HTML, N_("a text may not contain HTML, like {found} here; write plain text, and put a space after '<' where "
               "it means 'less than'")),
    # TRANSLATORS: {found} is the markup found in the text, in quotes, e.g. '<b>'
    (_IMAGE, N_("a text may not contain images, like {found} here; remove it")),
    # TRANSLATORS: {found} is the markup found in the text, in quotes, e.g. '<b>'
    (_LINK, N_("a text may not contain Markdown links, like {found} here; write the words only, and put the link "
               "into a workshop's links: list")),
    # TRANSLATORS: {found} is the markup found in the text, in quotes, e.g. '<b>'
    (_REFERENCE, N_("a text may not contain HTML character references, like {found} here; write the character "
                    "itself")),
)


# Letters that draw nothing (Unicode's default-ignorable letters: the Hangul fillers, the Khmer
# inherent vowels) and the blank Braille pattern: a title made of them looks empty on the page.
_BLANK_LOOKING = frozenset("\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0")


def blank_problem(text: str) -> str | None:
    """Why `text` shows nothing a reader can see (no visible letter or digit), or None."""
    for character in text:
        if character.isalnum() and character not in _BLANK_LOOKING:
            return None
    blank = next((c for c in text if not c.isspace() and c in _BLANK_LOOKING), None) or next(
        (c for c in text if not c.isspace()), None)
    if blank is None:
        return _("this text has no visible letter or digit (only punctuation, spaces or blank-looking characters); "
                 "write a text a reader can see")
    # TRANSLATORS: said of a character that has no Unicode name, used as {name} in "… such as U+0080 {name}"
    name = unicodedata.name(blank, None) or _("without a name")
    # TRANSLATORS: {name} is the character's Unicode name, e.g. HANGUL FILLER
    return _("this text has no visible letter or digit (only punctuation, spaces or blank-looking characters such "
             "as U+{code} {name}); write a text a reader can see").format(code=f"{ord(blank):04X}", name=name)


def text_problem(text: str) -> str | None:
    """Why `text` cannot be published as a translated text: foreign or broken markup, or nothing visible."""
    return markup_problem(text) or blank_problem(text)


def shared_text_problem(text: str) -> str | None:
    """The same for a text every language shares, such as a contact's or a language's name: no markup at
    all, and something visible."""
    return foreign_markup(text) or blank_problem(text)


def foreign_markup(text: str) -> str | None:
    """What in `text` is markup other than language markup, said in plain words, or None."""
    for pattern, message in _FOREIGN:
        match = pattern.search(text)
        if match:
            return _(message).format(found=_quote(match.group()))
    return None


def _quote(found: str, limit: int = 40) -> str:
    return "'" + (found if len(found) <= limit else found[:limit - 1] + "…") + "'"


def _known_language(tag: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(tag.replace("-", "_"))
        return True
    except (UnknownLocaleError, ValueError):
        return False
