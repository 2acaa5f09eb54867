"""Load the whole content tree, every language and every file, and run the rules (content.rules) over it."""

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
from sitegen.core.fields import TextField, shared_field_names, text_fields, translation_model
from sitegen.core.messages import CATALOGS, _
from sitegen.core.model import (AccessibilityChecks, Faq, Language, Publisher, SiteText, TextPage, ThemeText,
                                 Workshop)
from sitegen.content.status import RECORD_FILE, FieldStatus, Records, field_status, load_records
from sitegen.read.validate import validate
from sitegen.content.views import merge
from sitegen.content.rules import RULES
from sitegen.content import publisher as publisher_facts
# The layout of a language folder, also for those who import it from here (WORDLIST: review.spelling).
from sitegen.content.layout import (  # noqa: F401
    EASY_LANGUAGE_FILE, LEGAL_FILES, SITE_FILES, SOURCE_ONLY_FILES, WORDLIST, WORKSHOPS_DIR, ContentTree, LoadedFile,
    workshop_item, workshop_name_problem)


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
    legal: dict[str, TextPage] = field(default_factory=dict)  # the legal pages by item (LEGAL_FILES)
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
    publisher: Publisher | None = None  # the publisher's facts; empty fields are facts nobody has given yet
    easy_language: TextPage | None = None  # the source language's page in Leichte Sprache
    checks: AccessibilityChecks | None = None  # what the accessibility checks measured (content/accessibility-checks.json)

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


def model_of(item: str) -> type[BaseModel]:
    return (SITE_FILES | SOURCE_ONLY_FILES | {publisher_facts.PUBLISHER_FILE: Publisher}).get(item, Workshop)


def load_content(content_dir: Path, root: Path) -> Content:
    """Load every content file; raise ContentError listing every problem in every file."""
    tree = read_tree(content_dir, root)
    problems = tree.problems + [problem for rule in RULES for problem in rule.check(tree)]
    if problems:
        raise ContentError(problems)
    return _content(tree)


def read_tree(content_dir: Path, root: Path) -> ContentTree:
    """Read and validate each content file on its own; what is wrong with single files is in the tree's problems."""
    shown = functools.partial(display_path, root=root)
    languages_document = load_document(content_dir / LANGUAGES_FILE, shown(content_dir / LANGUAGES_FILE))
    languages = languages_from(languages_document)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    source_code = languages[0].code

    def modeline(document: Document, path: Path) -> None:
        """Check the file's first line: the schema editors get their help from."""
        problem = schema.modeline_problem(document, path.relative_to(content_dir).as_posix(), source_code)
        if problem is not None:
            (problems if problem.level == "error" else warnings).append(problem)

    modeline(languages_document, content_dir / LANGUAGES_FILE)

    # What is missing or misnamed is not read here; the rules name it (missing-language-folder, missing-site-file,
    # workshop-file-name).
    loaded: dict[str, dict[str, LoadedFile]] = {}
    records: dict[str, tuple[Records, str]] = {}
    publisher: dict[str, LoadedFile] = {}
    publisher_path = content_dir / source_code / publisher_facts.PUBLISHER_FILE
    if publisher_path.exists() or publisher_path.is_symlink():
        _load(publisher, publisher_facts.PUBLISHER_FILE, publisher_path, Publisher, shown, problems, hints=None,
              modeline=modeline)
    for language in languages:
        folder = content_dir / language.code
        is_source = language.code == source_code
        if not folder.is_dir():
            continue
        files: dict[str, LoadedFile] = {}
        for name, model in (SITE_FILES | SOURCE_ONLY_FILES if is_source else SITE_FILES).items():
            if (folder / name).exists():
                _load(files, name, folder / name, model if is_source else translation_model(model), shown,
                      problems, hints=None if is_source else _shared_hints(model), modeline=modeline)
        for path in sorted((folder / WORKSHOPS_DIR).glob("*.yaml")):
            if workshop_name_problem(path.stem) is None:
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

    # By file name, so that a German file with errors does not make every reference to it an error too.
    source_slugs = {path.stem for path in (content_dir / source_code / WORKSHOPS_DIR).glob("*.yaml")
                    if workshop_name_problem(path.stem) is None}
    # Every language's own texts, once: for the rules, the status and the text checks later.
    own_fields = {language.code: [f for item, loaded_file in loaded.get(language.code, {}).items()
                                  for f in text_fields(language.code, item, loaded_file.model, loaded_file.document)]
                  for language in languages}
    try:
        checks = publisher_facts.load_checks(content_dir, shown)
    except ContentError as error:
        checks = None
        problems.extend(error.problems)
    return ContentTree(content_dir, root, languages, languages_document, loaded, own_fields, source_slugs, records,
                       publisher.get(publisher_facts.PUBLISHER_FILE), checks, problems, warnings)


