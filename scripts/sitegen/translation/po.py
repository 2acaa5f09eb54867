"""Translation through PO files (`sitegen export-po`, `sitegen import-po`).

Translators who work in a translation tool (Poedit, Weblate, Lokalize, OmegaT …) get one PO file
per content file, mirroring the content tree: po/<lang>/site.po, faq.po, theme.po,
workshops/<name>.po. Each German text field is one entry:

    #. Übersetzung: content/en/faq.yaml:4
    #. Die Antwort.
    #: content/de/faq.yaml:4
    #, fuzzy
    msgctxt "faq.yaml:questions[0].answer"
    msgid "Eine Testseite."
    msgstr "A test site."

`msgctxt` names the field (item:field, as `sitegen status` shows it), `msgid` is today's German
text, `msgstr` the translation ("" when missing). Translations whose German text changed since
they were made are `fuzzy`. Importing writes every finished entry (not fuzzy, not empty) into the
translation YAML file in place (see yamledit.py) and records it as made from today's German text
in translated-from.yaml — but only when the entry's msgid still is today's German text.
"""

from __future__ import annotations

import codecs
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Set
from typing import Any

import polib
from babel import Locale
from babel.core import UnknownLocaleError
from pydantic import BaseModel

from sitegen.content.tree import Content, load_content, model_of
from sitegen.core.errors import ContentError, Problem, display_path
from sitegen.core.fields import TextField, fields_by_key, format_path
from sitegen.core.messages import CATALOGS, N_, _
from sitegen.core.inline import MARKUP
from sitegen.read.inputs import decode_text, read_bytes, size_text
from sitegen.review.langguard import check_language, language_name, same_as_source
from sitegen.read.load import _FORBIDDEN, MAX_FILE_BYTES, FieldPath, _forbidden_message, parse_document
from sitegen.core.paths import Paths
from sitegen.content.status import RECORD_FILE, OUTDATED, FieldStatus, Records, fingerprint
from sitegen.output.write import write_if_changed
from sitegen.translation.mark_current import content_lock, prune, write_records
from sitegen.translation.yamledit import EditError, set_texts

PROJECT = "werkstaetten-content"
GENERATOR = "sitegen export-po"  # the X-Generator header of every exported file
FUZZY = "fuzzy"
_FALLBACK_PLURALS = "nplurals=2; plural=(n != 1);"


# --- export --------------------------------------------------------------------------------------


def export_po(content: Content, lang: str, out_dir: Path, root: Path) -> list[Path]:
    """Write one PO file per content item of translation language `lang` into `out_dir`
    (site.po, faq.po, theme.po, workshops/<name>.po), also for items not translated yet.

    Files are written only when their text changes; exporting twice gives identical bytes. Nothing
    is written (OutFolderError) when `out_dir` is a place for other files (see _check_out_folder),
    or when a file there of the same name is not a PO file sitegen wrote.
    Returns the paths of all the item's PO files, in content order."""
    _check_translation_language(content, lang)
    texts = content.by_language[lang]
    by_item: dict[str, list[FieldStatus]] = {}
    for status in texts.status:
        by_item.setdefault(status.item, []).append(status)
    paths = [out_dir / po_name(item) for item in content.items]
    _check_out_folder(out_dir, root, paths, lang)
    for item, path in zip(content.items, paths):
        write_if_changed(path, render_po(content, lang, item, by_item.get(item, [])).encode("utf-8"),
                         display_path(path, root), limit=MAX_PO_BYTES)
    return paths


class OutFolderError(ContentError):
    """export-po must not write where it was told to: a mistake on the command line (the command line
    should exit 2 for it, as for other wrong arguments). A ContentError, so it is reported like one."""


def _check_out_folder(out_dir: Path, root: Path, paths: list[Path], lang: str) -> None:
    """Refuse (OutFolderError) to write PO files into the project folder itself, into content/, docs/ or
    the theme folder, or into a folder of the project that holds other files than PO files (scripts/,
    tests/ …); or to replace a file sitegen did not write, or to write through a symbolic link."""
    base = os.path.abspath(root) + os.sep

    def shown(path: Path) -> str:  # as given when outside the project: a link is named, not where it leads
        return display_path(path, root) if os.path.abspath(path).startswith(base) else path.as_posix()

    # TRANSLATORS: an instruction, used as {fix} at the end of the messages about where export-po may write
    # ("this is not a folder; {fix}", "… remove the link, or {fix}"); {lang} is a language code.
    fix = _("export into a folder of its own, e.g. po/{lang}").format(lang=lang)
    folder, project = out_dir.resolve(), root.resolve()
    if os.path.lexists(out_dir) and not out_dir.is_dir():
        raise OutFolderError([Problem(shown(out_dir), 0, 0, _("this is not a folder; {fix}").format(fix=fix))])
    if folder == project:
        raise OutFolderError([Problem(shown(out_dir), 0, 0, _("this is the project folder; {fix}").format(fix=fix))])
    paths_of = Paths.for_root(root)
    for source in (paths_of.content, paths_of.docs, paths_of.theme):
        if folder == source or source in folder.parents:
            raise OutFolderError([Problem(shown(out_dir), 0, 0, _(
                "this is inside {folder}/, which holds the site's own files; {fix}").format(
                folder=shown(source), fix=fix))])
    if project in folder.parents:
        top = project / folder.relative_to(project).parts[0]
        foreign = _foreign_file(top) if top.is_dir() else top if os.path.lexists(top) else None
        if foreign is not None:
            raise OutFolderError([Problem(shown(out_dir), 0, 0, _(
                "{folder}/ holds other files than PO files ({file}), so sitegen writes nothing into it; "
                "{fix}").format(folder=shown(top), file=shown(foreign), fix=fix))])
    problems = []
    for path in paths:
        if path.parent.resolve() != folder / path.parent.relative_to(out_dir):
            problems.append(Problem(shown(path.parent), 0, 0, _(
                "this folder is, or lies in, a symbolic link; sitegen writes PO files only into real folders: "
                "remove the link, or {fix}").format(fix=fix)))
        elif os.path.lexists(path) and (path.is_symlink() or not path.is_file()):
            problems.append(Problem(shown(path), 0, 0, _(
                "this is not a regular file (a symbolic link, a folder or another kind), so sitegen does not "
                "replace it; move it elsewhere, or {fix}").format(fix=fix)))
        elif os.path.lexists(path) and not _is_export(path, shown(path)):
            problems.append(Problem(shown(path), 0, 0, _(
                "this file was not written by `sitegen export-po` (its header has neither X-Generator: "
                "{generator} nor Project-Id-Version: {project}), so it is not replaced; move it elsewhere, "
                "or {fix}").format(generator=GENERATOR, project=PROJECT, fix=fix)))
    if problems:
        raise OutFolderError(problems)


