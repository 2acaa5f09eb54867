"""Turning plain content text into Markdown that shows exactly that text."""

from __future__ import annotations

import html
import json
import re

from .inline import plain_text, split_parts

# Characters that make Python-Markdown produce markup inline, escaped with a backslash.
# All of them are in Python-Markdown's ESCAPED_CHARS, so the backslash disappears when rendered.
_INLINE = re.compile(r"([\\`*_{}\[\]()!#+\-.>])")
_WHITESPACE = re.compile(r"\s+")


def _escape(value: str) -> str:
    value = value.replace("&", "&amp;").replace("<", "&lt;")
    return _INLINE.sub(r"\\\1", value)


def text(value: str) -> str:
    """Escape a plain-text field so Markdown renders it literally, as one paragraph.

    The one markup a text may hold, `[phrase]{lang=xx}` (see inline.py), becomes a span with `lang`."""
    value = _WHITESPACE.sub(" ", value).strip()
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
    attributes), so the text is HTML-escaped here, quotes included."""
    return json.dumps(html.escape(_WHITESPACE.sub(" ", plain_text(value)).strip()), ensure_ascii=False)