def _content(tree: ContentTree) -> Content:
    """The site's content from a tree the rules found nothing wrong with."""
    source_code = tree.source_code
    source_files = tree.files[source_code]
    warnings = list(tree.warnings)
    by_language = {}
    items = list(SITE_FILES) + [workshop_item(slug) for slug in sorted(tree.source_slugs)]
    source_fields: dict[str, list[TextField]] = {item: [] for item in items}
    for source_field in tree.own_fields[source_code]:
        if source_field.item in source_fields:  # not the source-only files: they are never translated
            source_fields[source_field.item].append(source_field)
    for language in tree.languages:
        files = tree.files[language.code]
        code = language.code
        paths = {item: tree.shown(tree.content_dir / code / item) for item in items}
        own = tree.own_fields[code]
        texts = LanguageContent(language=language, site=None, faq=None, theme=None, workshops={},  # type: ignore[arg-type]
                                files=files, paths=paths, fields=own)
        if code == source_code:
            texts.site, texts.faq, texts.theme = (files[name].model for name in ("site.yaml", "faq.yaml", "theme.yaml"))
            texts.legal = {name: files[name].model for name in LEGAL_FILES}
            texts.workshops = {slug: files[workshop_item(slug)].model for slug in sorted(tree.source_slugs)}
        else:
            texts.records, texts.records_path = tree.records[code]
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
                                        _("the German file has no such entry, so this text is not shown; delete it, "
                                          "or add the entry to the German file first"), level="warning"))
            state = {(s.item, s.source.path): s for s in texts.status}

            def view(item: str, texts=texts, state=state):
                translation = files[item].model if item in files else None
                return merge(source_files[item].model, translation, lambda path: state[(item, path)].status,
                             texts.reviewed(item), code, source_code)

            texts.site, texts.faq, texts.theme = (view(name) for name in ("site.yaml", "faq.yaml", "theme.yaml"))
            texts.legal = {name: view(name) for name in LEGAL_FILES}
            texts.workshops = {slug: view(workshop_item(slug)) for slug in sorted(tree.source_slugs)}
            missing_files = [item for item in items if item not in files]
            for item in missing_files:
                # TRANSLATORS: {code} is a language code ("en")
                warnings.append(Problem(paths[item], 0, 0, _("the translation is missing; readers of '{code}' see "
                                                             "the German text, marked as German").format(code=code),
                                        level="warning"))
        by_language[code] = texts
    facts = tree.publisher
    warnings += publisher_facts.missing_facts(facts and facts.model, facts and facts.document,
                                              tree.shown(tree.content_dir / source_code / publisher_facts.PUBLISHER_FILE))
    if tree.checks is None:  # the accessibility statement would state no measured result
        warnings.append(Problem(tree.shown(tree.content_dir / publisher_facts.CHECKS_FILE), 0, 0, _(
            "the measured results of the accessibility checks are missing, so the accessibility statement states "
            "none; run `make accessibility-checks` and commit the file (until then the site cannot be published: "
            "`sitegen check --release` fails)"), level="warning", kind=publisher_facts.KIND))
    easy = source_files.get(EASY_LANGUAGE_FILE)
    return Content(languages=tree.languages, by_language=by_language, warnings=sorted(warnings),
                   publisher=facts.model if facts else None, easy_language=easy.model if easy else None,
                   checks=tree.checks)


def _load(files: dict[str, LoadedFile], item: str, path: Path, model: type[BaseModel], shown,
          problems: list[Problem], hints: dict[str, str] | None, modeline) -> None:
    """Load and validate one file into `files`; on failure record its problems."""
    try:
        document: Document = load_document(path, shown(path))
        modeline(document, path)
        files[item] = LoadedFile(item, validate(document, model, hints), document)
    except ContentError as error:
        problems.extend(error.problems)


def _shared_hints(model: type[BaseModel]) -> dict[str, str]:
    return _shared_hints_in(model, CATALOGS.language)


@functools.lru_cache(maxsize=None)
def _shared_hints_in(model: type[BaseModel], language: str) -> dict[str, str]:
    """The hints in the language of the messages (`language`: part of the cache key only)."""
    # TRANSLATORS: {name} is a field name ("phone")
    return {name: _("'{name}' is the same in every language and comes from the German file; delete it here").format(
        name=name) for name in shared_field_names(model)}
