"""The one place that orders the stages: load and validate, render, write; and the site: MkDocs, then swap."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO, TextIO

from sitegen.review import langguard
from sitegen.publish.mkdocs import parallel
from sitegen.review import spelling
from sitegen.content.tree import Content, load_content
from sitegen.core.errors import Problem
from sitegen.read.languages import load_languages
from sitegen.output.outdirs import SITE_MARKER, check_output_folder, write_site_marker
from sitegen.render.pages import render_pages
from sitegen.publish.mkdocs.theme_strings import PARTIALS_DIR, render_language_partials
from sitegen.output.write import STORE, Output, Staging, WriteReport, holding, publish, replacing


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


def build(paths: Paths, content: Content | None = None) -> BuildResult:
    """Validate all content, then publish the Markdown pages (docs/<lang>/) and the theme strings (the theme
    folder's partials/languages/) together, as one new generation, or write nothing if nothing changed.
    `content`: the content of `paths`, if it has just been loaded (and validated) already."""
    content = check(paths) if content is None else content
    pages = render_pages(content)
    partials = render_language_partials(content)
    page_report, theme_report = publish(paths.docs / STORE, [
        Output("docs", paths.docs, pages, links=tuple(sorted({PurePosixPath(page).parts[0] for page in pages}))),
        Output("theme", paths.theme, partials, links=(PARTIALS_DIR,)),
    ], paths.root)
    return BuildResult(content=content, pages=page_report, theme=theme_report)


class SiteBuildFailed(Exception):
    """MkDocs did not build the site; it has printed why."""


def build_site(paths: Paths, site: str | os.PathLike, jobs: int | None = None, messages: TextIO | None = None) -> Path:
    """Build the site with the real `mkdocs build --strict` into a new folder beside `site`, and swap it
    in for `site` only when every build succeeded; return the folder built.

    `site`: relative to the project folder, or absolute. Before anything runs, outdirs.UnsafeOutput if
    sitegen may not replace it (see sitegen.outdirs: the project, its own folders, a folder sitegen did
    not build …). Every site built holds the marker file (SITE_MARKER) that says sitegen built it.

    `jobs`: how many languages are built at the same time, each by its own `mkdocs build` (default:
    all, up to twice as many as there are cores; on one core, 1). With 1, one `mkdocs build` renders
    content/ through the sitegen plugin and builds every language, one after another. Otherwise
    content/ is rendered here first, the languages are built in parallel and merged
    (sitegen.parallel); the result is the same, byte for byte. The parallel workers' messages go
    to `messages` (default: standard error), each worker's at once when it ends."""
    site = check_output_folder(site, paths.root, SITE_MARKER)
    languages = load_languages(paths.content, paths.root)
    jobs = parallel.default_jobs(len(languages)) if jobs is None else min(jobs, len(languages))
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    with replacing(site) as staging:
        if jobs == 1:
            result = subprocess.run(_mkdocs(staging.folder), **_mkdocs_options(paths, staging))
            if result.returncode != 0:
                raise SiteBuildFailed(f"mkdocs build failed (exit code {result.returncode}); "
                                      f"{site.name}/ was left as it was")
        else:
            _build_languages(paths, site, staging, jobs, messages)
        write_site_marker(staging.folder)  # MkDocs has finished: the site is complete, swapped in next
    return site


def _build_languages(paths: Paths, site: Path, staging: Staging, jobs: int, messages: TextIO | None) -> None:
    """Render content/, then build the languages in parallel into the staging folder, and merge them."""
    content = build(paths).content
    from sitegen.publish.mkdocs.plugin import SiteFacts  # imports MkDocs, which the other commands do without

    def start(folder: Path, variables: dict[str, str], log: BinaryIO) -> subprocess.Popen:
        options = _mkdocs_options(paths, staging)
        options["env"].update(variables)
        return subprocess.Popen(_mkdocs(folder), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                **options)

    # The workers read docs/ while it is held: no other build switches it to a new generation meanwhile.
    with holding(paths.docs / STORE):
        try:
            parallel.build_languages(content.languages, SiteFacts.of(content).dumps(), staging.folder, jobs,
                                     start, messages or sys.stderr)
        except parallel.WorkerFailed as failure:
            raise SiteBuildFailed(f"{failure}; {site.name}/ was left as it was") from None


def _mkdocs(site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]


def _mkdocs_options(paths: Paths, staging: Staging) -> dict:
    """How MkDocs runs: in the project, holding the staging folder's lock, and ending with this process
    (a killed build leaves no writer behind)."""
    return {"cwd": paths.root, "env": {"NO_MKDOCS_2_WARNING": "1", **os.environ},  # Material's notice about
            "pass_fds": (staging.lock,), "preexec_fn": _ending_with(os.getpid())}  # MkDocs 2, as make sets it


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
