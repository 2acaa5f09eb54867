"""Change texts in a YAML content file without reformatting the rest of it.

`set_texts(text, values, template)` returns the file's text with every value in `values`
(field path -> new text) set. It works on the source text, not on a re-dumped document:

- A text that exists is replaced in place: only the exact span of its scalar changes. The
  scalar keeps its style where the new text allows it: a folded (`>-`) or literal (`|-`)
  block stays a block with the same indentation (folded blocks are wrapped at `width`
  columns), a plain scalar stays plain when the new text is safe unquoted, a quoted one stays
  quoted; otherwise the text is written in double quotes.
- A text that does not exist yet is inserted: a missing key, a missing list entry, a missing
  group of fields or the whole file. New keys go where the German file (`template`) has them,
  indented like the rest of the file (2 spaces; `- ` entries 2 under their key), in the style the
  German file uses for that field (quoted, plain, or a folded block when the line gets long).

Every line that holds no changed text stays byte for byte as it was. The result is checked:
parsing it gives exactly the old data with `values` applied, or EditError is raised.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

import yaml

from sitegen.core.messages import _
from sitegen.read.validate import LINE_BREAKS, NON_PRINTABLE, double_quoted

FieldPath = tuple[Any, ...]
WIDTH = 100
DEFAULT_MAP_INDENT = 2  # a nested field: 2 spaces further than its parent key
DEFAULT_SEQ_INDENT = 2  # a `- ` list entry: 2 spaces further than its key

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_FIRST_INDICATORS = set(",[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = set(",[]{}")
# Texts another YAML reader (YAML 1.1 or 1.2) might take for something else than text.
_SPECIAL_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~", "=", "<<"}
_NUMBER_LIKE = re.compile(r"[-+]?(?:\.?[0-9][0-9_,.:]*)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|nan)|0[xXoObB][0-9a-fA-F_]+",
                          re.IGNORECASE)
_DATE_LIKE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?")
_SINGLE_SPACE = re.compile(r"(?<=\S) (?=\S)")
_COMMENT = re.compile(r"\s#.*$")
_resolver = yaml.resolver.Resolver()


class EditError(ValueError):
    """The change cannot be made in this file; `path` is the field it concerns, `message` (translated) what is
    wrong, shown to the user after the field."""

    def __init__(self, path: FieldPath, message: str):
        super().__init__(message)
        self.path = tuple(path)
        self.message = message


def set_texts(text: str | None, values: Mapping[FieldPath, str], template: str | None = None,
              width: int = WIDTH) -> str:
    """The YAML `text` (None or "" when the file does not exist yet) with each path in `values`
    set to its text. `template` is the German file: it gives the order and style of new fields."""
    text = text or ""
    # Stored as published: in Unicode NFC (a PO file from some tools may hold decomposed letters).
    values = {path: unicodedata.normalize("NFC", value) for path, value in values.items()}
    crlf = "\r\n" in text
    if crlf:
        text = text.replace("\r\n", "\n")
    if not values:
        return text.replace("\n", "\r\n") if crlf else text
    tree = _value_tree(values)
    root = _compose(text, ())
    template_root = None
    if template:
        try:
            template_root = yaml.compose(template, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            template_root = None
    editor = _Editor(text, width, _Indents.detect(root, template_root))
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag == _NULL and not root.value):
        lines = editor.mapping_lines(tree, 0, template_root, ())
        prefix = text if not text or text.endswith("\n") else text + "\n"
        result = prefix + "\n".join(lines) + "\n"
    elif isinstance(root, yaml.MappingNode):
        editor.walk(root, tree, (), template_root, None, 0, False)
        result = editor.apply()
    else:
        raise EditError((), _("the file must hold fields (`name: value`) at the top level; fix the file first"))
    _verify(text, result, values)
    return result.replace("\n", "\r\n") if crlf else result


def _compose(text: str, path: FieldPath) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        # TRANSLATORS: {error} is the YAML reader's own description of the problem.
        raise EditError(path, _("the file is not valid YAML ({error}); fix it first").format(error=error)) from None


def _value_tree(values: Mapping[FieldPath, str]) -> dict:
    """{("a", 0, "b"): "x"} -> {"a": {0: {"b": "x"}}}"""
    tree: dict = {}
    for path, value in values.items():
        path = tuple(path)
        if not path or not isinstance(value, str):
            raise EditError(path, _("a changed value must be a text at a field path"))
        node = tree
        for index, part in enumerate(path[:-1]):
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise EditError(path[:index + 1], _("this field is both a text and a group of fields"))
        if isinstance(node.get(path[-1]), dict):
            raise EditError(path, _("this field is both a text and a group of fields"))
        node[path[-1]] = value
    return tree


class _Indents:
    """How far the file indents a nested field and a `- ` list under its key."""

    def __init__(self, mapping: int = DEFAULT_MAP_INDENT, sequence: int = DEFAULT_SEQ_INDENT):
        self.mapping = mapping
        self.sequence = sequence

    @classmethod
    def detect(cls, *roots: yaml.Node | None) -> "_Indents":
        found: dict[str, int] = {}
        for root in roots:
            if root is not None:
                cls._scan(root, found)
        return cls(found.get("mapping", DEFAULT_MAP_INDENT), found.get("sequence", DEFAULT_SEQ_INDENT))

    @classmethod
    def _scan(cls, node: yaml.Node, found: dict[str, int]) -> None:
        if isinstance(node, yaml.MappingNode) and not node.flow_style:
            for key, value in node.value:
                if getattr(value, "flow_style", False) or value.start_mark.line == key.start_mark.line:
                    continue
                if isinstance(value, yaml.MappingNode) and value.value:
                    found.setdefault("mapping", value.value[0][0].start_mark.column - key.start_mark.column)
                elif isinstance(value, yaml.SequenceNode) and value.value:
                    found.setdefault("sequence", value.start_mark.column - key.start_mark.column)
            for _, value in node.value:
                cls._scan(value, found)
        elif isinstance(node, yaml.SequenceNode):
            for value in node.value:
                cls._scan(value, found)


class _Editor:
    def __init__(self, text: str, width: int, indents: _Indents):
        self.text = text
        self.width = width
        self.indents = indents
        self.edits: list[tuple[int, int, int, int, str]] = []  # start, end, depth, order, replacement

    # --- collecting edits ------------------------------------------------------------------

    def edit(self, start: int, end: int, replacement: str, depth: int) -> None:
        self.edits.append((start, end, depth, len(self.edits), replacement))

    def apply(self) -> str:
        text = self.text
        # From the end backwards. At one position: a replacement before an insertion (which then
        # lands in front of it), and the outer insertion before the inner one, so that the inner
        # one (e.g. a new list entry) ends up in front of the outer one (e.g. the next new key).
        edits = sorted(self.edits, key=lambda e: (-e[0], e[1] == e[0], e[2], e[3]))
        limit = len(text)
        pieces = []  # the result from its end backwards, joined once: linear in the file and the edits
        for start, end, _, _, replacement in edits:
            if end > limit:
                raise EditError((), _("internal error: overlapping changes"))
            pieces += [text[end:limit], replacement]
            limit = start
        pieces.append(text[:limit])
        return "".join(reversed(pieces))

    def walk(self, node: yaml.Node, sub: Any, path: FieldPath, tnode: yaml.Node | None,
             key: yaml.Node | None, owner_col: int, flow: bool) -> None:
        if isinstance(sub, str):
            if isinstance(node, yaml.ScalarNode):
                if node.tag == _STR and node.value == sub:
                    return
                if node.tag == _NULL and key is not None:
                    self.replace_entry(key, node, sub, path, tnode)
                    return
                self.replace_scalar(node, sub, path, owner_col, flow, tnode)
                return
            raise EditError(path, _("expected a text here, but the file has a list or a group of fields; fix the "
                                    "file"))
        if isinstance(node, yaml.MappingNode):
            self.mapping(node, sub, path, tnode, flow or bool(node.flow_style))
        elif isinstance(node, yaml.SequenceNode):
            self.sequence(node, sub, path, tnode, flow or bool(node.flow_style))
        elif isinstance(node, yaml.ScalarNode) and node.tag == _NULL and key is not None:
            self.replace_entry(key, node, sub, path, tnode)
        else:
            if all(isinstance(k, int) for k in sub):
                raise EditError(path, _("expected a list here, but the file has a text; fix the file"))
            raise EditError(path, _("expected a group of fields here, but the file has a text; fix the file"))

    def mapping(self, node: yaml.MappingNode, sub: dict, path: FieldPath, tnode: yaml.Node | None,
                flow: bool) -> None:
        existing = {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
        missing = []
        for name, child in sub.items():
            if not isinstance(name, str):
                raise EditError(path + (name,), _("expected a list here, but the file has a group of fields"))
            if name in existing:
                key, value = existing[name]
                self.walk(value, child, path + (name,), _child(tnode, name), key, key.start_mark.column, flow)
            else:
                missing.append(name)
        if not missing:
            return
        if flow:
            raise EditError(path + (missing[0],), _("cannot add a field to a group written in {…}; "
                                                    "write the group as indented `name: value` lines first"))
        order = _key_order(tnode)
        rank = {name: index for index, name in enumerate(order)}
        ranked = sorted(missing, key=lambda name: rank.get(name, len(order) + list(sub).index(name)))
        keys = [k for k, _ in node.value]
        column = keys[0].start_mark.column
        groups: dict[int | None, list[str]] = {}
        for name in ranked:
            if name in rank:
                before = [i for i, k in enumerate(keys) if rank.get(k.value, len(order)) < rank[name]]
                anchor = max(before, key=lambda i: rank[keys[i].value]) if before else None
            else:
                anchor = len(keys) - 1
            groups.setdefault(anchor, []).append(name)
        for anchor, names in groups.items():
            lines: list[str] = []
            for name in names:
                lines += self.entry_lines(name, sub[name], column, _child(tnode, name), path + (name,))
            if anchor is None:
                start = keys[0].start_mark.index
                self.edit(start, start, "\n".join([lines[0][column:]] + lines[1:]) + "\n" + " " * column, len(path))
            else:
                end = self.line_end(self.content_end(node.value[anchor][1]))
                self.edit(end, end, "\n" + "\n".join(lines), len(path))

    def sequence(self, node: yaml.SequenceNode, sub: dict, path: FieldPath, tnode: yaml.Node | None,
                 flow: bool) -> None:
        count = len(node.value)
        for index, child in sub.items():
            if not isinstance(index, int):
                raise EditError(path + (index,), _("expected a group of fields here, but the file has a list"))
            if index < count:
                self.walk(node.value[index], child, path + (index,), _child(tnode, index), None,
                          node.start_mark.column, flow)
        new = sorted(index for index in sub if index >= count)
        if not new:
            return
        _check_contiguous(new, count, path)
        if flow or not node.value:
            raise EditError(path + (new[0],), _("cannot add an entry to a list written in […]; "
                                                "write the list as `- ` lines first"))
        column = node.start_mark.column
        lines: list[str] = []
        for index in new:
            lines += self.item_lines(sub[index], column, _child(tnode, index), path + (index,))
        end = self.line_end(self.content_end(node.value[-1]))
        self.edit(end, end, "\n" + "\n".join(lines), len(path))

    def replace_entry(self, key: yaml.Node, value: yaml.Node, sub: Any, path: FieldPath,
                      tnode: yaml.Node | None) -> None:
        """`name:` with an empty value (or ~, null): write the whole entry anew, keeping a comment."""
        column = key.start_mark.column
        end = self.line_end(max(key.end_mark.index, self.content_end(value)))
        comment = _COMMENT.search(self.text[key.end_mark.index:end])
        lines = self.entry_lines(str(key.value), sub, column, tnode, path)
        if comment:
            lines[0] += " " + comment.group(0).strip()
        self.edit(key.start_mark.index, end, "\n".join([lines[0][column:]] + lines[1:]), len(path))

    def replace_scalar(self, node: yaml.ScalarNode, new: str, path: FieldPath, owner_col: int, flow: bool,
                       tnode: yaml.Node | None) -> None:
        start = node.start_mark.index
        if node.style in ("|", ">"):
            end = self.content_end(node)
            header_end = self.text.find("\n", start)
            header_end = end if header_end == -1 or header_end > end else header_end
            comment = _COMMENT.search(self.text[start:header_end])
            comment_text = "  " + comment.group(0).strip() if comment else ""
            indent = self.block_indent(node, header_end, end) or owner_col + self.indents.mapping
            body = (_folded(new, indent, self.width) if node.style == ">" else _literal(new, indent))
            if body is not None and not flow:
                replacement = node.style + "-" + comment_text + "\n" + "\n".join(body)
            else:
                replacement = double_quoted(new) + comment_text
            self.edit(start, end, replacement, len(path))
            return
        if node.style is None and _plain_ok(new, flow):
            replacement = new
        elif node.style == "'" and _single_ok(new, flow):
            replacement = _single(new)
        else:
            replacement = double_quoted(new)
        self.edit(start, node.end_mark.index, replacement, len(path))

    # --- where things end -----------------------------------------------------------------------

    def line_end(self, position: int) -> int:
        end = self.text.find("\n", position)
        return len(self.text) if end == -1 else end

    def content_end(self, node: yaml.Node) -> int:
        """The index just after the last character that belongs to the node (not the blank lines,
        comments and indentation PyYAML counts into a block)."""
        if isinstance(node, yaml.ScalarNode):
            if node.style in ("|", ">"):
                start, position = node.start_mark.index, node.end_mark.index
                while position > start and self.text[position - 1] in " \t\n":
                    position -= 1
                return min(self.line_end(position), node.end_mark.index)
            return node.end_mark.index
        if node.flow_style or not node.value:
            return node.end_mark.index
        last = node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1]
        return self.content_end(last)

    def block_indent(self, node: yaml.ScalarNode, header_end: int, end: int) -> int | None:
        for line in self.text[header_end + 1:end].split("\n"):
            if line.strip():
                return len(line) - len(line.lstrip(" "))
        return None

    # --- writing new entries ---------------------------------------------------------------------

    def entry_lines(self, name: str, value: Any, column: int, tnode: yaml.Node | None, path: FieldPath) -> list[str]:
        prefix = " " * column + _key_text(name) + ":"
        if isinstance(value, str):
            return self.scalar_lines(prefix, value, column + self.indents.mapping, tnode)
        if all(isinstance(k, int) for k in value):
            return [prefix] + self.sequence_lines(value, column + self.indents.sequence, tnode, path)
        return [prefix] + self.mapping_lines(value, column + self.indents.mapping, tnode, path)

    def mapping_lines(self, sub: dict, column: int, tnode: yaml.Node | None, path: FieldPath) -> list[str]:
        order = _key_order(tnode)
        names = [name for name in order if name in sub] + [name for name in sub if name not in order]
        lines: list[str] = []
        for name in names:
            if not isinstance(name, str):
                raise EditError(path + (name,), _("expected a group of fields here, but this is a list entry"))
            lines += self.entry_lines(name, sub[name], column, _child(tnode, name), path + (name,))
        return lines

    def sequence_lines(self, sub: dict, column: int, tnode: yaml.Node | None, path: FieldPath) -> list[str]:
        indices = sorted(sub)
        _check_contiguous(indices, 0, path)
        lines: list[str] = []
        for index in indices:
            lines += self.item_lines(sub[index], column, _child(tnode, index), path + (index,))
        return lines

    def item_lines(self, value: Any, column: int, tnode: yaml.Node | None, path: FieldPath) -> list[str]:
        if isinstance(value, str):
            return self.scalar_lines(" " * column + "-", value, column + 2, tnode)
        if all(isinstance(k, int) for k in value):
            inner = self.sequence_lines(value, column + 2, tnode, path)
        else:
            inner = self.mapping_lines(value, column + 2, tnode, path)
        inner[0] = " " * column + "- " + inner[0][column + 2:]
        return inner

    def scalar_lines(self, prefix: str, text: str, indent: int, tnode: yaml.Node | None) -> list[str]:
        """`prefix` (`  name:` or `  -`) followed by the text, in the German file's style."""
        style = tnode.style if isinstance(tnode, yaml.ScalarNode) else None
        if style == '"':
            return [f"{prefix} {double_quoted(text)}"]
        if style == "'" and _single_ok(text, False):
            return [f"{prefix} {_single(text)}"]
        inline = text if _plain_ok(text, False) else double_quoted(text)
        if len(prefix) + 1 + len(inline) <= self.width:
            return [f"{prefix} {inline}"]
        body = _folded(text, indent, self.width)
        if body is not None:
            return [f"{prefix} >-"] + body
        return [f"{prefix} {inline}"]


