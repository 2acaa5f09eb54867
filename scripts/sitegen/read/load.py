"""Read a YAML content file into plain Python values, remembering where each value stands.

PyYAML's own loaders accept duplicate keys silently and build whatever a tag asks for. Here
the file is only parsed into events by the safe (C) parser, and the values are built from
them by hand, in one pass and without recursion. So duplicate keys, foreign tags, aliases
and deep nesting become problems with a location, and a hostile file ("billion laughs",
thousands of nested brackets) fails at its first offending event, in little memory.

Every text is returned in Unicode NFC, the form the site is published in; invisible control
characters that could hide or reorder text are refused.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sitegen.core.errors import ContentError, Problem
from sitegen.core.fields import FieldPath
from sitegen.core.messages import CATALOGS, WRITTEN_IN, N_, _
from sitegen.read.inputs import read_text

try:  # the C parser is several times faster; both give the same events and marks
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml is part of the PyYAML wheels
    _Loader = yaml.SafeLoader

Location = tuple[int, int]

# A content file is a few kilobytes; sitegen's own records file grows with the number of
# workshops (about 1 KB each). Anything far larger is a mistake, or an attack on memory.
MAX_FILE_BYTES = 256 * 1024
MAX_RECORDS_BYTES = 8 * 1024 * 1024
# Content nests four levels deep (file > list > entry > list); far more is a mistake.
MAX_DEPTH = 16

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_constructor = yaml.SafeLoader("")

# Characters no text may hold: control characters other than tab and line breaks, surrogates,
# noncharacters, private-use characters (they look different on every device), and the invisible
# format characters that hide or reorder text (zero-width space, bidirectional overrides and
# isolates, a byte-order mark inside the text, interlinear annotation).
_INVISIBLE_FORMAT = {0x200B, 0x2028, 0x2029, 0xFEFF, 0xFFF9, 0xFFFA, 0xFFFB} | set(range(0x202A, 0x202F)) \
    | set(range(0x2066, 0x206A))
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(chr(code) for code in sorted(_INVISIBLE_FORMAT))
    + "\U000f0000-\U0010ffff]"
    + "|[\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff]"
)


@dataclass
class Document:
    """A loaded content file: its data and the line/column of every value in it."""

    path: Path
    shown_path: str
    data: Any
    locations: dict[FieldPath, Location] = field(default_factory=dict)
    first_line: str = ""  # the schema modeline, when the file has one
    # The text as written in the file, for values YAML read as something else than text
    # (`no` -> false, `0777` -> 511, `2027-03-15` -> a date), so messages can quote it.
    written: dict[FieldPath, str] = field(default_factory=dict)

    def location(self, path: FieldPath) -> Location:
        """The position of the value at `path`, or of its nearest parent that has one."""
        path = tuple(path)
        while path and path not in self.locations:
            path = path[:-1]
        return self.locations.get(path, (1, 1))

    def problem(self, path: FieldPath, message: str, level: str = "error") -> Problem:
        """A problem located at the value `path` in this document."""
        line, column = self.location(path)
        return Problem(self.shown_path, line, column, message, level)


def load_document(path: Path, shown_path: str, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """Load one YAML file; raise ContentError with every problem found in it."""
    # TRANSLATORS: a noun phrase, used as {what} in "the file is 300 KB, more than the 256 KB {what} may have"
    text = read_text(path, shown_path, max_bytes, what=_("a content file"))
    return parse_document(text, path, shown_path)


def parse_document(text: str, path: Path, shown_path: str) -> Document:
    """Parse YAML text into a Document; raise ContentError with every problem found.

    A byte-order mark at the start is allowed (some Windows editors write one) and ignored."""
    text = text.removeprefix("\ufeff")
    # Written into the file as they are, such characters are found in one pass, at their exact place;
    # escapes in double-quoted texts ("\u202E") can make them too, and are checked text by text.
    hidden = _first_forbidden(text)
    if hidden is not None:
        line = text.count("\n", 0, hidden) + 1
        column = hidden - text.rfind("\n", 0, hidden)
        raise ContentError([Problem(shown_path, line, column, _forbidden_message(text[hidden], "file"))])
    document = Document(path=path, shown_path=shown_path, data=None,
                        first_line=text.split("\n", 1)[0].rstrip("\r"))
    builder = _Builder(document)
    builder.escapes = "\\" in text  # only an escape in double quotes could still make one
    try:
        builder.run(_events(text))
    except yaml.MarkedYAMLError as error:
        raise ContentError(builder.problems + [_syntax_problem(error, text, shown_path)]) from None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        character = error.character if isinstance(error.character, int) else ord(error.character)
        raise ContentError([Problem(shown_path, line, 0, _(
            "the file contains the invisible control character U+{code}; delete it (retype the line if you "
            "cannot see it)").format(code=f"{character:04X}"))]) from None
    except yaml.YAMLError as error:  # errors without a position
        raise ContentError([Problem(shown_path, 1, 1, _("this is not valid YAML: {error}").format(
            error=error))]) from None
    except _Stop:
        pass
    if builder.problems:
        raise ContentError(builder.problems)
    document.data = builder.result
    return document


def _events(text: str):
    """The parser's events, pulled straight from it (yaml.parse adds a generator and a check per event)."""
    parser = _Loader(text)
    try:
        get_event = parser.get_event
        while True:
            event = get_event()
            if event is None or type(event) is yaml.StreamEndEvent:
                return
            yield event
    finally:
        parser.dispose()


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, shown_path: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = error.problem or error.context or _UNEXPECTED
    at = text[mark.index] if mark and mark.index < len(text) else ""
    lines = text.splitlines()
    line_text = lines[line - 1] if 0 < line <= len(lines) else ""
    opened = _unclosed_quote(lines, line, column)
    if opened is None and error.context == "while scanning a quoted scalar" and error.context_mark is not None:
        quote = text[error.context_mark.index] if error.context_mark.index < len(text) else '"'
        return Problem(shown_path, error.context_mark.line + 1, error.context_mark.column + 1, _(
            "YAML syntax error: the text in quotes that starts here is not closed; add the closing {quote} at the "
            "end of the text").format(quote=quote))
    if opened is not None:
        quote_line, quote_column, quote = opened
        return Problem(shown_path, quote_line, quote_column, _(
            "YAML syntax error: the text in quotes that starts here is not closed, so YAML reads on to the next "
            "{quote} (line {line}); add the closing {quote} at the end of the text").format(quote=quote, line=line))
    # The advice after the parser's description: in the message as {hint}, "YAML syntax error: …; {hint}".
    if at == "\t" or "'\\t'" in what:
        # TRANSLATORS: the advice after a YAML syntax error, used as {hint} in "YAML syntax error: …; {hint}"
        hint = _("indent with spaces, not tab characters")
    elif re.search(r"(:|-)\s+\[[^\]]*\]\{lang=", line_text):
        # TRANSLATORS: the advice after a YAML syntax error, used as {hint} in "YAML syntax error: …; {hint}"
        hint = _("a text that starts with a marked phrase like [Big Data]{lang=en} must be put in double quotes")
    elif "mapping values are not allowed" in what:
        # TRANSLATORS: the advice after a YAML syntax error, used as {hint} in "YAML syntax error: …; {hint}"
        hint = _('a text containing ": " must be put in double quotes')
    elif "could not find expected ':'" in what or "expected <block end>" in what:
        # TRANSLATORS: the advice after a YAML syntax error, used as {hint} in "YAML syntax error: …; {hint}"
        hint = _("check the indentation and that every field has the form `name: value`")
    elif "escape" in what:
        # TRANSLATORS: the advice after a YAML syntax error, used as {hint} in "YAML syntax error: …; {hint}"
        hint = _(r"inside double quotes a backslash starts an escape like \n; write \\ for a backslash itself")
    elif "nesting depth" in what:
        # TRANSLATORS: the advice after a YAML syntax error, used as {hint} in "YAML syntax error: …; {hint}"
        hint = _("the file is nested far too deeply; content needs only a few levels of indentation")
    else:
        # TRANSLATORS: the advice after a YAML syntax error, used as {hint} in "YAML syntax error: …; {hint}"
        hint = _("check the indentation and quoting around this line")
    said = _yaml_says(what)
    if said is None:
        # TRANSLATORS: a YAML syntax error whose description by the YAML parser (English) has no translation:
        # the message gives only the advice, {hint}
        return Problem(shown_path, line, column, _("YAML syntax error; {hint}").format(hint=hint))
    # TRANSLATORS: {problem} is what the YAML parser found (translated below), {hint} the advice
    return Problem(shown_path, line, column, _("YAML syntax error: {problem}; {hint}").format(problem=said, hint=hint))