def _foreign_file(folder: Path) -> Path | None:
    """The first file below `folder` that is not a PO file (or is a symbolic link), hidden ones left out."""
    for directory, folders, names in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(folders):
            if os.path.islink(os.path.join(directory, name)):
                return Path(directory, name)
        for name in sorted(names):
            path = Path(directory, name)
            if not name.startswith(".") and (not name.endswith(".po") or path.is_symlink()):
                return path
    return None


def _is_export(path: Path, shown: str) -> bool:
    """Whether the file `path` is a PO file that `sitegen export-po` wrote (a translation tool may have
    changed it since: tools write their own X-Generator, but keep Project-Id-Version)."""
    try:
        header = parse_po(decode_text(read_bytes(path, shown, MAX_PO_BYTES), shown).replace("\r\n", "\n")).header
    except (ContentError, PoSyntaxError):
        return False
    return header.get("X-Generator") == GENERATOR or header.get("Project-Id-Version") == PROJECT


def po_name(item: str) -> str:
    """faq.yaml -> faq.po, workshops/x.yaml -> workshops/x.po"""
    return (item[:-5] if item.endswith(".yaml") else item) + ".po"


def render_po(content: Content, lang: str, item: str, statuses: list[FieldStatus]) -> str:
    """The text of the PO file of one item."""
    texts = content.by_language[lang]
    language = texts.language
    source = content.source
    po = polib.POFile(wrapwidth=78)
    po.header = (
        f"{language.name} ({lang}): Übersetzung von {source.paths[item]}\n"
        f"Übersetzungsdatei: {texts.paths[item]}\n"
        "Erzeugt mit `sitegen export-po`; einlesen mit `sitegen import-po`.\n"
        "Ein Eintrag je Text. msgctxt nennt Datei und Feld, msgid ist der deutsche Text von heute.\n"
        "„fuzzy“: der deutsche Text wurde geändert, seit übersetzt wurde; Übersetzung prüfen,\n"
        "anpassen und „fuzzy“ entfernen. Einträge mit „fuzzy“ oder leerem msgstr werden nicht eingelesen."
    )
    po.metadata = {
        "Project-Id-Version": PROJECT,
        "Last-Translator": f"{language.name} translators",
        "Language-Team": f"{language.name} ({lang})",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms(lang),
        "X-Source-Language": source.language.code,
        "X-Generator": GENERATOR,
    }
    # In the order of the German file; text_leaves gives model order, which may differ.
    for status in sorted(statuses, key=lambda s: (s.source.line, s.source.column)):
        po.append(_entry(status))
    text = str(po)
    return text if text.endswith("\n") else text + "\n"


def _entry(status: FieldStatus) -> polib.POEntry:
    german = status.source
    translation = status.translation
    comments = [f"Übersetzung: {translation.file}:{translation.line}" if translation is not None
                else f"Übersetzung: fehlt noch in {status.file}"]
    description = field_description(status.item, german.path)
    if description:
        comments.append(description)
    if status.status == OUTDATED:
        comments.append("Veraltet: der deutsche Text wurde geändert, seit übersetzt wurde.")
    if MARKUP.search(german.text):
        comments.append("[…]{lang=xx} markiert Wörter in einer anderen Sprache; die Auszeichnung beibehalten.")
    if status.item == "theme.yaml" and "#" in german.text:
        comments.append("„#“ steht für eine Zahl; beibehalten.")
    return polib.POEntry(
        msgctxt=f"{status.item}:{status.field}",
        msgid=german.text,
        msgstr=translation.text if translation is not None else "",
        comment="\n".join(comments),
        occurrences=[(german.file, str(german.line))],
        flags=[FUZZY] if status.status == OUTDATED else [],
    )


def field_description(item: str, path: FieldPath) -> str | None:
    """The help text of a field from the content model (German, as editors see it)."""
    model: Any = model_of(item)
    inherited = None
    for index, part in enumerate(path):
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            break
        spec = fields_by_key(model).get(part)
        if spec is None:
            break
        description = spec.info.description
        if all(isinstance(p, int) for p in path[index + 1:]):  # the field itself
            own_doc = model.__dict__.get("__doc__")
            return description or (own_doc.strip() if own_doc else None) or inherited
        inherited = description or inherited
        model = spec.inner
    return inherited