def _check_contiguous(indices: list[int], first: int, path: FieldPath) -> None:
    expected = first
    for index in indices:
        if index != expected:
            name = next((p for p in reversed(path) if isinstance(p, str)), None)
            if name is None:
                # TRANSLATORS: used as {name} in "entry {expected} of '{name}' has no text, …" (a list without name)
                name = _("the list")
            # TRANSLATORS: {expected} and {index} are numbers of entries of the list {name} (counted from 1).
            raise EditError(path + (index,), _(
                "entry {expected} of '{name}' has no text, so entry {index} cannot be added after it; translate "
                "entry {expected} as well").format(expected=expected + 1, name=name, index=index + 1))
        expected += 1


def _child(tnode: yaml.Node | None, part: Any) -> yaml.Node | None:
    """The template node at `part` below `tnode`; for list entries beyond the template, its first entry."""
    if isinstance(tnode, yaml.MappingNode) and isinstance(part, str):
        for key, value in tnode.value:
            if isinstance(key, yaml.ScalarNode) and key.value == part:
                return value
    if isinstance(tnode, yaml.SequenceNode) and isinstance(part, int) and tnode.value:
        return tnode.value[part] if part < len(tnode.value) else tnode.value[0]
    return None


def _key_order(tnode: yaml.Node | None) -> list[str]:
    if isinstance(tnode, yaml.MappingNode):
        return [key.value for key, _ in tnode.value if isinstance(key, yaml.ScalarNode)]
    return []


