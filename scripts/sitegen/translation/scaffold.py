"""New content items for editors: `sitegen new workshop <slug>`.

Writes the German file and one translation stub per other language of content/languages.yaml.
The German file explains every field in German comments made from the field descriptions in
model.py, so the help has one source; required fields get a placeholder that says what belongs
there, optional fields a commented-out example. A stub holds only `review: draft`: every text is
missing until translated, and readers see the German text, marked as German.

Nothing is overwritten, and either every file is written or none.
"""

from __future__ import annotations

import datetime
import functools
import os
import re
import shlex
import shutil
import tempfile
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotated_types import MinLen
from pydantic import BaseModel

from sitegen.read import schema
from sitegen.content.tree import WORKSHOPS_DIR, load_content, workshop_item
from sitegen.core.errors import ContentError, Problem, display_path
from sitegen.core.fields import SHARED, FieldSpec, model_fields_of
from sitegen.core.messages import CATALOGS, _, ngettext
from sitegen.review.langguard import language_name
from sitegen.read.languages import load_languages
from sitegen.core.model import SLUG_PATTERN, Language, Workshop
from sitegen.core.urls import WINDOWS_DEVICE_NAMES, WORKSHOPS, page_url, reserved_name_problem
from sitegen.output.write import write_beside
from sitegen.read.validate import double_quoted

KINDS = ("workshop",)
MAX_SLUG_LENGTH = 80
# content/<lang>/workshops/index.yaml would become docs/<lang>/workshops/index.md, the overview page
# of all workshops (see urls.page_source).
RESERVED_SLUGS = ("index",)
PREVIEW_URL = "http://127.0.0.1:8000/"  # `make serve`
COMMENT_WIDTH = 100

# What a new German file shows in each field (by its path in the model, list positions left out):
# the value of a required field, the commented-out example of an optional one. Texts are
# instructions, so that a page published unfinished says what is missing; the German spell-check
# and language guard accept every one of them. tests/test_scaffold.py asserts each field has one.
EXAMPLES: dict[str, Any] = {
    "title": "Hier steht der Name der Werkstatt",
    "summary": "Hier steht in ein bis zwei Sätzen, worum es in der Werkstatt geht.",
    "goals": "Hier steht ein Ziel der Werkstatt in einem Satz.",
    "focus_areas.title": "Hier steht die Überschrift des Schwerpunktes",
    "focus_areas.text": "Hier steht, was die Werkstatt in diesem Schwerpunkt vorhat.",
    "focus_areas.items": "Hier steht ein Punkt der Aufzählung",
    "topics": "Hier steht ein Stichwort",
    "partners.name": "Hier steht der Name des Partners",
    "partners.text": "Hier steht, worin die Zusammenarbeit besteht.",
    "contacts.name": "Vorname Nachname",
    "contacts.role": "Leitung der Werkstatt",
    "contacts.email": "vorname.nachname@example.org",
    "contacts.phone": "+49 355 000000",
    "members": "Hier steht der Name eines Mitglieds",
    "meetings.date": datetime.date(2027, 3, 15),
    "meetings.title": "Hier steht, worum es bei dem Treffen geht.",
    "meetings.place": "Hier steht der Ort des Treffens",
    "links.title": "Hier steht der Text des Links",
    "links.url": "https://example.org/",
}

