"""`sitegen site`: the real `mkdocs build --strict` into a new folder, swapped in for the site only on success.

One build of every language, in this process; or, for a large site on two cores or more (the measured
choice in parallel.default_jobs), the pipeline renders content/ once and each language is built by its own
MkDocs process at the same time (parallel.py), then merged.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import BinaryIO, TextIO

from sitegen import pipeline
from sitegen.output.outdirs import SITE_MARKER, check_output_folder, write_site_marker
from sitegen.core.messages import _
from sitegen.output.write import STORE, Staging, holding, replacing
from sitegen.publish.mkdocs import command, parallel
from sitegen.publish.mkdocs.engine import ENGINE
from sitegen.read.languages import load_languages


class SiteBuildFailed(Exception):
    """MkDocs did not build the site; it has printed why."""


def build_site(paths: pipeline.Paths, site: str | os.PathLike, jobs: int | None = None,
               messages: TextIO | None = None) -> Path:
    """Build the site with the real `mkdocs build --strict` into a new folder beside `site`, and swap it
    in for `site` only when every build succeeded; return the folder built.

    `site`: relative to the project folder, or absolute. Before anything runs, outdirs.UnsafeOutput if
    sitegen may not replace it (see sitegen.outdirs: the project, its own folders, a folder sitegen did
    not build …). Every site built holds the marker file (SITE_MARKER) that says sitegen built it.

    `jobs`: how many languages are built at the same time, each by its own `mkdocs build` (default:
    parallel.default_jobs: 1 for a small site or on one core, else all, up to twice as many as there are
    cores). With 1, one `mkdocs build`, run in this process, renders content/ through the sitegen plugin
    and builds every language, one after another. Otherwise
    content/ is rendered here first, the languages are built in parallel and merged
    (sitegen.parallel); the result is the same, byte for byte. The parallel workers' messages go
    to `messages` (default: standard error), each worker's at once when it ends."""
    site = check_output_folder(site, paths.root, SITE_MARKER)
    languages = load_languages(paths.content, paths.root)
    if jobs is None:
        jobs = parallel.default_jobs(len(languages), _pages_per_language(paths.content / languages[0].code))
    jobs = min(jobs, len(languages))
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    with replacing(site) as staging:
        if jobs == 1:
            code = command.run_build(paths.root, staging.folder)
            if code != 0:
                # TRANSLATORS: {folder} is the site's folder (site)
                raise SiteBuildFailed(_("mkdocs build failed (exit code {code}); {folder}/ was left as it "
                                        "was").format(code=code, folder=site.name))
        else:
            _build_languages(paths, site, staging, jobs, messages)
        write_site_marker(staging.folder)  # MkDocs has finished: the site is complete, swapped in next
    return site


def _pages_per_language(source: Path) -> int:
    """About how many pages each language has: the source language's YAML files (nearly each one a page; a few,
    such as site.yaml, are not), enough to choose between one build and parallel ones."""
    return sum(1 for _path in source.rglob("*.yaml"))


def _build_languages(paths: pipeline.Paths, site: Path, staging: Staging, jobs: int, messages: TextIO | None) -> None:
    """Render content/, then build the languages in parallel into the staging folder, and merge them."""
    languages, facts = _rendered(paths)

    def start(folder: Path, variables: dict[str, str], log: BinaryIO) -> subprocess.Popen:
        options = _mkdocs_options(paths, staging)
        options["env"].update(variables)
        return subprocess.Popen(_mkdocs(folder), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                **options)

    # The workers read docs/ while it is held: no other build switches it to a new generation meanwhile.
    with holding(paths.docs / STORE):
        try:
            parallel.build_languages(languages, facts, staging.folder, jobs, start, messages or sys.stderr)
        except parallel.WorkerFailed as failure:
            # TRANSLATORS: {failure} is "mkdocs build failed for 'en' (exit code 1)"; {folder} the site's folder (site)
            raise SiteBuildFailed(_("{failure}; {folder}/ was left as it was").format(
                failure=failure, folder=site.name)) from None


def _rendered(paths: pipeline.Paths) -> tuple[list, str]:
    """Render content/ into docs/, and return what the workers need: the languages, and the facts about the
    content as JSON. The content itself is let go here, before the workers start: at 1,000 workshops per
    language it holds some 170 MB, which the merge of the search indexes afterwards can use again."""
    content = pipeline.build(paths, ENGINE).content
    return list(content.languages), pipeline.site_facts(content).dumps()


def _mkdocs(site_dir: Path) -> list[str]:
    """A worker of the parallel build: MkDocs' command line as command.run_build runs it, in a process of its own."""
    return [sys.executable, "-m", command.__name__, str(site_dir)]


def _mkdocs_options(paths: pipeline.Paths, staging: Staging) -> dict:
    """How MkDocs runs: in the project, holding the staging folder's lock, and ending with this process
    (a killed build leaves no writer behind)."""
    return {"cwd": paths.root, "env": {command.MKDOCS_2_NOTICE: "1", **os.environ},  # Material's notice about
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