# What the YAML parser says about a syntax error (`error.problem`), in plain words for the messages. The
# English text is the parser's own, word for word (the key), so English messages quote the parser; other
# languages show its translation, or, for a text not listed here, only the advice. sitegen parses with
# libyaml (PyYAML's C parser, part of its wheels); PyYAML's own parser, used only without libyaml, says
# things differently. Every problem either can report is listed; the contexts ("while scanning a simple
# key") are not, because the message shows a context only when there is no problem, which neither does.
# TRANSLATORS: used as {problem} in "YAML syntax error: {problem}; {hint}" when the parser names no problem
_UNEXPECTED = N_("unexpected text")
_YAML_TEXTS = frozenset({
    _UNEXPECTED,
    # libyaml: scanner.c
    # TRANSLATORS: the texts of this list are what the YAML parser found, used as {problem} in "YAML syntax
    # error: {problem}; {hint}". Say in plain words what is wrong at that place, without YAML jargon.
    N_("found character that cannot start any token"),
    N_("could not find expected ':'"),
    N_("block sequence entries are not allowed in this context"),
    N_("mapping keys are not allowed in this context"),
    N_("mapping values are not allowed in this context"),
    N_("found unknown directive name"),
    N_("did not find expected comment or line break"),
    N_("could not find expected directive name"),
    N_("found unexpected non-alphabetical character"),
    N_("did not find expected digit or '.' character"),
    N_("found extremely long version number"),
    N_("did not find expected version number"),
    N_("did not find expected whitespace"),
    N_("did not find expected whitespace or line break"),
    N_("did not find expected alphabetic or numeric character"),
    N_("did not find the expected '>'"),
    N_("did not find expected '!'"),
    N_("did not find expected tag URI"),
    N_("did not find URI escaped octet"),
    N_("found an incorrect leading UTF-8 octet"),
    N_("found an incorrect trailing UTF-8 octet"),
    N_("found an indentation indicator equal to 0"),
    N_("found a tab character where an indentation space is expected"),
    N_("found unexpected document indicator"),
    N_("found unexpected end of stream"),
    N_("found unknown escape character"),
    N_("did not find expected hexdecimal number"),
    N_("found invalid Unicode character escape code"),
    N_("found unexpected ':'"),
    N_("found a tab character that violates indentation"),
    N_("exceeded maximum nesting depth"),
    # libyaml: parser.c
    N_("Maximum nesting level reached, set with yaml_set_max_nest_level())"),
    N_("did not find expected <stream-start>"),
    N_("did not find expected <document start>"),
    N_("found undefined tag handle"),
    N_("did not find expected node content"),
    N_("did not find expected '-' indicator"),
    N_("did not find expected key"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"),
    N_("found duplicate %YAML directive"),
    N_("found incompatible YAML document"),
    N_("found duplicate %TAG directive"),
    # PyYAML: scanner.py and parser.py, texts without a variable part
    N_("sequence entries are not allowed here"),
    N_("mapping keys are not allowed here"),
    N_("mapping values are not allowed here"),
    N_("found unexpected document separator"),
    N_("expected indentation indicator in the range 1-9, but found 0"),
    N_("found duplicate YAML directive"),
    N_("found incompatible YAML document (version 1.* is required)"),
})
# PyYAML's texts with a variable part: a character or a handle as Python writes it ('\t', '@'), a token of
# the parser ('<block mapping start>', ':'), or a number. The key is the message with the part as a
# placeholder; the pattern that finds it is made from it.
_YAML_FORMS = (
    # TRANSLATORS: what the YAML parser found, used as {problem} in "YAML syntax error: {problem}; {hint}";
    # {character} is a character as the parser quotes it, e.g. '@' or '\t'; {token} is what the parser found,
    # translated below (e.g. "the start of a group of fields"), or a punctuation mark like ':'
    N_("found character {character} that cannot start any token"),
    N_("expected alphabetic or numeric character, but found {character}"),
    N_("expected a digit or '.', but found {character}"),
    N_("expected a digit or ' ', but found {character}"),
    N_("expected a digit, but found {character}"),
    N_("expected ' ', but found {character}"),
    N_("expected a comment or a line break, but found {character}"),
    N_("expected chomping or indentation indicators, but found {character}"),
    N_("expected '!', but found {character}"),
    N_("expected URI, but found {character}"),
    N_("expected '>', but found {character}"),
    N_("expected URI escape sequence of 2 hexadecimal numbers, but found {character}"),
    N_("found unknown escape character {character}"),
    N_("expected escape sequence of {count} hexadecimal numbers, but found {character}"),
    N_("expected <block end>, but found {token}"),
    N_("expected '<document start>', but found {token}"),
    N_("expected ',' or ']', but got {token}"),
    N_("expected ',' or '}}', but got {token}"),
    N_("expected the node content, but found {token}"),
    N_("duplicate tag handle {handle}"),
    N_("found undefined tag handle {handle}"),
)
# The tokens of PyYAML's parser, as its messages quote them; punctuation marks (: - ? , [ ] { }) are shown as
# they are.
_YAML_TOKENS = frozenset({
    # TRANSLATORS: what PyYAML's parser found, a noun phrase used as {token} in "expected <block end>, but
    # found {token}"
    N_("'<directive>'"),
    N_("'<document start>'"),
    N_("'<document end>'"),
    N_("'<stream start>'"),
    N_("'<stream end>'"),
    N_("'<block sequence start>'"),
    N_("'<block mapping start>'"),
    N_("'<block end>'"),
    N_("'<alias>'"),
    N_("'<anchor>'"),
    N_("'<tag>'"),
    N_("'<scalar>'"),
})
_YAML_PARTS = {"character": r"'.*'|\".*\"", "handle": r"'.*'|\".*\"", "token": r"'.*'", "count": r"[0-9]+"}


def _form_pattern(form: str) -> re.Pattern:
    """The pattern that finds the parser's text `form` is made from, its placeholders as named groups."""
    pattern = ""
    for literal, name, _spec, _conversion in string.Formatter().parse(form):
        pattern += re.escape(literal)
        if name is not None:
            pattern += f"(?P<{name}>{_YAML_PARTS[name]})"
    return re.compile(pattern)


_YAML_PATTERNS = tuple((_form_pattern(form), form) for form in _YAML_FORMS)


def _yaml_says(what: str) -> str | None:
    """What the YAML parser said (`what`), in the language of the messages; None when that is not English
    and the text has no translation."""
    if CATALOGS.language == WRITTEN_IN:
        return what
    if what in _YAML_TEXTS:
        return _(what)
    for pattern, form in _YAML_PATTERNS:
        match = pattern.fullmatch(what)
        if match:
            parts = {name: _(value) if value in _YAML_TOKENS else value for name, value in match.groupdict().items()}
            return _(form).format(**parts)
    return None


# A value that opens a quote: `title: "…`, `- '…`.
_OPENING_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s"'#][^"'#]*?:\s+)?(["'])""")


def _unclosed_quote(lines: list[str], error_line: int, error_column: int) -> tuple[int, int, str] | None:
    """Where a quoted text opens that is not closed on its line, when that explains an error further
    down: the error's line has a quote before the error, the one YAML took for the closing one."""
    if not 0 < error_line <= len(lines):
        return None
    for number, line in enumerate(lines[:error_line - 1], 1):
        match = _OPENING_QUOTE.match(line)
        if not match:
            continue
        quote, rest = match.group(1), line[match.end():]
        closed = re.search(r'(?<!\\)(?:\\\\)*"', rest) if quote == '"' else "'" in rest.replace("''", "")
        if not closed and quote in lines[error_line - 1][:error_column]:
            return number, match.end(), quote
    return None