# Letters that Unicode does not decompose into a base letter and a diacritic.
_LETTERS = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ð": "d"})
_UMLAUTS = (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"))


class ScaffoldError(Exception):
    """A new item that cannot be created as asked; the message says why and what to do instead."""


@dataclass(frozen=True)
class CreatedFile:
    """One file written by `new_workshop`."""

    language: Language
    shown_path: str  # as shown to editors, e.g. "content/hsb/workshops/energie-waerme.yaml"
    url: str  # the page's site-relative address, e.g. "hsb/workshops/energie-waerme/"

    @property
    def language_name(self) -> str:
        """The language's name in the language of the messages: "Upper Sorbian", "Obersorbisch"."""
        return language_name(self.language.code, CATALOGS.language)


# -- The short name ------------------------------------------------------------------------------


def suggest_slug(text: str) -> str:
    """A valid short name made from any text: "Energie & Wärme" -> "energie-waerme", "Łužica" -> "luzica"."""
    text = unicodedata.normalize("NFC", text).lower()
    for umlaut, spelled in _UMLAUTS:
        text = text.replace(umlaut, spelled)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", text.translate(_LETTERS)).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH + 1].rsplit("-", 1)[0] if "-" in slug[:MAX_SLUG_LENGTH] else slug[:MAX_SLUG_LENGTH]
    return slug.strip("-")


def slug_problem(slug: str, title: str | None = None) -> str | None:
    """Why `slug` cannot name a new workshop, with a suggestion; None if it can."""
    if slug in RESERVED_SLUGS:
        from_title = suggest_slug(title) if title else ""
        if from_title and from_title not in RESERVED_SLUGS:
            return _("'{slug}' cannot be the short name of a workshop: /{folder}/{slug}/ is the overview page of "
                     "all workshops, and a workshop of that name would overwrite it; use: {command}").format(
                         slug=slug, folder=WORKSHOPS_DIR,
                         command=f"sitegen new workshop {from_title} --title {_shell_quote(title)}")
        return _("'{slug}' cannot be the short name of a workshop: /{folder}/{slug}/ is the overview page of "
                 "all workshops, and a workshop of that name would overwrite it; choose a short name that says "
                 "what the workshop is about, like energie-waerme for „Energie und Wärme“").format(
                     slug=slug, folder=WORKSHOPS_DIR)
    if slug in WINDOWS_DEVICE_NAMES:
        return reserved_name_problem(slug, "workshop")
    faults = _slug_faults(slug)
    if not faults:
        return None
    shown = slug if len(slug) <= 40 else slug[:40] + "…"
    # TRANSLATORS: {faults} lists what is wrong, e.g. "capital letters and spaces"; {folder} is "workshops"
    message = _("'{slug}' cannot be the short name of a workshop: it has {faults}. The short name becomes "
                "the file name content/<lang>/{folder}/<name>.yaml and the web address "
                "/{folder}/<name>/, so it may contain only lowercase letters a-z, digits and single hyphens "
                "between them, at most {maximum} characters").format(
                    slug=shown, faults=_and(faults), folder=WORKSHOPS_DIR, maximum=MAX_SLUG_LENGTH)
    suggestion = suggest_slug(slug)
    if not suggestion or suggestion in RESERVED_SLUGS:
        # TRANSLATORS: {problem} is the message "'…' cannot be the short name of a workshop: …"
        return _("{problem}; for example: sitegen new workshop energie-waerme --title \"Energie und Wärme\"").format(
            problem=message)
    command = f"sitegen new workshop {suggestion}"
    looks_like_a_title = any(c.isspace() or c.isupper() or not c.isascii() for c in slug)
    if title is not None or looks_like_a_title:
        command += f" --title {_shell_quote(title if title is not None else ' '.join(slug.split()))}"
    # TRANSLATORS: {problem} is the message "'…' cannot be the short name of a workshop: …"; {command} a command
    return _("{problem}; use: {command}").format(problem=message, command=command)


def _slug_faults(slug: str) -> list[str]:
    """What keeps `slug` from being a short name, in words: ["capital letters", "spaces", ...]."""
    if not slug:
        # TRANSLATORS: what is wrong with a short name, a noun phrase; listed as {faults} in "'…' cannot be the short
        # name of a workshop: it has {faults}. …" (as are "capital letters", "spaces" …)
        return [_("no characters at all")]
    faults = []
    if any(c.isupper() for c in slug):
        # TRANSLATORS: what is wrong with a short name, a noun phrase; listed as {faults} in "'…' cannot be the short
        # name of a workshop: it has {faults}. …"
        faults.append(_("capital letters"))
    if any(c.isspace() for c in slug):
        # TRANSLATORS: see "capital letters"
        faults.append(_("spaces"))
    others = sorted({c for c in slug if not (c.islower() and c.isascii() or c.isdigit() and c.isascii()
                                             or c == "-" or c.isupper() or c.isspace())})
    if others:
        # TRANSLATORS: see "capital letters"; {characters} lists them, each in quotes: "'&' and '/'"
        faults.append(ngettext("the character {characters}", "the characters {characters}", len(others)).format(
            characters=_and([f"'{c}'" for c in others])))
    if slug.startswith("-"):
        # TRANSLATORS: see "capital letters"
        faults.append(_("a hyphen at the start"))
    elif slug.endswith("-"):
        # TRANSLATORS: see "capital letters"
        faults.append(_("a hyphen at the end"))
    if "--" in slug:
        # TRANSLATORS: see "capital letters"
        faults.append(_("hyphens in a row"))
    if len(slug) > MAX_SLUG_LENGTH:
        # TRANSLATORS: see "capital letters"; {count} is always more than 80
        faults.append(_("{count} characters").format(count=len(slug)))
    return faults


def _and(parts: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    if len(parts) == 1:
        return parts[0]
    # TRANSLATORS: the end of a list: {first} is one item or several separated by ", ", {last} the last item
    return _("{first} and {last}").format(first=", ".join(parts[:-1]), last=parts[-1])


def _each_and(parts: list[str]) -> str:
    """"a", "a and b", "a and b and c"."""
    return functools.reduce(lambda first, last: _("{first} and {last}").format(first=first, last=last), parts)


def _shell_quote(text: str) -> str:
    """Double quotes where a shell takes the text as it is (easier to read), else shlex's single quotes."""
    return f'"{text}"' if not re.search(r'["$`\\!]', text) else shlex.quote(text)


# -- Creating a workshop -------------------------------------------------------------------------


def new_workshop(content_dir: Path, root: Path, slug: str, title: str | None = None) -> list[CreatedFile]:
    """Write content/<source>/workshops/<slug>.yaml and a translation stub for every other language.

    Raises ScaffoldError, writing nothing, if the name is not valid or any of the files exists."""
    if title is not None:
        title = unicodedata.normalize("NFC", " ".join(title.split()))
        if not title:
            raise ScaffoldError(_("the title is empty; write the workshop's German name after --title, "
                                  "e.g. --title \"Energie und Wärme\", or leave --title out"))
    problem = slug_problem(slug, title)
    if problem:
        raise ScaffoldError(problem)
    languages = load_languages(content_dir, root)
    source = languages[0]
    item = workshop_item(slug)
    shown = {language.code: display_path(content_dir / language.code / item, root) for language in languages}

    for language in languages:
        if not (content_dir / language.code).is_dir():
            raise ScaffoldError(_("the folder {folder}/ of the language '{code}' is missing; create it first (with "
                                  "site.yaml and theme.yaml), then run the command again").format(
                                      folder=display_path(content_dir / language.code, root), code=language.code))
    existing = [language for language in languages if (content_dir / language.code / item).exists()]
    if existing:
        raise ScaffoldError(_exists_message(slug, source, existing, shown))

    texts = {source.code: source_text(slug, title, source, languages[1:], shown)}
    for language in languages[1:]:
        texts[language.code] = translation_text(slug, title, language, source, shown)
    files = {content_dir / code / item: text for code, text in texts.items()}
    added = problems_added(content_dir, root, files)
    if added and title is not None:  # the title is the one thing given that the rules can refuse
        new = {display_path(path, root) for path in files}
        # TRANSLATORS: {problems} are the messages of `sitegen check`, separated by "; "
        raise ScaffoldError(_("this title cannot be used, so nothing was written: {problems}").format(
            problems="; ".join(dict.fromkeys(
                problem.message if problem.path in new else problem.format() for problem in added))))
    if added:
        # TRANSLATORS: {problems} are the messages of `sitegen check`, separated by "; "
        raise ScaffoldError(_("the new files would not pass `sitegen check`, so nothing was written: "
                              "{problems}").format(problems="; ".join(problem.format() for problem in added)))
    _write_all(files)
    return [CreatedFile(language, shown[language.code], page_url(language, WORKSHOPS, slug)) for language in languages]


def problems_added(content_dir: Path, root: Path, files: dict[Path, str]) -> list[Problem]:
    """The problems `sitegen check` would find with `files` (new files inside `content_dir`) added, that
    it does not find without them: the same rules as check, applied before anything is written.

    The content is checked in a copy, in a temporary folder laid out like the project; only regular
    files are copied (a FIFO or device would block the copy; check names those itself)."""
    def found(folder: Path, base: Path) -> set[Problem]:
        try:
            load_content(folder, base)
        except ContentError as error:
            return set(error.problems)
        return set()

    relative = content_dir.relative_to(root) if content_dir.is_relative_to(root) else Path(content_dir.name)
    with tempfile.TemporaryDirectory(prefix="sitegen-new-") as temporary:
        copy = Path(temporary) / relative
        shutil.copytree(content_dir, copy, symlinks=True, ignore=_not_regular)
        before = found(copy, Path(temporary))
        for path, text in files.items():
            target = copy / path.relative_to(content_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        return sorted(found(copy, Path(temporary)) - before)


def _not_regular(folder: str, names: list[str]) -> list[str]:
    return [name for name in names if not (os.path.isdir(os.path.join(folder, name))
                                          or os.path.isfile(os.path.join(folder, name)))]


def _exists_message(slug: str, source: Language, existing: list[Language], shown: dict[str, str]) -> str:
    if existing[0] is source:
        others = ", ".join(shown[language.code] for language in existing[1:])
        if others:
            return _("the workshop '{slug}' exists already: {file}; nothing was written. To change it, edit that "
                     "file (its translations: {others}); for a new workshop, choose another short name").format(
                         slug=slug, file=shown[source.code], others=others)
        return _("the workshop '{slug}' exists already: {file}; nothing was written. To change it, edit that "
                 "file; for a new workshop, choose another short name").format(slug=slug, file=shown[source.code])
    # TRANSLATORS: {files} names the translation files that exist ("a and b"), {source} the missing German file
    return ngettext("{files} exists already, but there is no German file {source}; nothing was written. If that is "
                    "an old translation of a renamed workshop, rename or delete it; otherwise choose another short "
                    "name",
                    "{files} exist already, but there is no German file {source}; nothing was written. If that is "
                    "an old translation of a renamed workshop, rename or delete it; otherwise choose another short "
                    "name", len(existing)).format(
                        files=_each_and([shown[language.code] for language in existing]), source=shown[source.code])


def _write_all(files: dict[Path, str]) -> None:
    """Write every file or none: all to temporary names in their folders first, then give each its name.

    A hard link gives the name, not a rename: it fails if a file of that name appeared meanwhile,
    where a rename would replace it. On any error, everything written and every folder made is removed."""
    made_dirs: list[Path] = []
    temporary: dict[Path, Path] = {}
    placed: list[Path] = []
    try:
        for path, text in files.items():
            for folder in reversed(path.parents):
                if not folder.exists():
                    folder.mkdir()
                    made_dirs.append(folder)
            temporary[path] = write_beside(path, text.encode("utf-8"))
        for path, temp in temporary.items():
            os.link(temp, path)
            placed.append(path)
    except BaseException:
        for path in placed:
            path.unlink(missing_ok=True)
        raise
    finally:
        for temp in temporary.values():
            temp.unlink(missing_ok=True)
        if len(placed) != len(files):
            for folder in reversed(made_dirs):
                try:
                    folder.rmdir()
                except OSError:
                    pass


# -- The German file ----------------------------------------------------------------------------


def source_text(slug: str, title: str | None, source: Language, translations: list[Language],
                shown: dict[str, str]) -> str:
    """The new German file: modeline, how to fill it in, and every field with its help."""
    path_in_content = f"{source.code}/{workshop_item(slug)}"
    name = f"„{title}“" if title else slug
    url = page_url(source, WORKSHOPS, slug)
    lines = [schema.modeline(schema.kind_of(path_in_content, source.code), path_in_content), "#"]
    lines += _comment(f"Werkstatt {name}: das deutsche Original.")
    lines += _comment(f"Die Website zeigt sie unter /{url}")
    if translations:
        lines.append("# Übersetzungen:")
        lines += [f"#   {shown[language.code]} ({language_name(language.code, source.code)})"
                  for language in translations]
    lines.append("#")
    lines += _comment(
        "Zeilen, die mit # beginnen, sind Erklärungen; die Website zeigt sie nicht. Oben stehen die "
        "Pflichtfelder. Ihr Text sagt, was hineingehört: ihn durch den echten Text ersetzen. Darunter stehen "
        "die optionalen Felder als Beispiel, jede Zeile mit „# “ davor. Um eines zu nutzen, in den Zeilen "
        "seines Beispiels (ab „# feldname:“) das „# “ am Zeilenanfang löschen, die Einrückung dahinter stehen "
        "lassen und die Beispieltexte ersetzen. Nicht gebrauchte Beispiele dürfen bleiben.")
    lines.append("#")
    lines += _comment(
        "Texte stehen hier in doppelten Anführungszeichen. Nötig ist das, wenn ein Text „: “ enthält oder mit "
        "[ beginnt. Ein \" im Text wird als \\\" geschrieben. Wörter in einer anderen Sprache werden "
        "ausgezeichnet, z. B. [Budyšin]{lang=hsb}.")
    lines.append("#")
    lines += _comment(f"Prüfen: make check. Vorschau: make serve, dann {PREVIEW_URL}{url}")
    values = {**EXAMPLES, **({"title": title} if title else {})}
    optional_started = False
    for spec in _fields(Workshop):
        required = spec.info.is_required()
        if not required and not optional_started:
            lines += ["", "# ---- Optionale Felder: zum Verwenden das „# “ vor den Beispielzeilen löschen ----"]
            optional_started = True
        lines += [""] + _help(spec, "# ")
        if spec.inner is not None:
            lines.append("#   Felder je Eintrag:")
            for sub_spec in _fields(spec.inner):
                lines += _help(sub_spec, "#   ")
        elif spec.is_list:
            lines.append("#   Jeder Eintrag steht in einer eigenen Zeile, die mit „- “ beginnt.")
        example = _yaml(spec, spec.key, 0, values)
        lines += example if required else ["# " + line for line in example]
    return "\n".join(lines) + "\n"


def _comment(paragraph: str) -> list[str]:
    """A paragraph as comment lines of at most COMMENT_WIDTH characters."""
    return textwrap.wrap(paragraph, COMMENT_WIDTH, initial_indent="# ", subsequent_indent="# ",
                         break_long_words=False, break_on_hyphens=False)


def _fields(model: type[BaseModel]) -> list[FieldSpec]:
    """The fields an editor writes in the German file, in the model's order (`review` is for translations)."""
    return [spec for spec in model_fields_of(model) if not spec.is_review]


def _help(spec: FieldSpec, prefix: str) -> list[str]:
    """`name – Pflichtfeld. <description>` from the model, as comment lines."""
    info = spec.info
    if info.is_required():
        minimum = next((rule.min_length for rule in info.metadata if isinstance(rule, MinLen)), 0)
        need = "Pflichtfeld, mindestens ein Eintrag" if minimum == 1 and spec.is_list else "Pflichtfeld"
    else:
        need = "optional"
    description = re.sub(r"\s*\(optional\)", "", info.description or "")
    return [f"{prefix}{spec.key} – {need}. {description}".rstrip()]


def _yaml(spec: FieldSpec, path: str, indent: int, values: dict[str, Any]) -> list[str]:
    """The YAML lines of one field with its example value, every field of a nested entry included."""
    pad = " " * indent
    if spec.inner is not None:
        entry = []
        for sub_spec in _fields(spec.inner):
            entry += _yaml(sub_spec, f"{path}.{sub_spec.key}", indent + 4, values)
        entry[0] = f"{pad}  - {entry[0].lstrip()}"
        return [f"{pad}{spec.key}:"] + entry
    if path not in values:
        raise LookupError(f"scaffold.EXAMPLES has no example for the workshop field '{path}'; add one")
    if spec.is_list:
        return [f"{pad}{spec.key}:", f"{pad}  - {_scalar(values[path])}"]
    return [f"{pad}{spec.key}: {_scalar(values[path])}"]


def _scalar(value: Any) -> str:
    """A value as YAML: dates as they are, texts double-quoted."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return double_quoted(value)


# -- The translation stub ------------------------------------------------------------------------


def translation_text(slug: str, title: str | None, language: Language, source: Language,
                     shown: dict[str, str]) -> str:
    """A translation with every text missing: modeline, how to translate, and `review: draft`."""
    path_in_content = f"{language.code}/{workshop_item(slug)}"
    name = language_name(language.code, source.code)
    of = f"„{title}“ ({shown[source.code]})" if title else shown[source.code]
    shared = "; ".join(", ".join(names) + (f" unter {parent}" if parent else "")
                       for parent, names in shared_fields(Workshop).items())
    lines = [schema.modeline(schema.kind_of(path_in_content, source.code), path_in_content), "#"]
    lines += _comment(f"Übersetzung der Werkstatt {of}")
    lines += _comment(f"Sprache: {name} ({language.code}). Die Website zeigt sie unter "
                      f"/{page_url(language, WORKSHOPS, slug)}")
    lines.append("#")
    lines += _comment("Noch ist nichts übersetzt. Für jedes Feld, das hier fehlt, zeigt die Website den "
                      "deutschen Text, als Deutsch gekennzeichnet; ein Hinweis auf der Seite sagt das den "
                      f"Leserinnen und Lesern auf {name}.")
    lines.append("#")
    lines += _comment(f"Übersetzen: Jedes Feld der deutschen Datei darf hier ergänzt werden, mit demselben "
                      "Namen und in demselben Aufbau wie dort, Listen in derselben Reihenfolge. Am einfachsten "
                      "die Felder der deutschen Datei hierher kopieren und die Texte übersetzen. Nicht "
                      "wiederholt werden die Felder, die für alle Sprachen gelten; sie stehen nur in der "
                      f"deutschen Datei: {shared}.")
    lines.append("#")
    lines += ["# Danach festhalten, dass die Übersetzung zum heutigen deutschen Text passt:",
              f"#     .venv/bin/sitegen mark-current --lang {language.code} {shown[language.code]}",
              "# Was noch fehlt oder veraltet ist, zeigt: make status",
              "#"]
    lines += _comment("review: draft bleibt stehen, bis eine Muttersprachlerin oder ein Muttersprachler die "
                      "Übersetzung geprüft hat; dann wird daraus review: reviewed.")
    lines.append("review: draft")
    return "\n".join(lines) + "\n"


def shared_fields(model: type[BaseModel], parent: str = "") -> dict[str, list[str]]:
    """The fields that hold for every language, by the field they stand in ("" at the top): {"links": ["url"]}."""
    found: dict[str, list[str]] = {}
    for spec in _fields(model):
        if spec.kind == SHARED:
            found.setdefault(parent, []).append(spec.key)
        if spec.inner is not None:
            for where, names in shared_fields(spec.inner, f"{parent}.{spec.key}" if parent else spec.key).items():
                found.setdefault(where, []).extend(names)
    return found