def plural_forms(lang: str) -> str:
    """The Plural-Forms header for a language, from its CLDR plural rules (via Babel), for
    whole numbers: e.g. hsb -> nplurals=4 (one, two, few, other)."""
    try:
        rule = Locale.parse(lang).plural_form
    except (UnknownLocaleError, ValueError, TypeError):
        return _FALLBACK_PLURALS
    tags = [tag for tag in ("zero", "one", "two", "few", "many", "other") if tag in rule.tags | {"other"}]
    branches = []
    for tag, ast in sorted(rule.abstract, key=lambda pair: tags.index(pair[0])):
        condition = _compile(ast)
        if condition is False:
            continue  # never true for whole numbers (e.g. rules for decimals)
        if condition is True:
            branches.append((True, tags.index(tag)))
            break
        branches.append((condition, tags.index(tag)))
    expression = str(tags.index("other"))
    for condition, index in reversed(branches):
        expression = str(index) if condition is True else f"{_parenthesised(condition)} ? {index} : {expression}"
    return f"nplurals={len(tags)}; plural=({expression});"


def _compile(node: Any) -> Any:
    """A CLDR plural rule (Babel's abstract form) as a C expression in n, for whole numbers:
    the integer digits i are n, the fraction operands v, w, f, t, c, e are 0. Parts that are
    constant are worked out, so the expression stays short."""
    op, args = node
    if op in ("n", "i"):
        return "n"
    if op in ("v", "w", "f", "t", "c", "e"):
        return 0
    if op == "value":
        return args[0]
    if op == "mod":
        left, right = _compile(args[0]), _compile(args[1])
        return left % right if isinstance(left, int) else f"{left} % {right}"
    if op in ("is", "isnot"):
        left, right = _compile(args[0]), _compile(args[1])
        if isinstance(left, int):
            return (left == right) == (op == "is")
        return f"{left} {'==' if op == 'is' else '!='} {right}"
    if op == "relation":
        _, expr, range_list = args
        value = _compile(expr)
        parts: list[Any] = []
        for low, high in range_list[1]:
            low, high = _compile(low), _compile(high)
            if isinstance(value, int):
                parts.append(low <= value <= high)
            elif low == high:
                parts.append(f"{value} == {low}")
            else:
                parts.append(f"{value} >= {low} && {value} <= {high}")
        return _join(parts, "||")
    if op == "not":
        inner = _compile(args[0])
        return (not inner) if isinstance(inner, bool) else f"!({inner})"
    if op in ("and", "or"):
        return _join([_compile(arg) for arg in args], "&&" if op == "and" else "||")
    raise ValueError(f"unknown plural rule operator {op}")


def _join(parts: list[Any], operator: str) -> Any:
    absorbing, neutral = (False, True) if operator == "&&" else (True, False)
    if any(part is absorbing for part in parts):
        return absorbing
    parts = [part for part in parts if part is not neutral]
    if not parts:
        return neutral
    if len(parts) == 1:
        return parts[0]
    return f" {operator} ".join(_parenthesised(part) for part in parts)


def _parenthesised(expression: str) -> str:
    return f"({expression})" if ("&&" in expression or "||" in expression) else expression


# --- reading PO files --------------------------------------------------------------------------

# A real export has a few kilobytes. A PO file mirrors one content file (at most 256 KB), German and
# translation side by side with comments: about 1 MB at the very most, 2 MB if a tool writes every
# non-ASCII byte as an escape (msgconv --escape). 4 MB leaves room for that, and the reader below gets
# through the worst 4 MB anyone can write in a second or two (tests/test_po_limits.py).
MAX_PO_BYTES = 4 * 1024 * 1024


@dataclass(slots=True)
class PoEntry:
    """One entry of a PO file as read; `line` is where its first keyword (msgctxt or msgid) stands."""

    line: int
    msgctxt: str | None = None
    msgid: str | None = None
    msgid_plural: str | None = None
    msgstr: str | None = None
    plural_forms: dict[int, str] = field(default_factory=dict)
    flags: Set[str] = frozenset()

    @property
    def fuzzy(self) -> bool:
        return FUZZY in self.flags


# A string as written: its pieces, each (the inside of the quotes, still escaped; its first line; and,
# for a run of continuation lines read in one step, where the run starts and ends in the file, else -1).
Fragments = list[tuple[str, int, int, int]]
Key = tuple[str, int | None]  # a keyword and its plural index: ("msgstr", None), ("msgstr", 1)
_NO_FLAGS: frozenset[str] = frozenset()


@dataclass
class PoFile:
    """A PO file as read: its header fields, its entries (obsolete `#~` entries left out), and the
    problems of strings that cannot be read, as (line, message); an entry with such a string is left out."""

    header: dict[str, str]
    entries: list[PoEntry]
    problems: list[tuple[int, str]] = field(default_factory=list)
    _header: tuple[str, Fragments, str] = field(default=("", [], ""), repr=False)  # value, fragments, the file

    def header_line(self, name: str) -> int:
        """The line of the file the header field `name` stands on (1 if there is none)."""
        value, fragments, text = self._header
        match = re.search(rf"(?m)^[ \t]*{re.escape(name)}[ \t]*:", value)
        return _line_of(fragments, text, value, match.start()) if match and fragments else 1


