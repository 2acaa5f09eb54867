"""Check loaded data against a content model and explain every problem in plain words."""

from __future__ import annotations

import datetime
import difflib
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from sitegen.core.errors import ContentError, Problem
from sitegen.core.fields import fields_by_key, model_fields_of
from sitegen.core.messages import CATALOGS, _
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
        first = next(iter(_field_names(model)))
        if document.data is None:
            message = _("expected fields like `{field}: …` at the top level, but the file is empty").format(
                field=first)
        else:
            message = _("expected fields like `{field}: …` at the top level, but it holds {value}").format(
                field=first, value=_describe(document.data))
        raise ContentError([document.problem((), message)])
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        problems = {_explain(document, model, detail, hints or {}) for detail in error.errors()}
        raise ContentError(sorted(problems)) from None


def _explain(document: Document, model: type[BaseModel], detail: dict[str, Any], hints: dict[str, str]) -> Problem:
    loc = tuple(detail["loc"])
    kind = detail["type"]
    loc = _content_path(document.data, loc)
    name = _field_label(loc)
    value = detail.get("input")
    if kind == "extra_forbidden":
        field = loc[-1]
        if field in hints:
            return document.problem(loc, hints[field])
        valid = _field_names(_model_at(model, loc[:-1]))
        close = difflib.get_close_matches(str(field), valid, n=1, cutoff=0.6)
        if close:
            return document.problem(loc, _("unknown field '{field}'; did you mean '{close}'?").format(
                field=field, close=close[0]))
        return document.problem(loc, _("unknown field '{field}'; valid fields here: {fields}").format(
            field=field, fields=", ".join(valid)))
    if kind == "missing":
        return document.problem(loc[:-1], _missing(loc[-1], loc[:-1]))
    if kind in ("string_type", "string_sub_type"):
        written = document.written.get(loc)
        if written is not None and isinstance(value, (bool, int, float, datetime.date)):
            # YAML 1.1 reads `no`, `on`, `0777`, `1_000`, `12:30` and `2027-03-15` as other things than text.
            if written == str(value):
                message = _("{name} must be text, but it is {value}; put it in double quotes: {quoted}")
            else:
                message = _("{name} must be text, but YAML reads {written} as {value}; put it in double quotes: "
                            "{quoted}")
            return document.problem(loc, message.format(name=name, value=_describe(value), written=written,
                                                        quoted=double_quoted(written)))
        return document.problem(loc, _("{name} must be text, but it is {value}; {hint}").format(
            name=name, value=_describe(value), hint=_quote_hint(value)))
    if kind == "string_too_short":
        return document.problem(loc, _("{name} is empty; write a text or delete the field").format(name=name))
    if kind == "string_pattern_mismatch":
        return document.problem(loc, _("{name} is not valid ('{value}'): {hint}").format(
            name=name, value=value, hint=_pattern_hint(loc)))
    if kind == "list_type":
        return document.problem(loc, _("{name} must be a list with one `- ` line per entry, but it is {value}").format(
            name=name, value=_describe(value)))
    if kind == "too_short":
        return document.problem(loc, _("{name} needs at least one entry").format(name=name))
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return document.problem(loc, _("{name} must be a group of fields (`name: value`), but it is {value}").format(
            name=name, value=_describe(value)))
    if kind == "literal_error":
        expected = _choices(detail.get("ctx", {}).get("expected", ""))
        return document.problem(loc, _("{name} must be one of {expected}, not '{value}'").format(
            name=name, expected=expected, value=value))
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return document.problem(loc, _("{name} must be a date like 2027-03-15, not '{value}'").format(
            name=name, value=value))
    if kind == "bool_type":
        return document.problem(loc, _("{name} must be true or false, not '{value}'").format(name=name, value=value))
    return document.problem(loc, f"{name}: {detail['msg']}")  # pydantic's own words: no kind sitegen's models use


_TYPE_LABELS = {"constrained-str", "function-after", "function-before", "function-wrap", "function-plain"}


def _content_path(data: Any, loc: tuple) -> tuple:
    """`loc` without the type names of union alternatives (unions report one error per alternative, with its
    type name in the path), so the location and the field name stay those of the content. A key the file
    holds is never taken for a type name, however it is spelled (`0[`)."""
    path, current = [], data
    for part in loc:
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        elif isinstance(part, str) and ("[" in part or part in _TYPE_LABELS):
            continue
        else:
            current = None
        path.append(part)
    return tuple(path)


# The noun phrases below are the subject ({name}) or the value ({value}) of the messages above; each is a
# whole phrase, so that a language can decline it as it needs.
def _field_label(loc: tuple) -> str:
    """The value at `loc`, named as the subject of a message: "the field 'title'", "entry 2 of 'goals'"."""
    if not loc:
        # TRANSLATORS: a noun phrase, the subject {name} of messages like "{name} must be text, but it is …"
        return _("the file")
    if isinstance(loc[-1], int):
        owner = next((p for p in reversed(loc) if isinstance(p, str)), None)
        if owner is None:
            # TRANSLATORS: a noun phrase, the subject {name} of messages like "{name} must be text, but it is …"
            return _("entry {number} of 'the list'").format(number=loc[-1] + 1)
        # TRANSLATORS: a noun phrase, the subject {name} of messages like "{name} must be text, but it is …";
        # {list} is the name of a field holding a list
        return _("entry {number} of '{list}'").format(number=loc[-1] + 1, list=owner)
    # TRANSLATORS: a noun phrase, the subject {name} of messages like "{name} must be text, but it is …"
    return _("the field '{field}'").format(field=loc[-1])


