"""The one place that orders the stages: load and validate, review, render, write; it knows no site engine.

    content/  ->  read (load, validate)  ->  content (tree, rules, status)  ->  review (language, spelling)
              ->  render (pages, facts)  ->  output (one generation in docs/.sitegen/)  ->  an Engine

The engine that makes the site from docs/ (publish/mkdocs: MkDocs, Material, mkdocs-static-i18n) is
handed in by the caller, the command line or MkDocs itself; nothing here imports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Protocol

from sitegen.content.tree import Content, load_content
from sitegen.core.errors import ContentError, Problem
from sitegen.core.paths import Paths
from sitegen.output.write import STORE, Output, WriteReport, publish
from sitegen.read.languages import search_language_problems
from sitegen.review import langguard, spelling

if TYPE_CHECKING:
    from sitegen.render.facts import SiteFacts
# The render stage (Jinja2, Babel's dates: 20 ms) is imported where it is used, so that `sitegen check`,
# which renders nothing, starts without it.


class Engine(Protocol):
    """What the pipeline asks of the engine that makes the site from the rendered pages."""

    @property
    def search_languages(self) -> frozenset[str]:
        """The languages its search can analyse (`search:` in content/languages.yaml)."""

    def theme_outputs(self, content: Content, theme_folder: Path) -> list[Output]:
        """Files of its own, rendered from the content, besides the pages (e.g. interface strings)."""


@dataclass
class BuildResult:
    content: Content
    pages: WriteReport
    theme: WriteReport  # the engine's own files


def check(paths: Paths, engine: Engine | None = None) -> Content:
    """Load and validate all content; raise ContentError with every problem. With an `engine`, also
    that each language's search language is one the engine's search can analyse."""
    problems = search_language_problems(paths.content, paths.root, engine.search_languages) if engine else []
    try:
        content = load_content(paths.content, paths.root)
    except ContentError as error:
        raise ContentError(error.problems + problems) from None
    if problems:
        raise ContentError(problems)
    return content


def review(content: Content, paths: Paths) -> list[Problem]:
    """The checks that read the text itself, beyond its structure: the language guard (errors:
    text in the wrong language, placeholders, copies of the German text) and spelling (warnings)."""
    problems: list[Problem] = []
    spelling_runs = spelling.start_content_reports(content, paths.content, paths.root)  # aspell works meanwhile
    try:
        codes = [language.code for language in content.languages]
        source = content.languages[0].code
        problems += langguard.check_language([(field, None) for field in content.source.fields], source, source,
                                             codes)
        for language in content.languages[1:]:
            pairs = [(status.translation, status.source) for status in content.by_language[language.code].status
                     if status.translation is not None]
            problems += langguard.check_language(pairs, language.code, source, codes)
        # A text in the wrong language is one error, not also a warning for each of its words.
        wrong = {(problem.path, problem.line, problem.column) for problem in problems}
        for pending in spelling_runs.values():
            problems += pending.report().problems(skip=wrong)
    finally:
        for pending in spelling_runs.values():
            pending.close()  # nothing left running when the guard or a report failed
    return problems


def build(paths: Paths, engine: Engine, content: Content | None = None) -> BuildResult:
    """Validate all content, then publish the Markdown pages (docs/<lang>/) and the engine's own files
    together, as one new generation, or write nothing if nothing changed.
    `content`: the content of `paths`, if it has just been loaded (and validated) already."""
    content = check(paths, engine) if content is None else content
    from sitegen.render.pages import render_pages

    pages = render_pages(content)
    outputs = [Output("docs", paths.docs, pages, links=tuple(sorted({PurePosixPath(page).parts[0] for page in pages})))]
    page_report, *engine_reports = publish(paths.docs / STORE, outputs + engine.theme_outputs(content, paths.theme),
                                           paths.root)
    theme = WriteReport()
    for report in engine_reports:
        theme.written += report.written
        theme.unchanged += report.unchanged
        theme.removed += report.removed
    return BuildResult(content=content, pages=page_report, theme=theme)


def site_facts(content: Content) -> SiteFacts:
    """What the engine needs to know about the content besides the pages (render.facts)."""
    from sitegen.render.facts import SiteFacts

    return SiteFacts.of(content)


