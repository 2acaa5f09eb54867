"""Turning plain content text into Markdown that shows exactly that text."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote

from sitegen.core.inline import plain_text, split_parts

# Characters that make Python-Markdown produce markup inline, escaped with a backslash.
# All of them are in Python-Markdown's ESCAPED_CHARS, so the backslash disappears when rendered.
_INLINE = "\\`*_{}[]()!#+-.>"
_WHITESPACE = re.compile(r"\s+")
# One pass over the text: `&` and `<` as HTML references, the inline characters with a backslash.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", **{character: "\\" + character for character in _INLINE}})


def _escape(value: str) -> str:
    return value.translate(_ESCAPES)


def text(value: str) -> str:
    """Escape a plain-text field so Markdown renders it literally, as one paragraph.

    The one markup a text may hold, `[phrase]{lang=xx}` (see inline.py), becomes a span with `lang`."""
    value = " ".join(value.split())  # the same whitespace as \s: every Unicode space
    out = []
    for part in split_parts(value):
        if part.lang is None:
            out.append(_escape(part.text))
        else:
            out.append(f'<span lang="{part.lang}">{_escape(part.text)}</span>')
    return "".join(out)


def front_matter_string(value: str) -> str:
    """A YAML scalar for front matter: JSON strings are valid YAML, and safe for any text.

    The theme puts front matter titles and descriptions into HTML as they are (also into
    attributes), so the text is HTML-escaped here (see html_text)."""
    return json.dumps(html_text(value), ensure_ascii=False)


def html_text(value: str) -> str:
    """A text as one line of HTML-escaped plain text, quotes included: for places where the theme
    puts it into HTML text or attributes without escaping it (titles, navigation)."""
    return html.escape(plain_line(value))


def html_parts(value: str) -> str:
    """A text as one line of HTML, its phrases in another language in `<span lang>`: html_text with the
    markup kept, for the places outside the page content that can hold it (navigation, table of contents)."""
    value = _WHITESPACE.sub(" ", value).strip()
    return "".join(html.escape(part.text) if part.lang is None else
                   f'<span lang="{part.lang}">{html.escape(part.text)}</span>' for part in split_parts(value))


def plain_line(value: str) -> str:
    """A text as a reader sees it outside the page content: language markup removed, one line."""
    return _WHITESPACE.sub(" ", plain_text(value)).strip()


# Characters a link target keeps as they are: RFC 3986's unreserved and reserved characters, and
# "%" (addresses may be encoded already). Everything else is percent-encoded as UTF-8.
_URL_SAFE = "-._~:/?#@!$&'()*+,;=%"


def link_target(url: str) -> str:
    """A Markdown link target for a validated address (model.Url, or mailto: and a model.Email).

    It is written in angle brackets, in which only `>`, `<` and line breaks end it; those, spaces,
    backslashes (Markdown escapes), backticks (code spans), brackets and any other character
    outside `_URL_SAFE` are percent-encoded, so no address can end the link early or start markup."""
    return "<" + quote(url, safe=_URL_SAFE) + ">"


def script_json(value) -> str:
    """JSON to be written into a <script> element: `<`, `>` and `&` as \\u escapes, so that no
    text can end the element (`</script>`) or open a comment in it; U+2028 and U+2029 too, which
    older JavaScript does not allow in strings."""
    text = json.dumps(value, ensure_ascii=False)
    for character in "<>&\u2028\u2029":
        text = text.replace(character, f"\\u{ord(character):04x}")
    return text
