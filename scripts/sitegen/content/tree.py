"""Load and cross-check the whole content tree: every language, every file."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from sitegen.content import plurals
from sitegen.read import schema
from sitegen.core.errors import ContentError, Problem, display_path
from sitegen.read.languages import LANGUAGES_FILE, languages_from
from sitegen.read.load import MAX_RECORDS_BYTES, Document, load_document
from sitegen.core.inline import plain_text, shared_text_problem, text_problem
from sitegen.core.fields import SHARED, TextField, shared_field_names, text_fields, translate_kind, translation_model
from sitegen.core.model import SLUG_PATTERN, Faq, Language, SiteText, ThemeText, Workshop
from sitegen.content.status import RECORD_FILE, FieldStatus, Records, field_status, load_records
from sitegen.read.validate import validate
from sitegen.core.urls import reserved_name_problem
from sitegen.content.views import merge

WORKSHOPS_DIR = "workshops"
# The files every language has, with their model.
SITE_FILES: dict[str, type[BaseModel]] = {"site.yaml": SiteText, "faq.yaml": Faq, "theme.yaml": ThemeText}
# Files every translation must have: the interface texts have no fallback.
REQUIRED_FILES = ("site.yaml", "theme.yaml")
# A language folder may also hold a spelling word list: names and terms the dictionary lacks.
WORDLIST = "wordlist.txt"


@dataclass
class LoadedFile:
    """One content file as read: its validated model (a translation model for translations) and document."""

    item: str  # the file's path inside the language folder, e.g. "workshops/innovation-digitalisierung.yaml"
    model: BaseModel
    document: Document


@dataclass
class LanguageContent:
    """Everything a reader of one language sees, and where each text of it comes from.

    `site`, `faq`, `theme` and `workshops` are the source structure filled with this language's
    texts; where a translation lacks a text, the German one stands in (see views.Phrase)."""

    language: Language
    site: SiteText
    faq: Faq
    theme: ThemeText
    workshops: dict[str, Workshop]
    files: dict[str, LoadedFile] = field(default_factory=dict)  # the files that exist, by item
    paths: dict[str, str] = field(default_factory=dict)  # item -> file as shown to editors (may not exist yet)
    fields: list[TextField] = field(default_factory=list)  # this language's own texts
    status: list[FieldStatus] = field(default_factory=list)  # per source field; empty for the source
    records: Records = field(default_factory=dict)
    records_path: str = ""

    @functools.cached_property
    def sources(self) -> dict[str, str]:
        """item -> shown path of the files that exist (asked once per page: computed once)."""
        return {item: loaded.document.shown_path for item, loaded in self.files.items()}

    def reviewed(self, item: str) -> bool:
        loaded = self.files.get(item)
        return loaded is not None and getattr(loaded.model, "review", None) == "reviewed"


@dataclass
class Content:
    """The validated content of the whole site."""

    languages: list[Language]
    by_language: dict[str, LanguageContent]
    warnings: list[Problem] = field(default_factory=list)

    @property
    def source(self) -> LanguageContent:
        return self.by_language[self.languages[0].code]

    @property
    def workshop_slugs(self) -> list[str]:
        """Slugs of all workshops, in the order the source language lists them (by file name)."""
        return sorted(self.source.workshops)

    @property
    def items(self) -> list[str]:
        """Every content item (file inside a language folder), in a stable order."""
        return list(SITE_FILES) + [workshop_item(slug) for slug in self.workshop_slugs]

    def count_files(self) -> int:
        return sum(len(c.files) for c in self.by_language.values())


def workshop_item(slug: str) -> str:
    return f"{WORKSHOPS_DIR}/{slug}.yaml"


def model_of(item: str) -> type[BaseModel]:
    return SITE_FILES.get(item, Workshop)


def load_content(content_dir: Path, root: Path) -> Content:
    """Load every content file; raise ContentError listing every problem in every file."""
    languages_document = load_document(content_dir / LANGUAGES_FILE, display_path(content_dir / LANGUAGES_FILE, root))
    languages = languages_from(languages_document)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    shown = lambda path: display_path(path, root)  # noqa: E731
    source_code = languages[0].code

    def modeline(document: Document, path: Path) -> None:
        """Check the file's first line: the schema editors get their help from."""
        problem = schema.modeline_problem(document, path.relative_to(content_dir).as_posix(), source_code)
        if problem is not None:
            (problems if problem.level == "error" else warnings).append(problem)

    modeline(languages_document, content_dir / LANGUAGES_FILE)

    declared = {language.code for language in languages}
    for child in sorted(content_dir.iterdir()):
        if child.is_dir() and child.name not in declared:
            problems.append(Problem(shown(child), 0, 0, f"'{child.name}' is not a declared language; "
                                    f"add it to {shown(content_dir / LANGUAGES_FILE)} or remove the folder"))

    loaded: dict[str, dict[str, LoadedFile]] = {}
    records: dict[str, tuple[Records, str]] = {}
    for language in languages:
        folder = content_dir / language.code
        is_source = language.code == source_code
        files: dict[str, LoadedFile] = {}
        if not folder.is_dir():
            problems.append(Problem(shown(folder), 0, 0, f"the folder for language '{language.code}' is "
                                    "missing; create it with site.yaml and theme.yaml"))
            continue
        problems += _unexpected_files(folder, shown, is_source)
        for name, model in SITE_FILES.items():
            path = folder / name
            if not path.exists():
                if is_source or name in REQUIRED_FILES:
                    problems.append(Problem(shown(path), 0, 0, f"this file is missing; copy {name} from "
                                            f"{shown(content_dir / source_code / name)} and translate it"))
                continue
            _load(files, name, path, model if is_source else translation_model(model), shown, problems,
                  hints=None if is_source else _shared_hints(model), modeline=modeline)
        for path in sorted((folder / WORKSHOPS_DIR).glob("*.yaml")):
            if not SLUG_PATTERN.match(path.stem):
                problems.append(Problem(shown(path), 0, 0, "the file name must be a short name of lowercase "
                                        "letters a-z, digits and hyphens, e.g. innovation-digitalisierung.yaml"))
                continue
            reserved = reserved_name_problem(path.stem, "workshop")
            if reserved:
                problems.append(Problem(shown(path), 0, 0, reserved))
                continue
            _load(files, workshop_item(path.stem), path, Workshop if is_source else translation_model(Workshop),
                  shown, problems, hints=None if is_source else _shared_hints(Workshop), modeline=modeline)
        if not is_source:
            record_path = folder / RECORD_FILE
            records[language.code] = ({}, shown(record_path))
            if record_path.exists():
                try:
                    record_document = load_document(record_path, shown(record_path), max_bytes=MAX_RECORDS_BYTES)
                    modeline(record_document, record_path)
                    records[language.code] = (load_records(record_document), shown(record_path))
                except ContentError as error:
                    problems.extend(error.problems)
        loaded[language.code] = files

    source_files = loaded.get(source_code, {})
    # By file name, so that a German file with errors does not make every reference to it an error too.
    source_slugs = {path.stem for path in (content_dir / source_code / WORKSHOPS_DIR).glob("*.yaml")
                    if SLUG_PATTERN.match(path.stem) and not reserved_name_problem(path.stem, "workshop")}
    for language in languages[1:]:
        for item in sorted(loaded.get(language.code, {})):
            if item.startswith(WORKSHOPS_DIR) and item[len(WORKSHOPS_DIR) + 1:-5] not in source_slugs:
                path = content_dir / language.code / item
                problems.append(Problem(shown(path), 0, 0, "this translation has no German source "
                                        f"{shown(content_dir / source_code / item)}; "
                                        "check the file name, or create the German file first"))

    # Every language's own texts, once: for the markup check here, status and the text checks later.
    own_fields = {language.code: [f for item, loaded_file in loaded.get(language.code, {}).items()
                                  for f in text_fields(language.code, item, loaded_file.model, loaded_file.document)]
                  for language in languages}
    for language in languages:
        for text_field in own_fields[language.code]:
            message = text_problem(text_field.text)
            if message:
                problems.append(Problem(text_field.file, text_field.line, text_field.column, message))
        if language.code == source_code:
            # Texts shared by every language (contact names, phone numbers) follow the same rules.
            for loaded_file in loaded.get(language.code, {}).values():
                for path, text in _shared_texts(loaded_file.model):
                    message = shared_text_problem(text)
                    if message:
                        problems.append(loaded_file.document.problem(path, message))
        theme = loaded.get(language.code, {}).get(plurals.ITEM)
        if theme is not None:
            problems += plurals.check(language.code, language.name, theme.model, theme.document)
        faq = loaded.get(language.code, {}).get("faq.yaml")
        if faq is not None:
            for q_index, entry in enumerate(faq.model.questions or []):
                listed: set[str] = set()
                for s_index, slug in enumerate(getattr(entry, "see_also", None) or []):
                    where = ("questions", q_index, "see_also", s_index)
                    if slug not in source_slugs:
                        problems.append(faq.document.problem(
                            where, f"there is no workshop '{slug}'; use the file name of a workshop without .yaml"))
                    elif slug in listed:
                        problems.append(faq.document.problem(
                            where, f"the workshop '{slug}' is listed twice in this answer; delete one"))
                    listed.add(slug)
        problems += _same_titles(own_fields[language.code])

    for index, language in enumerate(languages_document.data.get("languages", [])):
        message = shared_text_problem(str(language.get("name", ""))) if isinstance(language, dict) else None
        if message:
            problems.append(languages_document.problem(("languages", index, "name"), message))

    if problems:
        raise ContentError(problems)

    by_language = {}
    items = list(SITE_FILES) + [workshop_item(slug) for slug in sorted(source_slugs)]
    source_fields: dict[str, list[TextField]] = {item: [] for item in items}
    for source_field in own_fields[source_code]:
        source_fields[source_field.item].append(source_field)
    for language in languages:
        files = loaded[language.code]
        code = language.code
        paths = {item: shown(content_dir / code / item) for item in items}
        own = own_fields[code]
        texts = LanguageContent(language=language, site=None, faq=None, theme=None, workshops={},  # type: ignore[arg-type]
                                files=files, paths=paths, fields=own)
        if code == source_code:
            texts.site, texts.faq, texts.theme = (files[name].model for name in SITE_FILES)
            texts.workshops = {slug: files[workshop_item(slug)].model for slug in sorted(source_slugs)}
        else:
            texts.records, texts.records_path = records[code]
            own_by_key = {f.key: f for f in own}
            for item in items:
                recorded = texts.records.get(item, {})
                reviewed = texts.reviewed(item)
                for source_field in plurals.expand_sources(source_fields[item], code):
                    translation = own_by_key.pop(source_field.key, None)
                    texts.status.append(FieldStatus(
                        code, source_field, translation,
                        field_status(source_field, translation, recorded.get(source_field.field)),
                        reviewed, paths[item]))
            for extra in own_by_key.values():
                warnings.append(Problem(extra.file, extra.line, extra.column,
                                        "the German file has no such entry, so this text is not shown; delete it, "
                                        "or add the entry to the German file first", level="warning"))
            state = {(s.item, s.source.path): s for s in texts.status}

            def view(item: str, texts=texts, state=state):
                translation = files[item].model if item in files else None
                return merge(source_files[item].model, translation, lambda path: state[(item, path)].status,
                             texts.reviewed(item), code, source_code)

            texts.site, texts.faq, texts.theme = (view(name) for name in SITE_FILES)
            texts.workshops = {slug: view(workshop_item(slug)) for slug in sorted(source_slugs)}
            missing_files = [item for item in items if item not in files]
            for item in missing_files:
                warnings.append(Problem(paths[item], 0, 0, f"the translation is missing; readers of '{code}' see "
                                        "the German text, marked as German", level="warning"))
        by_language[code] = texts
    return Content(languages=languages, by_language=by_language, warnings=sorted(warnings))


