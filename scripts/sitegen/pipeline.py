"""The one place that orders the stages: load and validate, render, write; and the site: MkDocs, then swap."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import langguard, spelling
from .content import Content, load_content
from .errors import Problem
from .render import render_pages
from .theme_material import PARTIALS_DIR, render_language_partials
from .write import STORE, Output, WriteReport, publish, replacing


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
    """Validate all content, then publish the Markdown pages (docs/<lang>/) and the theme strings (the theme
    folder's partials/languages/) together, as one new generation, or write nothing if nothing changed."""
    content = check(paths)
    pages = render_pages(content)
    partials = render_language_partials(content)
    page_report, theme_report = publish(paths.docs / STORE, [
        Output("docs", paths.docs, pages, links=tuple(sorted({PurePosixPath(page).parts[0] for page in pages}))),
        Output("theme", paths.theme, partials, links=(PARTIALS_DIR,)),
    ], paths.root)
    return BuildResult(content=content, pages=page_report, theme=theme_report)


class SiteBuildFailed(Exception):
    """MkDocs did not build the site; it has printed why."""


def build_site(paths: Paths, site: Path) -> None:
    """Build the site with the real `mkdocs build --strict` (which renders content/ through the sitegen
    plugin) into a new folder beside `site`, and swap it in for `site` only when MkDocs succeeded."""
    environment = {"NO_MKDOCS_2_WARNING": "1", **os.environ}  # Material's notice about MkDocs 2, as make sets it
    with replacing(site) as staging:
        # MkDocs holds the lock too, and ends with this process: a killed build leaves no writer behind.
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(staging.folder)],
            cwd=paths.root, env=environment, pass_fds=(staging.lock,), preexec_fn=_ending_with(os.getpid()))
        if result.returncode != 0:
            raise SiteBuildFailed(f"mkdocs build failed (exit code {result.returncode}); "
                                  f"{site.name}/ was left as it was")


_PR_SET_PDEATHSIG = 1


def _ending_with(parent: int):
    """What a child runs before MkDocs starts: be killed when `parent` dies (Linux prctl; elsewhere nothing)."""

    def end_with_parent() -> None:
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (AttributeError, OSError):
            return
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)

    return end_with_parent
