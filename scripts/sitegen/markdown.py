"""Turning plain content text into Markdown that shows exactly that text."""

from __future__ import annotations

import json
import re

# Characters that make Python-Markdown produce markup inline, escaped with a backslash.
# All of them are in Python-Markdown's ESCAPED_CHARS, so the backslash disappears when rendered.
_INLINE = re.compile(r"([\\`*_{}\[\]()!#+\-.>])")
_WHITESPACE = re.compile(r"\s+")


def text(value: str) -> str:
    """Escape a plain-text field so Markdown renders it literally, as one paragraph."""
    value = _WHITESPACE.sub(" ", value).strip()
    value = value.replace("&", "&amp;").replace("<", "&lt;")
    return _INLINE.sub(r"\\\1", value)


def front_matter_string(value: str) -> str:
    """A YAML scalar for front matter: JSON strings are valid YAML, and safe for any text."""
    return json.dumps(_WHITESPACE.sub(" ", value).strip(), ensure_ascii=False)
