"""Check loaded data against a content model and explain every problem in plain words."""

from __future__ import annotations

import datetime
import difflib
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from sitegen.core.errors import ContentError, Problem
from sitegen.core.fields import fields_by_key, model_fields_of
from sitegen.read.load import Document

M = TypeVar("M", bound=BaseModel)
# What YAML allows in a file unescaped (c-printable); everything else must be escaped in "…".
NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Characters that break a line in YAML, or that are invisible trouble; never unquoted.
LINE_BREAKS = frozenset("\n\r\x85\u2028\u2029\ufeff")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}


def validate(document: Document, model: type[M], hints: dict[str, str] | None = None) -> M:
    """Return `document.data` as an instance of `model`, or raise ContentError listing all problems.

    `hints` gives the message for fields that are unknown here for a known reason."""
    if not isinstance(document.data, dict):
        expected = f"fields like `{next(iter(_field_names(model)))}: …`"
        found = "the file is empty" if document.data is None else f"it holds {_describe(document.data)}"
        raise ContentError([document.problem((), f"expected {expected} at the top level, but {found}")])
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        problems = {_explain(document, model, detail, hints or {}) for detail in error.errors()}
        raise ContentError(sorted(problems)) from None


def _explain(document: Document, model: type[BaseModel], detail: dict[str, Any], hints: dict[str, str]) -> Problem:
    loc = tuple(detail["loc"])
    kind = detail["type"]
    # Unions report one error per alternative, with the alternative's type name in the path;
    # drop those so the location and the field name stay those of the content.
    loc = tuple(part for part in loc if not (isinstance(part, str) and "[" in part) and part not in _TYPE_LABELS)
    name = _field_label(loc)
    value = detail.get("input")
    if kind == "extra_forbidden":
        field = loc[-1]
        if field in hints:
            return document.problem(loc, hints[field])
        valid = _field_names(_model_at(model, loc[:-1]))
        close = difflib.get_close_matches(str(field), valid, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"valid fields here: {', '.join(valid)}"
        return document.problem(loc, f"unknown field '{field}'; {hint}")
    if kind == "missing":
        return document.problem(loc[:-1], f"the required field '{loc[-1]}' is missing{_in(loc[:-1])}; add it")
    if kind in ("string_type", "string_sub_type"):
        written = document.written.get(loc)
        if written is not None and isinstance(value, (bool, int, float, datetime.date)):
            # YAML 1.1 reads `no`, `on`, `0777`, `1_000`, `12:30` and `2027-03-15` as other things than text.
            reads = (f"it is {_describe(value)}" if written == str(value)
                     else f"YAML reads {written} as {_describe(value)}")
            return document.problem(loc, f"{name} must be text, but {reads}; put it in double quotes: "
                                    f"{double_quoted(written)}")
        return document.problem(loc, f"{name} must be text, but it is {_describe(value)}; {_quote_hint(value)}")
    if kind == "string_too_short":
        return document.problem(loc, f"{name} is empty; write a text or delete the field")
    if kind == "string_pattern_mismatch":
        return document.problem(loc, f"{name} is not valid ('{value}'): {_pattern_hint(loc)}")
    if kind == "list_type":
        return document.problem(loc, f"{name} must be a list with one `- ` line per entry, but it is {_describe(value)}")
    if kind == "too_short":
        return document.problem(loc, f"{name} needs at least one entry")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return document.problem(loc, f"{name} must be a group of fields (`name: value`), but it is {_describe(value)}")
    if kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        return document.problem(loc, f"{name} must be one of {expected}, not '{value}'")
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return document.problem(loc, f"{name} must be a date like 2027-03-15, not '{value}'")
    if kind == "bool_type":
        return document.problem(loc, f"{name} must be true or false, not '{value}'")
    return document.problem(loc, f"{name}: {detail['msg']}")


_TYPE_LABELS = {"constrained-str", "function-after", "function-before", "function-wrap", "function-plain"}


def _field_label(loc: tuple) -> str:
    if not loc:
        return "the file"
    if isinstance(loc[-1], int):
        owner = next((p for p in reversed(loc) if isinstance(p, str)), "the list")
        return f"entry {loc[-1] + 1} of '{owner}'"
    return f"the field '{loc[-1]}'"


def _in(loc: tuple) -> str:
    if not loc:
        return ""
    named = [p for p in loc if isinstance(p, str)]
    index = next((p for p in reversed(loc) if isinstance(p, int)), None)
    where = f" in '{named[-1]}'" if named else ""
    if index is not None:
        where += f" entry {index + 1}"
    return where


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return f"'{value}'"


def double_quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar on one line; every character a reader could stumble over is escaped."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif NON_PRINTABLE.match(ch) or ch in LINE_BREAKS:
            code = ord(ch)
            out.append(f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _quote_hint(value: Any) -> str:
    if isinstance(value, (bool, int, float, datetime.date)):
        return 'put it in double quotes, e.g. "yes", to make it text'
    if isinstance(value, (list, dict)):
        return "write the text on the same line after the colon"
    return "write a text"


def _pattern_hint(loc: tuple) -> str:
    field = next((p for p in reversed(loc) if isinstance(p, str)), "")
    return {
        "see_also": "use the short name of a workshop: lowercase letters a-z, digits and hyphens",
        "url": "a link must start with https:// (or http://) and a host name, like https://example.org/page, "
               "or be mailto: with an e-mail address; it may not contain spaces or the characters \" < > \\ ^ ` { | }",
        "email": "write an e-mail address like name@example.org, with only the letters a-z, digits and . _ % + - "
                 "before the @",
        "phone": "write a phone number like +49 355 123456, with only digits, spaces and + - / ( )",
        "code": "use a language code of two or three lowercase letters, e.g. de, en, hsb",
        "search": "use a two-letter code the search knows, e.g. de or en, or delete the field",
    }.get(field, "check the format")


def _field_names(model: type[BaseModel]) -> list[str]:
    return [spec.key for spec in model_fields_of(model)]


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel]:
    """The model class that describes the mapping found at `loc` inside `model`."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        current = fields_by_key(current)[part].inner
    return current
