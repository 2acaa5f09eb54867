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

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib
from babel import Locale
from babel.core import UnknownLocaleError
from pydantic import BaseModel

from .content import Content, load_content, model_of
from .errors import ContentError, Problem, display_path
from .fields import format_path, inner_model
from .inline import MARKUP
from .load import FieldPath, parse_document
from .status import RECORD_FILE, OUTDATED, FieldStatus, Records, fingerprint, write_records
from .translate import prune
from .yamledit import EditError, set_texts

PROJECT = "werkstaetten-content"
FUZZY = "fuzzy"
_FALLBACK_PLURALS = "nplurals=2; plural=(n != 1);"


# --- export --------------------------------------------------------------------------------------


def export_po(content: Content, lang: str, out_dir: Path, root: Path) -> list[Path]:
    """Write one PO file per content item of translation language `lang` into `out_dir`
    (site.po, faq.po, theme.po, workshops/<name>.po), also for items not translated yet.

    Files are written only when their text changes; exporting twice gives identical bytes.
    Returns the paths of all the item's PO files, in content order."""
    source = content.languages[0].code
    if lang == source or lang not in content.by_language:
        raise ValueError(f"'{lang}' is not a translation language")
    texts = content.by_language[lang]
    by_item: dict[str, list[FieldStatus]] = {}
    for status in texts.status:
        by_item.setdefault(status.item, []).append(status)
    paths = []
    for item in content.items:
        path = out_dir / po_name(item)
        _write_if_changed(path, render_po(content, lang, item, by_item.get(item, [])))
        paths.append(path)
    return paths


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
        "X-Generator": "sitegen export-po",
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
        fields = {info.alias or name: info for name, info in model.model_fields.items()}
        info = fields.get(part)
        if info is None:
            break
        if all(isinstance(p, int) for p in path[index + 1:]):  # the field itself
            own_doc = model.__dict__.get("__doc__")
            return info.description or (own_doc.strip() if own_doc else None) or inherited
        inherited = info.description or inherited
        model = inner_model(info.annotation)
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


@dataclass
class PoEntry:
    """One entry of a PO file as read; `line` is where its first keyword (msgctxt or msgid) stands."""

    line: int
    msgctxt: str | None = None
    msgid: str | None = None
    msgid_plural: str | None = None
    msgstr: str | None = None
    plural_forms: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def fuzzy(self) -> bool:
        return FUZZY in self.flags


class PoSyntaxError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?(?=\s|\")\s*(.*)$")
_C_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v",
              "\\": "\\", '"': '"', "'": "'", "?": "?"}


def parse_po(text: str) -> tuple[dict[str, str], list[PoEntry]]:
    """Read the text of a PO file strictly: its header fields and its entries (obsolete `#~`
    entries left out). Raise PoSyntaxError at the first line that is not valid PO."""
    entries: list[PoEntry] = []
    current: PoEntry | None = None
    flags: set[str] = set()
    last: tuple[str, int | None] | None = None  # the keyword a continuation line belongs to

    def finish() -> None:
        nonlocal current, last
        if current is not None:
            if current.msgid is None:
                raise PoSyntaxError(current.line, "msgctxt without msgid; every entry needs msgid and msgstr")
            if current.msgstr is None and not current.plural_forms:
                raise PoSyntaxError(current.line, "this entry has no msgstr; add msgstr \"\" after msgid")
            entries.append(current)
        current, last = None, None

    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if line.startswith("#~") or line.startswith("#|"):
                continue  # obsolete entries and previous msgids are not read
            if current is not None:
                finish()  # a comment starts the next entry; the current one must be complete
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        if line.startswith('"'):
            if current is None or last is None:
                raise PoSyntaxError(number, "a text in quotes must follow msgctxt, msgid or msgstr")
            _append(current, last, _string(line, number))
            continue
        match = _KEYWORD.match(line)
        if not match:
            raise PoSyntaxError(number, "cannot read this line; a PO line starts with #, msgctxt, msgid, "
                                "msgstr or a text in double quotes")
        keyword, index, rest = match.group(1), match.group(2), match.group(3)
        value = _string(rest, number)
        complete = current is not None and (current.msgstr is not None or bool(current.plural_forms))
        if keyword in ("msgctxt", "msgid") and (current is None or complete):
            finish()
            current = PoEntry(line=number, flags=flags)
            flags = set()
        if current is None:
            raise PoSyntaxError(number, f"{keyword} must follow msgid")
        if keyword == "msgctxt":
            if current.msgctxt is not None or current.msgid is not None:
                raise PoSyntaxError(number, "msgctxt must come first in an entry, before msgid")
            current.msgctxt = value
        elif keyword == "msgid":
            if current.msgid is not None:
                raise PoSyntaxError(number, "a second msgid in one entry; the entry above lacks msgstr")
            current.msgid = value
        elif keyword == "msgid_plural":
            if current.msgid is None or current.msgid_plural is not None or complete:
                raise PoSyntaxError(number, "msgid_plural must follow msgid")
            current.msgid_plural = value
        elif index is None:
            if current.msgid is None or complete:
                raise PoSyntaxError(number, "msgstr must follow msgid")
            current.msgstr = value
        else:
            if current.msgid_plural is None or current.msgstr is not None:
                raise PoSyntaxError(number, "msgstr[n] needs msgid_plural")
            current.plural_forms[int(index)] = value
        last = (keyword, None if index is None else int(index))
    finish()
    header: dict[str, str] = {}
    body = []
    for entry in entries:
        if entry.msgctxt is None and entry.msgid == "":
            for line in (entry.msgstr or "").split("\n"):
                name, colon, value = line.partition(":")
                if colon:
                    header[name.strip()] = value.strip()
        else:
            body.append(entry)
    return header, body