def _key_text(name: str) -> str:
    return name if _plain_ok(name, False) else double_quoted(name)


# --- scalar styles ------------------------------------------------------------------------------


def _looks_special(text: str) -> bool:
    """True when a YAML reader might take the unquoted text for a number, date, yes/no or null."""
    if _resolver.resolve(yaml.ScalarNode, text, (True, False)) != _STR:
        return True
    return (text.lower() in _SPECIAL_WORDS or bool(_NUMBER_LIKE.fullmatch(text))
            or bool(_DATE_LIKE.fullmatch(text)))


def _plain_ok(text: str, flow: bool) -> bool:
    """Whether `text` can stand unquoted on one line and read back as exactly this text."""
    if not text or text != text.strip(" \t") or NON_PRINTABLE.search(text) or "\t" in text:
        return False
    if any(ch in LINE_BREAKS for ch in text):
        return False
    first = text[0]
    if first in _FIRST_INDICATORS:
        return False
    if first in "-?:" and (len(text) == 1 or text[1] in " \t" or text[1] in _FLOW_INDICATORS):
        return False
    if ": " in text or text.endswith(":") or " #" in text:
        return False
    if flow and (any(ch in _FLOW_INDICATORS for ch in text) or ":" in text):
        return False
    if _looks_special(text):
        return False
    return _reads_back(f"k: {text}" if not flow else f"[{text}]", text, flow)