def _missing(field: str, loc: tuple) -> str:
    """The message about the required field `field` missing in the group of fields at `loc`."""
    named = [p for p in loc if isinstance(p, str)]
    index = next((p for p in reversed(loc) if isinstance(p, int)), None)
    if named and index is not None:
        # TRANSLATORS: {owner} is the field holding the list, {number} the position of the entry in it
        return _("the required field '{field}' is missing in '{owner}' entry {number}; add it").format(
            field=field, owner=named[-1], number=index + 1)
    if named:
        return _("the required field '{field}' is missing in '{owner}'; add it").format(field=field, owner=named[-1])
    if index is not None:
        return _("the required field '{field}' is missing in entry {number}; add it").format(field=field,
                                                                                       number=index + 1)
    return _("the required field '{field}' is missing; add it").format(field=field)


def _describe(value: Any) -> str:
    """A value read from the file, as a noun phrase: "the number 5", "a list"."""
    if value is None:
        # TRANSLATORS: a value found in the file, used as {value} in "{name} must be text, but it is {value}"
        return _("empty")
    if isinstance(value, bool):
        # TRANSLATORS: a value found in the file, used as {value} in "{name} must be text, but it is {value}"
        return _("the yes/no value {value}").format(value=str(value).lower())
    if isinstance(value, (int, float)):
        # TRANSLATORS: a value found in the file, used as {value} in "{name} must be text, but it is {value}"
        return _("the number {value}").format(value=value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        # TRANSLATORS: a value found in the file, used as {value} in "{name} must be text, but it is {value}"
        return _("the date {date}").format(date=value.isoformat())
    if isinstance(value, list):
        # TRANSLATORS: a value found in the file, used as {value} in "{name} must be text, but it is {value}"
        return _("a list")
    if isinstance(value, dict):
        # TRANSLATORS: a value found in the file, used as {value} in "{name} must be text, but it is {value}"
        return _("a group of fields")
    return f"'{value}'"


def _choices(expected: str) -> str:
    """Pydantic's list of the allowed values ("'draft' or 'reviewed'", "'a', 'b' or 'c'"), its "or" in the
    language of the messages."""
    choices = re.findall(r"'[^']*'", expected)
    if len(choices) < 2 or f"{', '.join(choices[:-1])} or {choices[-1]}" != expected:
        return expected
    # TRANSLATORS: the end of a list of allowed values: {choices} is "'a'" or "'a', 'b'", {last} the last one
    return _("{choices} or {last}").format(choices=", ".join(choices[:-1]), last=choices[-1])


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
        # TRANSLATORS: the advice at the end of "{name} must be text, but it is {value}; {hint}"
        return _('put it in double quotes, e.g. "yes", to make it text')
    if isinstance(value, (list, dict)):
        # TRANSLATORS: the advice at the end of "{name} must be text, but it is {value}; {hint}"
        return _("write the text on the same line after the colon")
    # TRANSLATORS: the advice at the end of "{name} must be text, but it is {value}; {hint}"
    return _("write a text")


def _pattern_hint(loc: tuple) -> str:
    """What the value of the field at `loc` must look like: the end of "{name} is not valid ('…'): {hint}"."""
    field = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if field == "see_also":
        # TRANSLATORS: what the value must look like, the end of "{name} is not valid ('…'): {hint}"
        return _("use the short name of a workshop: lowercase letters a-z, digits and hyphens")
    if field == "url":
        # TRANSLATORS: what the value must look like, the end of "{name} is not valid ('…'): {hint}"
        return _("a link must start with https:// (or http://) and a host name, like https://example.org/page, or be "
                 "mailto: with an e-mail address; it may not contain spaces or the characters \" < > \\ ^ ` { | }")
    if field == "email":
        # TRANSLATORS: what the value must look like, the end of "{name} is not valid ('…'): {hint}"
        return _("write an e-mail address like name@example.org, with only the letters a-z, digits and . _ % + - "
                 "before the @")
    if field == "phone":
        # TRANSLATORS: what the value must look like, the end of "{name} is not valid ('…'): {hint}"
        return _("write a phone number like +49 355 123456, with only digits, spaces and + - / ( )")
    if field == "code":
        # TRANSLATORS: what the value must look like, the end of "{name} is not valid ('…'): {hint}"
        return _("use a language code of two or three lowercase letters, e.g. de, en, hsb")
    if field == "search":
        # TRANSLATORS: what the value must look like, the end of "{name} is not valid ('…'): {hint}"
        return _("use a two-letter code the search knows, e.g. de or en, or delete the field")
    if field == "messages":
        # TRANSLATORS: what the value must look like, the end of "{name} is not valid ('…'): {hint}";
        # {known} lists language codes ("de, en")
        return _("use the code of a language sitegen has messages in, in lowercase letters: {known}").format(
            known=", ".join(CATALOGS.languages()))
    # TRANSLATORS: what the value must look like, the end of "{name} is not valid ('…'): {hint}"
    return _("check the format")


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