def _append(entry: PoEntry, last: tuple[str, int | None], value: str) -> None:
    keyword, index = last
    if keyword == "msgstr" and index is not None:
        entry.plural_forms[index] += value
    else:
        setattr(entry, keyword, getattr(entry, keyword) + value)


def _string(rest: str, number: int) -> str:
    """A C string literal in double quotes, unescaped."""
    if not rest.startswith('"'):
        raise PoSyntaxError(number, "expected a text in double quotes")
    out = []
    position = 1
    while True:
        if position >= len(rest):
            raise PoSyntaxError(number, "the closing double quote is missing; write \\\" for a quote inside the text")
        ch = rest[position]
        if ch == '"':
            break
        if ch == "\\":
            position += 1
            if position >= len(rest):
                raise PoSyntaxError(number, "the closing double quote is missing")
            escape = rest[position]
            if escape in _C_ESCAPES:
                out.append(_C_ESCAPES[escape])
            elif escape in "01234567":
                digits = re.match(r"[0-7]{1,3}", rest[position:]).group(0)  # type: ignore[union-attr]
                out.append(chr(int(digits, 8)))
                position += len(digits) - 1
            elif escape == "x" and re.match(r"x[0-9a-fA-F]+", rest[position:]):
                digits = re.match(r"x([0-9a-fA-F]+)", rest[position:]).group(1)  # type: ignore[union-attr]
                out.append(chr(int(digits, 16)))
                position += len(digits)
            else:
                raise PoSyntaxError(number, f"unknown escape \\{escape}; write \\\\ for a backslash")
        else:
            out.append(ch)
        position += 1
    if rest[position + 1:].strip():
        raise PoSyntaxError(number, "text after the closing double quote; write \\\" for a quote inside the text")
    return "".join(out)