class PoSyntaxError(Exception):
    """The first line of a PO file that cannot be read; `message` is the whole message for it."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def _syntax(line: int, what: str) -> PoSyntaxError:
    """`what`: what is wrong with the line, already translated (see the TRANSLATORS comments of the callers)."""
    return PoSyntaxError(line, _("this is not a valid PO file: {what}; fix the line or export the PO files "
                                 "again").format(what=what))


# The common lines, each read by one regular expression; anything else goes the slow way (_keyword_line),
# which gives the same result or says exactly what is wrong. Possessive (*+, ++): never going back, so
# every expression is linear in its line (a line may be megabytes long).
_KEYWORD_LINE = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr)(?:\[([0-9]{1,4})\])?[ \t]*"((?:[^"\\]++|\\.)*+)"')
_STRING_LINE = re.compile(r'"((?:[^"\\]++|\\.)*+)"')
# Continuation lines as tools write them (a text in quotes from the first column), read in one step.
_RUN = re.compile(r'(?:"(?:[^"\\\n]++|\\[^\n])*+"[ \t]*\n)*+')
_RUN_LINE = re.compile(r'"((?:[^"\\\n]++|\\[^\n])*+)"[ \t]*\n')
# The slow way.
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[([0-9]{1,4})\])?(?=\s|\")\s*")
_STRING = re.compile(r'"((?:[^"\\]++|\\.)*+)(")?')
# GNU gettext's escapes (po-lex.c): these letters, 1-3 octal digits, or \x and any number of hex digits.
_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))")
_C_ESCAPES = {"n": b"\n", "t": b"\t", "r": b"\r", "a": b"\a", "b": b"\b", "f": b"\f", "v": b"\v",
              "\\": b"\\", '"': b'"'}
# Translated where it is used, as {hint}: _(_UTF8_HINT).
_UTF8_HINT = N_("write the characters themselves, or every byte of each in UTF-8 (ü is \\303\\274)")


def parse_po(text: str) -> PoFile:
    """Read the text of a PO file strictly, in one pass, the way GNU gettext reads it: a string's escapes
    are bytes (\\303\\274 is ü), and the string as a whole is UTF-8, the only charset sitegen reads.
    Raise PoSyntaxError at the first line that is not PO, or at the header's other charset; strings
    that cannot be read are the file's `problems`."""
    po = PoFile({}, [], [])
    problems = po.problems
    plain = _FORBIDDEN.search(text) is None  # no invisible character written as it is: only escapes can make one
    entry_line, entry_flags = 0, _NO_FLAGS
    strings: dict[Key, Fragments] | None = None  # of the entry being read, as written
    complete = False  # the entry has its msgstr (or msgstr[n])
    last: Fragments | None = None  # the string continuation lines belong to
    flags: set[str] | None = None  # from `#,` lines, for the next entry

    def finish() -> None:
        """The entry read so far, checked, its strings decoded; into po.entries, or po.header."""
        nonlocal strings, last
        if strings is None:
            return
        if ("msgid", None) not in strings:
            # TRANSLATORS: what is wrong, used as {what} in "this is not a valid PO file: {what}; …"
            raise _syntax(entry_line, _("msgctxt without msgid; every entry needs msgid and msgstr"))
        if not complete:
            # TRANSLATORS: what is wrong, used as {what} in "this is not a valid PO file: {what}; …"
            raise _syntax(entry_line, _("this entry has no msgstr; add msgstr \"\" after msgid"))
        found, strings, last = strings, None, None
        count = len(problems)
        values = {key: _decode(fragments, text, plain, problems) for key, fragments in found.items()}
        if len(problems) > count:
            return
        context = values.get(("msgctxt", None))
        if context is None and values[("msgid", None)] == "" and not po._header[1]:
            header = values.get(("msgstr", None)) or ""
            po._header = (header, found.get(("msgstr", None), []), text)
            for line in header.split("\n"):
                name, colon, value = line.partition(":")
                if colon and name.strip():
                    po.header[name.strip()] = value.strip()
            return
        entry = PoEntry(entry_line, context, values[("msgid", None)], values.get(("msgid_plural", None)),
                        values.get(("msgstr", None)), flags=entry_flags)
        if entry.msgid_plural is not None:
            entry.plural_forms = {index: value for (_, index), value in values.items() if index is not None}
        po.entries.append(entry)

    size, position, number = len(text), 0, 0
    while position < size:
        number += 1
        end = text.find("\n", position)
        end = size if end < 0 else end
        line = text[position:end].strip()
        position = end + 1
        if not line:
            continue
        first = line[0]
        if first == "#":
            if line.startswith(("#~", "#|")):
                continue  # obsolete entries and previous msgids are not read
            finish()  # a comment starts the next entry; the one before must be complete
            if line.startswith("#,"):
                flags = (flags or set()) | {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        if first == '"':
            if last is None:
                # TRANSLATORS: what is wrong, used as {what} in "this is not a valid PO file: {what}; …"
                raise _syntax(number, _("a text in quotes must follow msgctxt, msgid or msgstr"))
            match = _STRING_LINE.fullmatch(line)
            last.append((match.group(1) if match else _literal(line, 0, number), number, -1, -1))
        else:
            match = _KEYWORD_LINE.fullmatch(line)
            keyword, index, value = match.groups() if match else _keyword_line(line, number)
            key: Key = (keyword, None if index is None else int(index))
            if keyword in ("msgctxt", "msgid") and (strings is None or complete):
                finish()
                entry_line, entry_flags, flags = number, flags or _NO_FLAGS, None
                strings, complete = {}, False
            if strings is None:
                # TRANSLATORS: what is wrong, used as {what} in "this is not a valid PO file: {what}; …";
                # {keyword} is msgctxt, msgid, msgid_plural or msgstr.
                raise _syntax(number, _("{keyword} must follow msgid").format(keyword=keyword))
            if keyword == "msgctxt":
                if strings:
                    # TRANSLATORS: what is wrong, used as {what} in "this is not a valid PO file: {what}; …"
                    raise _syntax(number, _("msgctxt must come first in an entry, before msgid"))
            elif keyword == "msgid":
                if ("msgid", None) in strings:
                    # TRANSLATORS: what is wrong, used as {what} in "this is not a valid PO file: {what}; …"
                    raise _syntax(number, _("a second msgid in one entry; the entry above lacks msgstr"))
            elif keyword == "msgid_plural":
                if ("msgid", None) not in strings or ("msgid_plural", None) in strings or complete:
                    # TRANSLATORS: what is wrong, used as {what} in "this is not a valid PO file: {what}; …"
                    raise _syntax(number, _("msgid_plural must follow msgid"))
            elif index is None:
                if ("msgid", None) not in strings or complete:
                    # TRANSLATORS: what is wrong, used as {what} in "this is not a valid PO file: {what}; …"
                    raise _syntax(number, _("msgstr must follow msgid"))
                complete = True
            else:
                if ("msgid_plural", None) not in strings or ("msgstr", None) in strings or key in strings:
                    # TRANSLATORS: what is wrong, used as {what} in "this is not a valid PO file: {what}; …"
                    raise _syntax(number, _("msgstr[n] needs msgid_plural"))
                complete = True
            last = strings[key] = [(value, number, -1, -1)]
        if text.startswith('"', position):  # continuation lines as tools write them: all in one step
            run = _RUN.match(text, position)
            if run.end() > position:
                pieces = _RUN_LINE.findall(text, position, run.end())
                last.append(("".join(pieces), number + 1, position, run.end()))
                number += len(pieces)
                position = run.end()
    finish()
    charset = re.search(r"charset=([^\s;]+)", po.header.get("Content-Type", ""))
    if charset and charset.group(1).lower().replace("-", "") != "utf8":
        raise PoSyntaxError(po.header_line("Content-Type"), _(
            "the file declares charset={charset}; sitegen reads PO files as UTF-8: save it as UTF-8 and set "
            "charset=UTF-8").format(charset=_short(charset.group(1))))
    return po


def _keyword_line(line: str, number: int) -> tuple[str, str | None, str]:
    """A keyword line the quick expression did not read: read it, or say what is wrong with it."""
    match = _KEYWORD.match(line)
    if not match:
        # TRANSLATORS: what is wrong, used as {what} in "this is not a valid PO file: {what}; …"
        raise _syntax(number, _("cannot read this line; a PO line starts with #, msgctxt, msgid, msgstr or a text "
                                "in double quotes"))
    return match.group(1), match.group(2), _literal(line, match.end(), number)


def _literal(line: str, start: int, number: int) -> str:
    """The inside of the string literal at `start`, still escaped; nothing but spaces may follow it."""
    match = _STRING.match(line, start)
    if match is None:
        # TRANSLATORS: what is wrong, used as {what} in "this is not a valid PO file: {what}; …"
        raise _syntax(number, _("expected a text in double quotes"))
    if match.group(2) is None:
        # TRANSLATORS: what is wrong, used as {what} in "this is not a valid PO file: {what}; …"
        raise _syntax(number, _("the closing double quote is missing; write \\\" for a quote inside the text"))
    if line[match.end():].strip():
        # TRANSLATORS: what is wrong, used as {what} in "this is not a valid PO file: {what}; …"
        raise _syntax(number, _("text after the closing double quote; write \\\" for a quote inside the text"))
    return match.group(1)


class _EscapeError(Exception):
    def __init__(self, index: int, message: str):
        super().__init__(message)
        self.index = index  # of the backslash, in the escaped text
        self.message = message


def _unescape(escaped: str) -> bytes:
    """The bytes an escaped string stands for: its characters in UTF-8, each escape one byte."""
    out = bytearray()
    position = 0
    for match in _ESCAPE.finditer(escaped):
        out += escaped[position:match.start()].encode("utf-8")
        position = match.end()
        octal, hexadecimal, letter = match.groups()
        if letter is not None:
            if letter not in _C_ESCAPES:
                raise _EscapeError(match.start(), _(
                    "this is not a valid PO file: unknown escape \\{letter}; write \\\\ for a backslash; fix the "
                    "line or export the PO files again").format(letter=letter))
            out += _C_ESCAPES[letter]
            continue
        digits = octal if octal is not None else hexadecimal.lstrip("0")
        value = int(octal, 8) if octal is not None else int(digits, 16) if len(digits) <= 2 else 256
        if value > 0xFF:
            # GNU gettext keeps the lowest 8 bits, silently: \x110000 would become a NUL byte.
            raise _EscapeError(match.start(), _(
                "the escape {escape} stands for more than one byte (the most is \\377 or \\xff); {hint}").format(
                escape=_short(match.group(0), 12), hint=_(_UTF8_HINT)))
        out.append(value)
    out += escaped[position:].encode("utf-8")
    return bytes(out)


def _decode(fragments: Fragments, text: str, plain: bool, problems: list[tuple[int, str]]) -> str | None:
    """A string as text: its escapes as bytes, all of it UTF-8, with no character a content text may not
    hold (the content loader's rule). Otherwise None, and a problem at the line where it is wrong."""
    escaped = fragments[0][0] if len(fragments) == 1 else "".join(piece for piece, *_ in fragments)
    if "\\" not in escaped:
        if plain:
            return escaped
        value = escaped
    else:
        try:
            data = _unescape(escaped)
        except _EscapeError as error:
            problems.append((_line_of(fragments, text, escaped, error.index, escaped=True), error.message))
            return None
        try:
            value = data.decode("utf-8")
        except UnicodeDecodeError as error:
            byte = data[error.start]
            # TRANSLATORS: {octal} and {hex} are one byte written as PO escapes, e.g. \377 and \xff.
            problems.append((_line_of_byte(fragments, text, error.start), _(
                "the escapes in this text stand for bytes that are not valid UTF-8 (the byte {octal} = {hex} "
                "cannot stand there); {hint}").format(octal=f"\\{byte:03o}", hex=f"\\x{byte:02x}",
                                                      hint=_(_UTF8_HINT))))
            return None
    hidden = _FORBIDDEN.search(value)
    if hidden is not None:
        problems.append((_line_of(fragments, text, value, hidden.start()), _forbidden_message(hidden.group())))
        return None
    return value


def _pieces(fragments: Fragments, text: str):
    """A string's pieces line by line, (escaped text, line): runs of continuation lines taken apart again."""
    for piece, line, start, end in fragments:
        if start < 0:
            yield piece, line
        else:
            for offset, match in enumerate(_RUN_LINE.finditer(text, start, end)):
                yield match.group(1), line + offset


def _line_of(fragments: Fragments, text: str, value: str, index: int, escaped: bool = False) -> int:
    """The line of the character at `index` of a string (`value`: the string as text, or as written)."""
    if not escaped and any("\\" in piece for piece, *_ in fragments):
        return _line_of_byte(fragments, text, len(value[:index].encode("utf-8")))
    line = fragments[-1][1]
    for piece, line in _pieces(fragments, text):
        if index < len(piece):
            return line
        index -= len(piece)
    return line


def _line_of_byte(fragments: Fragments, text: str, offset: int) -> int:
    """The line of byte `offset` of the bytes a string stands for."""
    line = fragments[-1][1]
    for piece, line in _pieces(fragments, text):
        size = len(_unescape(piece) if "\\" in piece else piece.encode("utf-8"))
        if offset < size:
            return line
        offset -= size
    return line


def read_po_file(path: Path, shown: str) -> PoFile:
    """Read and parse a PO file (a regular file of at most MAX_PO_BYTES); ContentError at the bad lines."""
    # TRANSLATORS: a noun phrase, used as {what} in "the file is …, more than the 4 MB {what} may have; {fix}"
    what = _("a PO file")
    # TRANSLATORS: used as {fix} in "the file is …, more than the 4 MB a PO file may have; {fix}"
    fix = _("PO files from `sitegen export-po` have a few kilobytes; export them again")
    raw = read_bytes(path, shown, MAX_PO_BYTES, what=what, fix=fix)
    text = decode_text(raw, shown, charset_hint=" (charset=UTF-8)").replace("\r\n", "\n")
    try:
        po = parse_po(text)
    except PoSyntaxError as error:
        raise ContentError([Problem(shown, error.line, 0, error.message)]) from None
    if po.problems:
        raise ContentError([Problem(shown, line, 0, message) for line, message in po.problems])
    return po


# --- import ---------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    """What import_po did. Counts are PO entries; `written` lists the files changed, as shown."""

    updated: int = 0  # texts written into translation files (changed or new)
    recorded: int = 0  # fields newly recorded as translated from today's German text
    unchanged: int = 0  # finished entries whose text was already in the translation file
    skipped_fuzzy: int = 0  # not imported: marked fuzzy
    skipped_empty: int = 0  # not imported: no translation
    written: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class _Change:
    status: FieldStatus
    text: str
    where: Problem  # the PO entry, for messages

    @property
    def context(self) -> str:
        return f"{self.status.item}:{self.status.field}"


def import_po(content: Content, lang: str, in_dir: Path, content_dir: Path, root: Path) -> ImportReport:
    """Read the PO files below `in_dir` (as written by export_po) into the translation `lang`.

    Every entry that is neither fuzzy nor empty sets its field (named by msgctxt) in the
    translation file to msgstr (whitespace at the ends removed); files are changed in place,
    only where a text changed (see yamledit.py), created if missing. The field is recorded as
    translated from today's German text when the entry's msgid is today's German text; if the
    German changed since the export, it is not (and a record made from an older text is removed)
    and a warning says so.

    The PO files are read first; a file whose Language header names another language is refused.
    Then, holding the lock builds take (translate.content_lock), the content is read again as it
    is now (`content` is only used to check `lang`), every text to be written is checked by the
    language guard, and the changed content is loaded and validated as a whole. On any error
    ContentError is raised, located at the PO entries, and no file is written."""
    _check_translation_language(content, lang)
    shown = lambda path: display_path(path, root)  # noqa: E731
    files = sorted(in_dir.rglob("*.po")) if in_dir.is_dir() else []
    if not files:
        raise ContentError([Problem(shown(in_dir), 0, 0, _(
            "no PO files found here; run `sitegen export-po --lang {lang}` first, or name the folder that holds "
            "the PO files").format(lang=lang))])
    problems: list[Problem] = []
    read: list[tuple[str, PoFile]] = []
    for path in files:
        po_shown = shown(path)
        try:
            po = read_po_file(path, po_shown)
        except ContentError as error:
            problems += error.problems
            continue
        declared = po.header.get("Language", "").strip()
        if declared and declared.replace("-", "_").split("_")[0].lower() != lang:
            problems.append(Problem(po_shown, po.header_line("Language"), 0, _(
                "this PO file is for the language '{declared}', not '{lang}'; import it with the right "
                "--lang").format(declared=_short(declared), lang=lang)))
            continue
        read.append((po_shown, po))
    if problems:
        raise ContentError(problems)
    with content_lock(root):
        # What content/ holds now: another import or mark-current may have changed it since `content` was read.
        current = load_content(content_dir, root)
        _check_translation_language(current, lang)
        return _import(current, lang, read, content_dir, root)


def _check_translation_language(content: Content, lang: str) -> None:
    if lang == content.languages[0].code or lang not in content.by_language:
        raise ValueError(_("'{lang}' is not a translation language").format(lang=lang))


def _import(content: Content, lang: str, read: list[tuple[str, PoFile]], content_dir: Path,
            root: Path) -> ImportReport:
    """import_po's work on content read inside the lock: check everything, then write."""
    source_code = content.languages[0].code
    texts = content.by_language[lang]
    shown = lambda path: display_path(path, root)  # noqa: E731
    by_context = {f"{status.item}:{status.field}": status for status in texts.status}
    report = ImportReport()
    problems: list[Problem] = []
    records: Records = {item: dict(fields) for item, fields in texts.records.items()}
    changes: dict[str, dict[FieldPath, _Change]] = {}
    sizes: dict[str, int] = {}  # item -> bytes of its new texts
    seen: dict[str, Problem] = {}
    for po_shown, po in read:
        for entry in po.entries:
            where = Problem(po_shown, entry.line, 0, "")
            context = entry.msgctxt
            if context is None:
                problems.append(_at(where, _(
                    "this entry has no msgctxt, so it belongs to no field (msgid \"{msgid}\"); export the PO files "
                    "again").format(msgid=_short(entry.msgid or ""))))
                continue
            status = by_context.get(context)
            if status is None:
                problems.append(_at(where, _("unknown field '{field}'; export the PO files again").format(
                    field=_short(context, 80))))
                continue
            if entry.msgid_plural is not None:
                problems.append(_at(where, _(
                    "'{field}' has plural forms (msgid_plural), but content texts have none; export the PO files "
                    "again").format(field=context)))
                continue
            if context in seen:
                first = seen[context]
                problems.append(_at(where, _(
                    "the field '{field}' appears twice (first at {file}:{line}); keep one and delete the "
                    "other").format(field=context, file=first.path, line=first.line)))
                continue
            seen[context] = where
            if entry.fuzzy:
                report.skipped_fuzzy += 1
                continue
            text = (entry.msgstr or "").strip()
            if not text:
                report.skipped_empty += 1
                continue
            german = status.source.text
            same_german = fingerprint(entry.msgid or "") == fingerprint(german)
            current = status.translation.text if status.translation is not None else None
            changed = text != current
            if changed:
                # Bounded before any further work: no content file may be larger than MAX_FILE_BYTES.
                sizes[status.item] = sizes.get(status.item, 0) + len(text.encode("utf-8"))
                if sizes[status.item] > MAX_FILE_BYTES:
                    # TRANSLATORS: {limit} is a size, e.g. "256 KB".
                    problems.append(_at(where, _(
                        "'{field}': with this text, {file} would be more than {limit}, the most a content file "
                        "may have; shorten the text").format(field=context, file=status.file,
                                                             limit=size_text(MAX_FILE_BYTES))))
                    continue
                changes.setdefault(status.item, {})[status.source.path] = _Change(status, text, where)
                report.updated += 1
            else:
                report.unchanged += 1
            item_records = records.setdefault(status.item, {})
            if same_german:
                if item_records.get(status.field) != fingerprint(german):
                    item_records[status.field] = fingerprint(german)
                    report.recorded += 1
            else:
                if changed and item_records.get(status.field) == fingerprint(german):
                    del item_records[status.field]  # the new text was made from an older German text
                report.warnings.append(_at(where, _(
                    "the German text of '{field}' changed since this file was exported, so the translation was not "
                    "recorded as current; export again and check it against the new German text").format(
                    field=context), "warning"))
    problems += _guard(content, lang, [change for item_changes in changes.values()
                                       for change in item_changes.values()])
    if problems:
        raise ContentError(problems + report.warnings)

    new_texts: dict[str, str] = {}
    for item, item_changes in changes.items():
        target = content_dir / lang / item
        old = _read_content_file(target, shown(target))
        german_file = content_dir / source_code / item
        template = _read_content_file(german_file, shown(german_file))
        try:
            new = set_texts(old, {path: change.text for path, change in item_changes.items()}, template)
        except EditError as error:
            change = item_changes.get(error.path) or next(iter(item_changes.values()))
            # TRANSLATORS: {field} is a file and field ("faq.yaml:questions[0].answer"), {message} what is wrong.
            problems.append(_at(change.where, _("'{field}': {message}").format(
                field=f"{change.status.item}:{_field_name(error.path) or change.status.field}",
                message=error.message)))
            continue
        if new != old:
            new_texts[item] = new
    if problems:
        raise ContentError(problems + report.warnings)

    records_changed = records != texts.records
    if new_texts or records_changed:
        checked = _validate(content_dir, root, lang, new_texts, changes)
        final_records = prune(checked, lang, records)
    # Write: the content files first, the records last (an interrupted import then leaves
    # fields outdated, never wrongly current).
    for item, new in new_texts.items():
        target = content_dir / lang / item
        if write_if_changed(target, new.encode("utf-8"), shown(target), limit=MAX_FILE_BYTES):
            report.written.append(shown(target))
    if records_changed and write_records(content_dir / lang / RECORD_FILE, final_records, texts.records_path):
        report.written.append(texts.records_path)
    report.warnings.sort()
    return report


def _read_content_file(path: Path, shown: str) -> str | None:
    """A content file's text as it is (a byte-order mark kept: only changed lines may change), or None."""
    # TRANSLATORS: a noun phrase, used as {what} in "the file is …, more than the 256 KB {what} may have; {fix}"
    raw = read_bytes(path, shown, MAX_FILE_BYTES, missing_ok=True, what=_("a content file"))
    if raw is None:
        return None
    return ("\ufeff" if raw.startswith(codecs.BOM_UTF8) else "") + decode_text(raw, shown)


def _guard(content: Content, lang: str, changes: list[_Change]) -> list[Problem]:
    """The language guard (as `sitegen check` runs it) on every text the import would write, at its PO
    entry: text in another site language, placeholders, copies of the German text. Also a copy of
    another translation's text of the field, long enough to be prose: a PO file of another language
    imported with the wrong --lang, which the model alone finds hardly ever for Sorbian."""
    if not changes:
        return []
    codes = [language.code for language in content.languages]
    source = content.languages[0].code
    pairs = [(TextField(lang, change.status.item, change.status.source.path, change.text, change.where.path,
                        change.where.line, 0), change.status.source) for change in changes]
    by_place = {(change.where.path, change.where.line): change for change in changes}
    problems = []
    found = set()
    for problem in check_language(pairs, lang, source, codes):
        change = by_place[(problem.path, problem.line)]
        # TRANSLATORS: {field} is a file and field ("faq.yaml:questions[0].answer"), {message} what is wrong.
        problems.append(_at(change.where, _("'{field}': {message}").format(field=change.context,
                                                                          message=problem.message)))
        found.add(id(change))
    others: dict[tuple[str, str], list[tuple[str, TextField]]] = {}
    for code in codes[1:]:
        if code != lang:
            for status in content.by_language[code].status:
                if status.translation is not None:
                    others.setdefault((status.item, status.field), []).append((code, status.translation))
    for change in changes:
        if id(change) in found:
            continue
        for code, translation in others.get((change.status.item, change.status.field), []):
            if same_as_source(change.text, translation.text):
                # TRANSLATORS: {other} is the name of the language the text is in ("English"), {code} its code;
                # {language} the name of the language the PO file was imported as ("Upper Sorbian").
                problems.append(_at(change.where, _(
                    "'{field}': this text is the {other} translation of the field ({file}:{line}), not {language}; "
                    "if this PO file holds {other} texts, import it with --lang {code}, otherwise translate the "
                    "text into {language}").format(
                    field=change.context, other=language_name(code, CATALOGS.language), file=translation.file,
                    line=translation.line, language=language_name(lang, CATALOGS.language), code=code)))
                break
    return problems


def _validate(content_dir: Path, root: Path, lang: str, new_texts: dict[str, str],
              changes: dict[str, dict[FieldPath, _Change]]) -> Content:
    """Load the whole content as it will be after the import, from a temporary copy; raise
    ContentError (located at the PO entries where possible) if it is not valid."""
    try:
        relative = content_dir.resolve().relative_to(root.resolve())
    except ValueError:
        relative = Path(content_dir.name)
    with tempfile.TemporaryDirectory(prefix="sitegen-import-") as temporary:
        copy_root = Path(temporary)
        copy_content = copy_root / relative
        shutil.copytree(content_dir, copy_content, ignore=shutil.ignore_patterns(".*.tmp"))
        for item, text in new_texts.items():
            target = copy_content / lang / item
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        try:
            return load_content(copy_content, copy_root)
        except ContentError as error:
            raise ContentError(_locate(error.problems, lang, new_texts, changes, content_dir, root)) from None


def _locate(problems: list[Problem], lang: str, new_texts: dict[str, str],
            changes: dict[str, dict[FieldPath, _Change]], content_dir: Path, root: Path) -> list[Problem]:
    """Problems found in the changed content, told at the PO entry whose text caused them.
    Each changed file is parsed once, whatever the number of problems."""
    by_line: dict[str, dict[int, _Change]] = {}  # shown file -> line of a changed text -> its change
    for item, text in new_texts.items():
        shown = display_path(content_dir / lang / item, root)
        try:
            document = parse_document(text, content_dir / lang / item, shown)
        except ContentError:
            continue
        by_line[shown] = {document.location(path)[0]: change for path, change in changes.get(item, {}).items()}
    located = []
    for problem in problems:
        entry = by_line.get(problem.path, {}).get(problem.line)
        if entry is None:
            # TRANSLATORS: {message} is what is wrong in a content file after the import.
            located.append(Problem(problem.path, problem.line, problem.column,
                                   _("after the import, {message}").format(message=problem.message), problem.level))
        else:
            # TRANSLATORS: {field} is a file and field ("faq.yaml:title"), {file} a content file, {message} what
            # would be wrong in it.
            located.append(_at(entry.where, _("'{field}' would make {file} invalid: {message}").format(
                field=f"{entry.status.item}:{entry.status.field}", file=problem.path, message=problem.message),
                problem.level))
    return located


def _at(where: Problem, message: str, level: str = "error") -> Problem:
    return Problem(where.path, where.line, where.column, message, level)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _field_name(path: FieldPath) -> str:
    return format_path(path) if path else ""
