"""Which languages the site has and which one is the source: read from content/languages.yaml."""

from __future__ import annotations

from pathlib import Path

from sitegen.core.errors import ContentError, Problem, display_path
from sitegen.core.messages import CATALOGS, _
from sitegen.read.load import Document, load_document
from sitegen.core.model import Language, LanguageList
from sitegen.core.urls import reserved_name_problem
from sitegen.read.validate import validate

LANGUAGES_FILE = "languages.yaml"


def load_languages(content_dir: Path, root: Path) -> list[Language]:
    """The declared languages, source language first; raise ContentError if the list is unusable."""
    path = content_dir / LANGUAGES_FILE
    return languages_from(load_document(path, display_path(path, root)))


def languages_from(document: Document) -> list[Language]:
    """The languages declared in the loaded content/languages.yaml, source language first."""
    declared = validate(document, LanguageList)
    languages = declared.languages
    problems = []
    if declared.messages is not None and declared.messages not in CATALOGS.languages():
        problems.append(document.problem(("messages",), _(
            "sitegen has no messages in '{code}'; use one of {known}, or delete the line").format(
                code=declared.messages, known=", ".join(CATALOGS.languages()))))
    sources = [index for index, language in enumerate(languages) if language.source]
    if len(sources) != 1:
        problems.append(
            document.problem(("languages",), _("exactly one language must have `source: true`; found {count}").format(
                count=len(sources)))
        )
    seen: set[str] = set()
    for index, language in enumerate(languages):
        if language.code in seen:
            problems.append(document.problem(("languages", index, "code"),
                                             _("the language '{code}' is declared twice; delete one").format(
                                                 code=language.code)))
        seen.add(language.code)
        reserved = reserved_name_problem(language.code, "language")
        if reserved:
            problems.append(document.problem(("languages", index, "code"), reserved))
    if problems:
        raise ContentError(problems)
    source = languages[sources[0]]
    return [source] + [language for language in languages if language is not source]


def search_language_problems(content_dir: Path, root: Path, searchable: frozenset[str]) -> list[Problem]:
    """A problem at each `search:` in content/languages.yaml that names a language the site engine's search
    cannot analyse (`searchable`, which the engine tells). None if the file cannot be read: loading it
    names that problem."""
    path = content_dir / LANGUAGES_FILE
    try:
        document = load_document(path, display_path(path, root))
        languages = validate(document, LanguageList).languages
    except ContentError:
        return []
    problems = []
    for index, language in enumerate(languages):
        if language.search is not None and language.search not in searchable:
            problems.append(document.problem(
                ("languages", index, "search"),
                _("the search has no word analysis for '{search}', so it would not work on the pages of '{code}'; "
                  "use one of {known}, or delete the line if none of them is the language").format(
                      search=language.search, code=language.code, known=", ".join(sorted(searchable)))))
    return problems
