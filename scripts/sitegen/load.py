"""Read a YAML content file into plain Python values, remembering where each value stands.

PyYAML's own loaders accept duplicate keys silently and build whatever a tag asks for.
Here the file is only composed into nodes by the safe loader, and the values are built by
hand, so that duplicate keys, aliases and foreign tags become problems with a location.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, Problem

try:  # the C parser is several times faster; both give the same nodes and marks
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml is part of the PyYAML wheels
    _Loader = yaml.SafeLoader

Location = tuple[int, int]
FieldPath = tuple[Any, ...]

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_constructor = yaml.SafeLoader("")


@dataclass
class Document:
    """A loaded content file: its data and the line/column of every value in it."""

    path: Path
    shown_path: str
    data: Any
    locations: dict[FieldPath, Location] = field(default_factory=dict)
    first_line: str = ""  # the schema modeline, when the file has one

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


def load_document(path: Path, shown_path: str) -> Document:
    """Load one YAML file; raise ContentError with every problem found in it."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ContentError([Problem(shown_path, 0, 0, f"cannot read the file: {error.strerror}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ContentError(
            [Problem(shown_path, line, 0, "the file is not valid UTF-8 text; save it with UTF-8 encoding")]
        ) from None
    return parse_document(text, path, shown_path)


def parse_document(text: str, path: Path, shown_path: str) -> Document:
    """Parse YAML text into a Document; raise ContentError with every problem found."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise ContentError([_syntax_problem(error, text, shown_path)]) from None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        character = error.character if isinstance(error.character, int) else ord(error.character)
        raise ContentError([Problem(shown_path, line, 0, f"the file contains the invisible control character "
                                    f"U+{character:04X}; delete it (retype the line if you cannot see it)")]) from None
    except yaml.YAMLError as error:  # errors without a position
        raise ContentError([Problem(shown_path, 1, 1, f"this is not valid YAML: {error}")]) from None
    document = Document(path=path, shown_path=shown_path, data=None,
                        first_line=text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r"))
    if node is None:
        return document
    builder = _Builder(document)
    document.data = builder.build(node, ())
    if builder.problems:
        raise ContentError(builder.problems)
    return document


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, shown_path: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = error.problem or error.context or "unexpected text"
    at = text[mark.index] if mark and mark.index < len(text) else ""
    line_text = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    if at == "\t" or "'\\t'" in what:
        hint = "indent with spaces, not tab characters"
    elif re.search(r"(:|-)\s+\[[^\]]*\]\{lang=", line_text):
        hint = 'a text that starts with a marked phrase like [Big Data]{lang=en} must be put in double quotes'
    elif "mapping values are not allowed" in what:
        hint = 'a text containing ": " must be put in double quotes'
    elif "could not find expected ':'" in what or "expected <block end>" in what:
        hint = "check the indentation and that every field has the form `name: value`"
    else:
        hint = "check the indentation and quoting around this line"
    return Problem(shown_path, line, column, f"YAML syntax error: {what}; {hint}")


class _Builder:
    """Turns composed nodes into dicts, lists and scalars, collecting problems on the way."""

    def __init__(self, document: Document):
        self.document = document
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def _problem(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.document.shown_path, mark.line + 1, mark.column + 1, message))

    def build(self, node: yaml.Node, path: FieldPath, used_at: yaml.Node | None = None) -> Any:
        # An alias gives back the very node its anchor made; `used_at` is where the alias stands.
        if id(node) in self.seen:
            self._problem(used_at or node, "anchors and aliases (& and *) are not allowed; write the text out in full")
            return None
        self.seen.add(id(node))
        self.document.locations[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self._problem(node, f"the tag {node.tag} is not allowed; remove it")
                return None
            return [self.build(item, path + (index,), node) for index, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict | None:
        if node.tag != "tag:yaml.org,2002:map":
            self._problem(node, f"the tag {node.tag} is not allowed; remove it")
            return None
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._problem(key_node, "merge keys (<<) are not allowed; write the fields out in full")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, "a field name must be a plain word, not a list or mapping")
                continue
            key = key_node.value
            if key in result:
                self._problem(
                    key_node,
                    f"the field '{key}' appears twice (first on line {first_line[key]}); "
                    "keep one and delete the other",
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, path + (key,), key_node)
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag not in _SCALAR_TAGS:
            self._problem(node, f"the tag {node.tag} is not allowed; remove it")
            return None
        if node.tag == "tag:yaml.org,2002:str":
            return node.value
        try:
            return _constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError):
            self._problem(node, f"'{node.value}' cannot be read; put it in double quotes to make it text")
            return None
