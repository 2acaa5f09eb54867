"""Building the languages of the site in parallel: one `mkdocs build --strict` per language, merged into one site.

The adapter's own job, not a workaround; it relies on two (upstream/static_i18n_one_language.py, how a
worker builds its language alone, and upstream/static_i18n_search_dedup.py).

mkdocs-static-i18n builds the source language and then, in its `on_post_build`, every other language,
one after another in one process. Here each language is built by a worker process of its own, into
a folder of its own, and the parent merges what they wrote into one site, byte for byte the site the
one process would have written (tests/test_parallel.py compares every file):

    docs/ rendered once by the parent (pipeline.build); then, at the same time:
    worker de   ->  <parts>/de/    the root: pages, theme assets, 404.html, sitemap.xml, search index
    worker en   ->  <parts>/en/    only its en/ folder is used
    worker hsb  ->  <parts>/hsb/   only its hsb/ folder is used
            │
            ▼  merge
    the site: the source language's build, every other language's folder, and the three files the one
    process accumulates over all languages: sitemap.xml (+ .gz), and the search index (split per language)

What the sequential build accumulates over its language builds, and how the merge makes the same:
- sitemap.xml lists the pages of every language built so far; the last language's build writes the
  complete one. Each worker's lists its own language's pages: the merge joins them in language order.
- The search index holds the entries of every language, without the translated entries that repeat a
  German one (mkdocs-static-i18n's deduplication); it is then split per language (material_search).
  The merge collects each worker's entries in language order and does the same
  (upstream/static_i18n_search_dedup.py).
- 404.html: the sitegen plugin writes each language's own 404 page; the root one comes from the
  source language's worker, as in the sequential build.
"""

from __future__ import annotations

import gzip
import json
import os
import select
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from sitegen.core.messages import _
from sitegen.core.model import Language
from sitegen.publish.mkdocs.upstream import material_search_per_language as material_search
from sitegen.publish.mkdocs.upstream.static_i18n_search_dedup import without_search_duplicates
from sitegen.publish.mkdocs.worker import worker_environment

__all__ = ["PARTS", "WorkerFailed", "build_languages", "default_jobs", "merge", "without_search_duplicates"]

# What a worker builds is handed to it in its environment (worker.py, the one place that knows how):
# the code of its language, and this file with the facts about the content (render.facts.SiteFacts).
FACTS = "facts.json"
PARTS = ".sitegen-parts"  # inside the new site's folder, while the workers build (MkDocs leaves dot-names alone)
SITEMAP = "sitemap.xml"
POLL_INTERVAL = 0.02  # seconds between two looks at the running workers, where they cannot be waited for


class WorkerFailed(Exception):
    """One language's `mkdocs build` failed or was killed; its messages have been shown."""

    def __init__(self, language: str, returncode: int):
        self.language, self.returncode = language, returncode
        if returncode < 0:
            # TRANSLATORS: {language} is a language code ("en"), {signal} a number
            message = _("mkdocs build failed for '{language}' (killed by signal {signal})").format(
                language=language, signal=-returncode)
        else:
            # TRANSLATORS: {language} is a language code ("en"), {code} a number
            message = _("mkdocs build failed for '{language}' (exit code {code})").format(
                language=language, code=returncode)
        super().__init__(message)


# From this many pages per language on, building the languages in parallel is faster than one build of
# all of them; below it, starting a worker for each language costs more than it saves. Measured with
# `sitegen site --jobs 1` and `--jobs 3` on 2 cores (bench/run.py writes both for every size into
# BENCHMARKS.md): 20 workshops per language (32 pages) 1.3 s / 1.5 s; 50 (62 pages) 2.1 s / 2.1 s;
# 100 (112 pages) 4.6 s / 3.0 s; 200 (212 pages) 9.4 s / 5 s.
PARALLEL_FROM_PAGES = 64


