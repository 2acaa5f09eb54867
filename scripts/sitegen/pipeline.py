"""The one place that orders the stages: load and validate, render, write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import langguard, spelling
from .content import Content, load_content
from .errors import Problem
from .render import render_pages
from .theme_material import render_language_partials
from .write import WriteReport, write_tree


@dataclass(frozen=True)
class Paths:
    """Where the pipeline reads and writes, all inside one project root."""

    root: Path
    content: Path
    docs: Path
    theme: Path

    @classmethod
    def for_root(cls, root: Path, content: str = "content", docs: str = "docs", theme: str = "overrides") -> "Paths":
        root = root.resolve()
        return cls(root=root, content=root / content, docs=root / docs, theme=root / theme)


@dataclass
class BuildResult:
    content: Content
    pages: WriteReport
    theme: WriteReport


def check(paths: Paths) -> Content:
    """Load and validate all content; raise ContentError with every problem."""
    return load_content(paths.content, paths.root)


def review(content: Content, paths: Paths) -> list[Problem]:
    """The checks that read the text itself, beyond its structure: the language guard (errors:
    text in the wrong language, placeholders, copies of the German text) and spelling (warnings)."""
    problems: list[Problem] = []
    codes = [language.code for language in content.languages]
    source = content.languages[0].code
    problems += langguard.check_language([(field, None) for field in content.source.fields], source, source, codes)
    for language in content.languages[1:]:
        pairs = [(status.translation, status.source) for status in content.by_language[language.code].status
                 if status.translation is not None]
        problems += langguard.check_language(pairs, language.code, source, codes)
    # A text in the wrong language is one error, not also a warning for each of its words.
    wrong = {(problem.path, problem.line, problem.column) for problem in problems}
    for report in spelling.content_reports(content, paths.content, paths.root).values():
        problems += report.problems(skip=wrong)
    return problems


def build(paths: Paths) -> BuildResult:
    """Validate all content, then write Markdown pages into docs/ and theme strings into the theme folder."""
    content = check(paths)
    pages = render_pages(content)
    partials = render_language_partials(content)
    return BuildResult(
        content=content,
        pages=write_tree(paths.docs, pages),
        theme=write_tree(paths.theme, partials),
    )