class _Stop(Exception):
    """Ends the pass at a problem after which nothing further in the file can be trusted."""


class _Container:
    """A mapping or list being built, and where the next value goes."""

    __slots__ = ("value", "path", "key", "key_line", "first_lines", "skip")

    def __init__(self, value: dict | list, path: FieldPath):
        self.value = value
        self.path = path
        self.key: str | None = None  # mapping: the key whose value comes next
        self.key_line = 0
        self.first_lines: dict[str, int] = {}
        self.skip = False  # mapping: the next value belongs to a refused key and is dropped


class _Builder:
    """Turns parser events into dicts, lists and scalars, collecting problems on the way."""

    def __init__(self, document: Document):
        self.document = document
        self.problems: list[Problem] = []
        self.stack: list[_Container] = []
        self.result: Any = None
        self.documents = 0
        self.skipping = 0  # depth inside a subtree that is dropped (a refused key or tag)
        self.escapes = True  # whether double-quoted texts may hold escapes like \u202E

    def _problem(self, mark: yaml.Mark, message: str) -> None:
        self.problems.append(Problem(self.document.shown_path, mark.line + 1, mark.column + 1, message))

    def run(self, events) -> None:
        handlers = {yaml.ScalarEvent: self._scalar, yaml.MappingStartEvent: self._start,
                    yaml.SequenceStartEvent: self._start, yaml.MappingEndEvent: self._end,
                    yaml.SequenceEndEvent: self._end, yaml.AliasEvent: self._alias,
                    yaml.DocumentStartEvent: self._document}
        for event in events:
            handler = handlers.get(type(event))
            if handler is not None:
                handler(event)

    def _document(self, event) -> None:
        self.documents += 1
        if self.documents > 1:
            self._problem(event.start_mark, _("the file holds a second document after a `---` line; a content file "
                                              "is one document: delete the `---` and what follows, or merge it"))
            raise _Stop

    def _alias(self, event) -> None:
        self._problem(event.start_mark, _("anchors and aliases (& and *) are not allowed; write the text out in full"))
        raise _Stop

    # Where the next value goes, and its path; None when it is a key.
    def _slot(self) -> tuple[FieldPath | None, _Container | None]:
        if not self.stack:
            return (), None
        top = self.stack[-1]
        if isinstance(top.value, list):
            return top.path + (len(top.value),), top
        if top.key is None:
            return None, top
        return top.path + (top.key,), top

    def _place(self, value: Any, path: FieldPath, top: _Container | None) -> None:
        if top is None:
            self.result = value
        elif isinstance(top.value, list):
            top.value.append(value)
        else:
            if not top.skip:
                top.value[top.key] = value
            top.key, top.skip = None, False

    def _start(self, event) -> None:
        if event.anchor is not None:
            self._alias(event)
        is_map = type(event) is yaml.MappingStartEvent
        if self.skipping:
            self.skipping += 1
            return
        path, top = self._slot()
        if len(self.stack) >= MAX_DEPTH:
            self._problem(event.start_mark, _("the text is nested far too deeply; content needs only a few levels of "
                                              "indentation"))
            raise _Stop
        if path is None:  # a list or mapping where a field name belongs
            self._problem(event.start_mark, _("a field name must be a plain word, not a list or mapping"))
            top.skip = True
            top.key = ""
            self.skipping = 1
            return
        tag = event.tag if event.tag not in (None, "!") else (_MAP_TAG if is_map else _SEQ_TAG)
        if tag != (_MAP_TAG if is_map else _SEQ_TAG):
            self._problem(event.start_mark, _("the tag {tag} is not allowed; remove it").format(tag=event.tag))
            self.skipping = 1
            self._place(None, path, top)
            return
        self.document.locations[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        container = _Container({} if is_map else [], path)
        self._place(container.value, path, top)
        # _place cleared the parent's key; keep the parent's state consistent for the container's value
        self.stack.append(container)

    def _end(self, event=None) -> None:
        if self.skipping:
            self.skipping -= 1
            return
        self.stack.pop()

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        # The most frequent event: _slot and _place written out, for speed.
        if event.anchor is not None:
            self._alias(event)
        if self.skipping:
            return
        stack = self.stack
        if not stack:
            self.document.locations[()] = (event.start_mark.line + 1, event.start_mark.column + 1)
            self.result = self._value(event, ())
            return
        top = stack[-1]
        container = top.value
        if type(container) is list:
            path = top.path + (len(container),)
            self.document.locations[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
            container.append(self._value(event, path))
            return
        if top.key is None:  # a field name
            self._key(event, top)
            return
        path = top.path + (top.key,)
        self.document.locations[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        value = self._value(event, path)
        if not top.skip:
            container[top.key] = value
        top.key, top.skip = None, False

    def _key(self, event: yaml.ScalarEvent, top: _Container) -> None:
        tag = event.tag if event.tag not in (None, "!") else _constructor.resolve(
            yaml.ScalarNode, event.value, event.implicit)
        top.key, top.skip = unicodedata.normalize("NFC", event.value), True
        if tag == _MERGE_TAG:
            self._problem(event.start_mark, _("merge keys (<<) are not allowed; write the fields out in full"))
            return
        if tag not in _SCALAR_TAGS:
            self._problem(event.start_mark, _("the tag {tag} is not allowed; remove it").format(tag=event.tag))
            return
        line = event.start_mark.line + 1
        if top.key in top.first_lines:
            self._problem(event.start_mark, _("the field '{field}' appears twice (first on line {line}); keep one and "
                                              "delete the other").format(field=top.key, line=top.first_lines[top.key]))
            return
        if self.escapes and event.style == '"' and _first_forbidden(top.key) is not None:
            self._forbidden(event, top.key)
            return
        top.first_lines[top.key] = line
        top.skip = False

    def _value(self, event: yaml.ScalarEvent, path: FieldPath) -> Any:
        if event.tag is None and not event.implicit[0]:
            tag = _STR_TAG  # quoted or block text: YAML resolves it to text without looking at it
        else:
            tag = event.tag if event.tag not in (None, "!") else _constructor.resolve(
                yaml.ScalarNode, event.value, event.implicit)
        if tag not in _SCALAR_TAGS:
            self._problem(event.start_mark, _("the tag {tag} is not allowed; remove it").format(tag=event.tag))
            return None
        if tag == _STR_TAG:
            if self.escapes and event.style == '"' and _first_forbidden(event.value) is not None:
                self._forbidden(event, event.value)
                return None
            return unicodedata.normalize("NFC", event.value)
        self.document.written[path] = event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return _constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError):
            self._problem(event.start_mark, _("'{value}' cannot be read; put it in double quotes to make it "
                                              "text").format(value=event.value))
            return None

    def _forbidden(self, event: yaml.ScalarEvent, text: str) -> None:
        self._problem(event.start_mark, _forbidden_message(text[_first_forbidden(text)]))


def _first_forbidden(text: str) -> int | None:
    """The index of the first character no text may hold, or None. Checks each distinct character
    once (a file has thousands of characters, but about a hundred different ones); only a file that
    holds one is searched."""
    if not any(_FORBIDDEN.match(character) for character in set(text)):
        return None
    return _FORBIDDEN.search(text).start()  # one pass, however many different ones there are


def _forbidden_message(character: str, where: str = "text") -> str:
    """The message about an invisible character in a text (`where="text"`) or anywhere in the file ("file")."""
    # TRANSLATORS: the name of a character that has no Unicode name, used as {name} in
    # "the text contains the invisible character U+0007 ({name}); …"
    name = unicodedata.name(character, None) or _("a control character")
    code = f"{ord(character):04X}"
    if where == "file":
        return _("the file contains the invisible character U+{code} ({name}); delete it (retype the text if you "
                 "cannot see where it is)").format(code=code, name=name)
    return _("the text contains the invisible character U+{code} ({name}); delete it (retype the text if you "
             "cannot see where it is)").format(code=code, name=name)