def default_jobs(languages: int, pages: int) -> int:
    """How many languages to build at the same time: one worker per language, at most twice as many as this
    process may use cores, when the site has at least PARALLEL_FROM_PAGES `pages` per language; else
    one build (also on one core).

    More workers than cores pay off: the operating system shares the cores among them, so three
    languages on two cores take one and a half language builds, not two (the third one alone after
    the first two). At 1,000 workshops per language, on two cores: 46 s with three workers, 56 s with
    two, 90 s for a plain sequential `mkdocs build` of the same pages."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    if cores < 2 or pages < PARALLEL_FROM_PAGES:
        return 1
    return max(1, min(languages, 2 * cores))


@dataclass
class _Worker:
    language: str
    folder: Path
    log: Path
    process: subprocess.Popen | None = None


def build_languages(languages: list[Language], facts: str, site: Path, jobs: int,
                    start: Callable[[Path, dict[str, str], BinaryIO], subprocess.Popen], messages: TextIO) -> None:
    """Build every language with its own `mkdocs build` (at most `jobs` at a time) and merge them into
    the empty folder `site`. `facts` is what the workers need to know about the content (JSON, see
    render.facts.SiteFacts). `start(folder, environment, log)` starts a worker: `mkdocs build` into
    `folder`, with these variables added to its environment, writing its messages to `log`.

    Each worker's messages are shown in `messages` once it has ended, in language order, as the
    sequential build would show them. When a worker fails, the others are killed, its messages
    are shown, and WorkerFailed is raised; `site` then holds a half-built site for the caller to
    remove."""
    parts = site / PARTS
    parts.mkdir()
    (parts / FACTS).write_text(facts, encoding="utf-8")
    workers = [_Worker(language.code, parts / language.code, parts / f"{language.code}.log")
               for language in languages]
    waiting, running, shown = list(workers), [], 0
    try:
        while waiting or running:
            while waiting and len(running) < jobs:
                worker = waiting.pop(0)
                with open(worker.log, "wb") as log:
                    worker.process = start(worker.folder, worker_environment(worker.language, str(parts / FACTS)), log)
                running.append(worker)
            _wait_for_any([worker.process for worker in running])
            for worker in [worker for worker in running if worker.process.poll() is not None]:
                running.remove(worker)
                if worker.process.returncode != 0:
                    _show(worker, messages)
                    raise WorkerFailed(worker.language, worker.process.returncode)
            while shown < len(workers) and workers[shown].process is not None \
                    and workers[shown].process.returncode is not None:
                _show(workers[shown], messages)
                shown += 1
    finally:
        for worker in running:
            worker.process.kill()
        for worker in running:
            worker.process.wait()
    merge({worker.language: worker.folder for worker in workers}, languages, site)
    shutil.rmtree(parts)


def _wait_for_any(processes: list[subprocess.Popen]) -> None:
    """Return as soon as one of `processes` has ended: on Linux, by waiting on their process file descriptors
    (no time lost, none spent); elsewhere after POLL_INTERVAL."""
    descriptors: list[int] = []
    try:
        for process in processes:
            descriptors.append(os.pidfd_open(process.pid))
        if descriptors:
            waiting = select.poll()
            for descriptor in descriptors:
                waiting.register(descriptor, select.POLLIN)
            waiting.poll()
    except (AttributeError, OSError):  # no pidfd_open (not Linux 5.3 or newer): look again shortly
        time.sleep(POLL_INTERVAL)
    finally:
        for descriptor in descriptors:
            os.close(descriptor)


def _show(worker: _Worker, messages: TextIO) -> None:
    text = worker.log.read_text(encoding="utf-8", errors="replace")
    if text:
        messages.write(text if text.endswith("\n") else text + "\n")
        messages.flush()


def merge(parts: dict[str, Path], languages: list[Language], site: Path) -> None:
    """Put the languages' builds (`parts`: language code -> the folder it was built into) together
    into `site`, as mkdocs-static-i18n's sequential build would have written them."""
    source, others = languages[0].code, [language.code for language in languages[1:]]
    sitemap = _merged_sitemap([parts[language.code] for language in languages])
    search = _merged_search(parts, languages)
    for entry in sorted(parts[source].iterdir()):
        os.rename(entry, site / entry.name)
    for code in others:
        if os.path.lexists(site / code):
            raise RuntimeError(_("the build of '{source}' wrote {code}/, the folder of the language "
                                 "'{code}'").format(source=source, code=code))
        if (parts[code] / code).is_dir():
            os.rename(parts[code] / code, site / code)
    if sitemap is not None:
        text, mtime = sitemap
        _write_sitemap(site / SITEMAP, text, mtime)
    if search is not None:
        config, entries = search
        material_search.write_indexes(site, languages, config, entries)


def _merged_sitemap(folders: list[Path]) -> tuple[str, int] | None:
    """sitemap.xml with every language's pages, and the date of its .gz (the last language's)."""
    if not (folders[0] / SITEMAP).is_file():
        return None
    texts = [(folder / SITEMAP).read_text(encoding="utf-8") for folder in folders]
    heads, bodies, tails = zip(*(_sitemap_parts(text) for text in texts))
    if len(set(heads)) != 1 or len(set(tails)) != 1:
        raise RuntimeError(_("the languages' sitemap.xml files do not have the same frame; "
                             "see sitegen/parallel.py (merge) for what it expects"))
    with open(folders[-1] / f"{SITEMAP}.gz", "rb") as stream:
        header = stream.read(8)
    return heads[0] + "".join(bodies) + tails[0], int.from_bytes(header[4:8], "little")


def _sitemap_parts(text: str) -> tuple[str, str, str]:
    """The frame before the first <url> (the <urlset> start tag), the <url> elements, and the frame after."""
    start = text.index(">", text.index("<urlset")) + 1
    end = text.rfind("</url>")
    end = start if end < start else end + len("</url>")
    return text[:start], text[start:end], text[end:]


def _write_sitemap(path: Path, text: str, mtime: int) -> None:
    """sitemap.xml and sitemap.xml.gz, written as MkDocs writes them (mkdocs.commands.build)."""
    data = text.encode("utf-8")
    path.write_bytes(data)
    gz_path = f"{path}.gz"
    with open(gz_path, "wb") as stream, gzip.GzipFile(fileobj=stream, filename=gz_path, mode="wb",
                                                      mtime=mtime) as compressed:
        compressed.write(data)


def _merged_search(parts: dict[str, Path], languages: list[Language]) -> tuple[dict, list[dict]] | None:
    """The search settings and the entries of the combined index of all languages."""
    indexes = []
    for language in languages:
        path = parts[language.code] / material_search.INDEX
        if not path.is_file():
            return None
        indexes.append(json.loads(path.read_text(encoding="utf-8")))
    configs = [index["config"] for index in indexes]
    if any(config != configs[0] for config in configs):
        raise RuntimeError(_("the languages' search indexes have different settings; "
                             "see sitegen/parallel.py (merge)"))
    entries = [entry for index in indexes for entry in index["docs"]]
    return configs[0], without_search_duplicates(entries, [language.code for language in languages])