def _load(files: dict[str, LoadedFile], item: str, path: Path, model: type[BaseModel], shown,
          problems: list[Problem], hints: dict[str, str] | None, modeline) -> None:
    """Load and validate one file into `files`; on failure record its problems."""
    try:
        document: Document = load_document(path, shown(path))
        modeline(document, path)
        files[item] = LoadedFile(item, validate(document, model, hints), document)
    except ContentError as error:
        problems.extend(error.problems)


@functools.lru_cache(maxsize=None)
def _shared_hints(model: type[BaseModel]) -> dict[str, str]:
    return {name: f"'{name}' is the same in every language and comes from the German file; delete it here"
            for name in shared_field_names(model)}


def _unexpected_files(folder: Path, shown, is_source: bool) -> list[Problem]:
    expected = set(SITE_FILES) | {WORKSHOPS_DIR, WORDLIST} | (set() if is_source else {RECORD_FILE})
    problems = []
    # A link could make sitegen read, and publish, a file from outside content/.
    for link in [folder] + [child for child in folder.iterdir()] + (
            [child for child in (folder / WORKSHOPS_DIR).iterdir()] if (folder / WORKSHOPS_DIR).is_dir() else []):
        if link.is_symlink():
            problems.append(Problem(shown(link), 0, 0, "this is a symbolic link; content files and folders must "
                                    "be real files and folders inside content/"))
    if problems:
        return problems
    for child in sorted(folder.iterdir()):
        if child.name.startswith("."):
            continue
        if child.name not in expected:
            problems.append(Problem(shown(child), 0, 0, "unexpected file; content files are "
                                    f"{', '.join(sorted(SITE_FILES))} and {WORKSHOPS_DIR}/<name>.yaml"))
    workshops = folder / WORKSHOPS_DIR
    if workshops.is_dir():
        for child in sorted(workshops.iterdir()):
            if child.is_file() and child.suffix != ".yaml" and not child.name.startswith("."):
                problems.append(Problem(shown(child), 0, 0, "unexpected file; a workshop file ends in .yaml"))
    return problems


def _same_titles(fields: list[TextField]) -> list[Problem]:
    """Two workshops of one language with the same title: readers could not tell them apart in the menu."""
    problems, first = [], {}
    for text_field in fields:
        if text_field.item.startswith(WORKSHOPS_DIR) and text_field.path == ("title",):
            title = " ".join(plain_text(text_field.text).casefold().split())
            if title in first:
                other = first[title]
                problems.append(Problem(text_field.file, text_field.line, text_field.column,
                                        f"another workshop has the same title ({other.file}:{other.line}); give "
                                        "each workshop its own title, readers choose between them by it"))
            else:
                first[title] = text_field
    return problems


def _shared_texts(value, path: tuple = ()) -> list[tuple[tuple, str]]:
    """The texts in fields every language shares (names, phone numbers), with their paths."""
    found = []
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            child = getattr(value, name)
            key = path + (info.alias or name,)
            if translate_kind(info) == SHARED and isinstance(child, str):
                found.append((key, child))
            elif child is not None:
                found += _shared_texts(child, key)
    elif isinstance(value, (list, tuple)):
        for index, child in enumerate(value):
            found += _shared_texts(child, path + (index,))
    return found