def _single_ok(text: str, flow: bool) -> bool:
    if NON_PRINTABLE.search(text) or any(ch in LINE_BREAKS for ch in text) or "\t" in text:
        return False
    return _reads_back(f"k: {_single(text)}" if not flow else f"[{_single(text)}]", text, flow)


def _single(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _folded(text: str, indent: int, width: int) -> list[str] | None:
    """The lines of a `>-` block holding `text`, wrapped at `width` columns; None if impossible."""
    if (not text or text != text.strip(" \t") or NON_PRINTABLE.search(text) or "\t" in text
            or any(ch in LINE_BREAKS for ch in text)):
        return None
    words = _SINGLE_SPACE.split(text)  # break only where one space stands between two words
    lines, current = [], words[0]
    for word in words[1:]:
        if indent + len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            lines.append(current)
            current = word
    lines.append(current)
    body = [" " * indent + line for line in lines]
    return body if _reads_back("k: >-\n" + "\n".join(body), text, False) else None


def _literal(text: str, indent: int) -> list[str] | None:
    """The lines of a `|-` block holding `text`; None if impossible."""
    if (not text or text[0] in " \t" or text.endswith("\n") or NON_PRINTABLE.search(text)
            or any(ch in LINE_BREAKS - {"\n"} for ch in text)):
        return None
    body = [" " * indent + line if line else "" for line in text.split("\n")]
    return body if _reads_back("k: |-\n" + "\n".join(body), text, False) else None


def _reads_back(document: str, text: str, flow: bool) -> bool:
    try:
        data = yaml.load(document, Loader=yaml.SafeLoader)  # noqa: S506 - the safe loader
    except yaml.YAMLError:
        return False
    value = data[0] if flow and isinstance(data, list) and len(data) == 1 else (
        data.get("k") if isinstance(data, dict) else None)
    return isinstance(value, str) and value == text


# --- the safety net -------------------------------------------------------------------------------


def _verify(before: str, after: str, values: Mapping[FieldPath, str]) -> None:
    """The edited text must read back as the old data with exactly `values` applied."""
    try:
        old = yaml.load(before, Loader=yaml.SafeLoader) if before.strip() else None  # noqa: S506
        new = yaml.load(after, Loader=yaml.SafeLoader)  # noqa: S506
    except yaml.YAMLError as error:
        # TRANSLATORS: {error} is the YAML reader's own description of the problem.
        raise EditError((), _("internal error: the changed file would not be valid YAML ({error})").format(
            error=error)) from None
    expected = copy.deepcopy(old) if old is not None else {}
    for path, value in sorted(values.items(), key=lambda item: _sort_key(item[0])):
        _put(expected, tuple(path), value)
    if new != expected:
        raise EditError((), _("internal error: the file could not be changed safely; change it by hand"))


def _sort_key(path: FieldPath) -> tuple:
    return tuple((0, part, "") if isinstance(part, int) else (1, 0, str(part)) for part in path)


def _put(data: Any, path: FieldPath, value: str) -> None:
    for index, part in enumerate(path):
        last = index == len(path) - 1
        child = value if last else ([] if isinstance(path[index + 1], int) else {})
        if isinstance(data, list):
            if part == len(data):
                data.append(child)
            elif part > len(data):
                raise EditError(path, _("internal error: a gap in a list"))
            elif last:
                data[part] = child
        elif isinstance(data, dict):
            if last or data.get(part) is None:
                data[part] = child
        else:  # pragma: no cover - the editor refuses such paths before
            raise EditError(path, _("internal error: unexpected structure"))
        if not last:
            data = data[part]