def read_po_file(path: Path, shown: str) -> tuple[dict[str, str], list[PoEntry]]:
    """Read and parse a PO file; raise ContentError located at the bad line."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ContentError([Problem(shown, 0, 0, f"cannot read the file: {error.strerror}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise ContentError([Problem(shown, line, 0, "the file is not valid UTF-8 text; save it with "
                                    "UTF-8 encoding (charset=UTF-8)")]) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    try:
        header, entries = parse_po(text)
    except PoSyntaxError as error:
        raise ContentError([Problem(shown, error.line, 0, f"this is not a valid PO file: {error.message}; "
                                    "fix the line or export the PO files again")]) from None
    charset = re.search(r"charset=([^\s;]+)", header.get("Content-Type", ""))
    if charset and charset.group(1).lower().replace("-", "") != "utf8":
        raise ContentError([Problem(shown, 1, 0, f"the file declares charset={charset.group(1)}; sitegen reads "
                                    "PO files as UTF-8: save it as UTF-8 and set charset=UTF-8")])
    return header, entries


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


def import_po(content: Content, lang: str, in_dir: Path, content_dir: Path, root: Path) -> ImportReport:
    """Read the PO files below `in_dir` (as written by export_po) into the translation `lang`.

    Every entry that is neither fuzzy nor empty sets its field (named by msgctxt) in the
    translation file to msgstr (whitespace at the ends removed); files are changed in place,
    only where a text changed (see yamledit.py), created if missing. The field is recorded as
    translated from today's German text when the entry's msgid is today's German text; if the
    German changed since the export, it is not (and a record made from an older text is removed)
    and a warning says so. Everything is checked first, the changed content is loaded and
    validated as a whole; on any error ContentError is raised and no file is written."""
    source_code = content.languages[0].code
    if lang == source_code or lang not in content.by_language:
        raise ValueError(f"'{lang}' is not a translation language")
    texts = content.by_language[lang]
    shown = lambda path: display_path(path, root)  # noqa: E731
    by_context = {f"{status.item}:{status.field}": status for status in texts.status}
    report = ImportReport()
    problems: list[Problem] = []

    files = sorted(in_dir.rglob("*.po")) if in_dir.is_dir() else []
    if not files:
        raise ContentError([Problem(shown(in_dir), 0, 0, f"no PO files found here; run `sitegen export-po "
                                    f"--lang {lang}` first, or name the folder that holds the PO files")])

    records: Records = {item: dict(fields) for item, fields in texts.records.items()}
    changes: dict[str, dict[FieldPath, _Change]] = {}
    seen: dict[str, Problem] = {}
    for path in files:
        po_shown = shown(path)
        try:
            header, entries = read_po_file(path, po_shown)
        except ContentError as error:
            problems += error.problems
            continue
        declared = header.get("Language", "").strip()
        if declared and declared.replace("-", "_").split("_")[0].lower() != lang:
            problems.append(Problem(po_shown, 1, 0, f"this PO file is for the language '{declared}', not '{lang}'; "
                                    "import it with the right --lang"))
            continue
        for entry in entries:
            where = Problem(po_shown, entry.line, 0, "")
            context = entry.msgctxt
            if context is None:
                problems.append(_at(where, f"this entry has no msgctxt, so it belongs to no field "
                                    f"(msgid \"{_short(entry.msgid or '')}\"); export the PO files again"))
                continue
            status = by_context.get(context)
            if status is None:
                problems.append(_at(where, f"unknown field '{context}'; export the PO files again"))
                continue
            if entry.msgid_plural is not None:
                problems.append(_at(where, f"'{context}' has plural forms (msgid_plural), but content texts have "
                                    "none; export the PO files again"))
                continue
            if context in seen:
                first = seen[context]
                problems.append(_at(where, f"the field '{context}' appears twice (first at {first.path}:"
                                    f"{first.line}); keep one and delete the other"))
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
                report.warnings.append(_at(where, f"the German text of '{context}' changed since this file was "
                                           "exported, so the translation was not recorded as current; export "
                                           "again and check it against the new German text", "warning"))
    if problems:
        raise ContentError(problems + report.warnings)

    new_texts: dict[str, str] = {}
    for item, item_changes in changes.items():
        target = content_dir / lang / item
        old = target.read_bytes().decode("utf-8") if target.exists() else None
        german_file = content_dir / source_code / item
        template = german_file.read_bytes().decode("utf-8") if german_file.exists() else None
        try:
            new = set_texts(old, {path: change.text for path, change in item_changes.items()}, template)
        except EditError as error:
            change = item_changes.get(error.path) or next(iter(item_changes.values()))
            problems.append(_at(change.where, f"'{change.status.item}:{_field_name(error.path) or change.status.field}'"
                                f": {error.message}"))
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
        if _write_if_changed(target, new):
            report.written.append(shown(target))
    if records_changed and write_records(content_dir / lang / RECORD_FILE, final_records):
        report.written.append(texts.records_path)
    report.warnings.sort()
    return report


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
    """Problems found in the changed content, told at the PO entry whose text caused them."""
    located = []
    for problem in problems:
        entry = None
        for item, text in new_texts.items():
            if problem.path != display_path(content_dir / lang / item, root):
                continue
            try:
                document = parse_document(text, content_dir / lang / item, problem.path)
            except ContentError:
                break
            for path, change in changes.get(item, {}).items():
                if document.location(path)[0] == problem.line:
                    entry = change
        if entry is None:
            located.append(Problem(problem.path, problem.line, problem.column,
                                   f"after the import, {problem.message}", problem.level))
        else:
            located.append(_at(entry.where, f"'{entry.status.item}:{entry.status.field}' would make "
                               f"{problem.path} invalid: {problem.message}", problem.level))
    return located


def _at(where: Problem, message: str, level: str = "error") -> Problem:
    return Problem(where.path, where.line, where.column, message, level)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _field_name(path: FieldPath) -> str:
    return format_path(path) if path else ""


def _write_if_changed(path: Path, text: str) -> bool:
    """Write `text` atomically (temporary file, then rename) if the file's bytes change."""
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        if path.exists():
            shutil.copymode(path, temporary)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return True
