"""Parallel language builds: `sitegen site` builds each language with its own `mkdocs build` and merges them.

The merged site must be the site one `mkdocs build` makes (`sitegen site --jobs 1`), byte for byte, for
every file: built both ways from copies of the real project (with a missing and a partly missing
translation, so that German pages and sections stand in) and from the four-language project of
tests/test_languages_as_data.py. A failing worker, or a killed parent, leaves site/ as it was.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import re
import signal
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup
from mkdocs_static_i18n.reconfigure import ExtendedPlugin

from conftest import REPOSITORY, copy_site_project, sitegen
from sitegen.content.tree import load_content
from sitegen.publish.mkdocs.config import i18n_options
from sitegen.render.facts import NavEntry, SiteFacts
from sitegen.publish.mkdocs.parallel import PARTS, without_search_duplicates
from processes import children, running, runs_mkdocs, subreaper  # noqa: F401 - subreaper is a fixture used below

# sitemap.xml.gz holds the build date: fixed, so two builds of one site are identical.
ENVIRONMENT = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
GERMAN_SECTION = "workshops/infrastruktur-mobilitaet/#wirtschaftsnahe-infrastruktur"


def contents(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file() or path.is_symlink()}


def built_both_ways(project: Path, jobs: str) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The site built by one `mkdocs build` (site-sequential/) and by `jobs` workers (site-parallel/)."""
    sequential = sitegen(project, "site", "--jobs", "1", "--site-dir", "site-sequential")
    parallel = sitegen(project, "site", "--jobs", jobs, "--site-dir", "site-parallel")
    return both_ways(project, sequential, parallel)


def both_ways(project: Path, sequential: subprocess.CompletedProcess,
              parallel: subprocess.CompletedProcess) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The two builds succeeded, the workers' messages were shown and their parts are gone: both sites."""
    assert sequential.returncode == 0, sequential.stderr
    assert parallel.returncode == 0, parallel.stderr
    assert "Building 'hsb' documentation" in parallel.stderr, "the workers' messages are shown"
    assert not (project / "site-parallel" / PARTS).exists()
    return contents(project / "site-sequential"), contents(project / "site-parallel")


def assert_identical(sequential: dict[str, bytes], parallel: dict[str, bytes]) -> None:
    assert sorted(parallel) == sorted(sequential)
    different = [name for name in sequential if parallel[name] != sequential[name]]
    assert different == [], f"{len(different)} files differ, e.g. {different[:5]}"


@pytest.fixture(scope="module")
def real_project(tmp_path_factory) -> Path:
    """The real project, with the English translation of one workshop missing (a German page stands in),
    one Sorbian focus area untranslated (a German section within a Sorbian page), and characters
    HTML escapes in an English title (the navigation shows it on every English page)."""
    project = copy_site_project(tmp_path_factory.mktemp("parallel"))
    (project / "content/en/workshops/innovation-digitalisierung.yaml").unlink()
    english = project / "content/en/workshops/kunst-kultur-tourismus-marketing.yaml"
    english.write_text(english.read_text(encoding="utf-8").replace(
        "title: Art, culture, tourism and marketing\n", 'title: "Art & culture, tourism < \\"marketing\\""\n'),
        encoding="utf-8")
    sorbian = project / "content/hsb/workshops/infrastruktur-mobilitaet.yaml"
    text = sorbian.read_text(encoding="utf-8")
    area = re.search(r"  - title: Infrastruktura za hospodarstwo\n    text: >-\n(      .*\n)+", text)
    assert area is not None
    sorbian.write_text(text[:area.start()] + "  - {}\n" + text[area.end():], encoding="utf-8")
    return project


def test_parallel_build_is_the_sequential_build(real_project):
    sequential, parallel = built_both_ways(real_project, "3")
    assert_identical(sequential, parallel)
    # What the one process accumulates over its language builds is all there: every language's
    # 404 page, search index and sitemap entries, and the German pages standing in.
    assert {"404.html", "en/404.html", "hsb/404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json",
            "en/search/search_index.json", "hsb/search/search_index.json",
            "en/workshops/innovation-digitalisierung/index.html"} <= set(parallel)
    assert "Art &amp; culture, tourism &lt; \"marketing\"" in parallel["en/faq/index.html"].decode()
    sitemap = parallel["sitemap.xml"].decode()
    assert all(f"/{code}/workshops/infrastruktur-mobilitaet/</loc>" in sitemap for code in ("en", "hsb"))
    assert "/en/workshops/innovation-digitalisierung/</loc>" not in sitemap  # a German copy is not listed
    # mkdocs-static-i18n leaves out the Sorbian entry of the German section: it repeats the German one.
    index = {name: json.loads(parallel[name]) for name in ("search/search_index.json", "hsb/search/search_index.json")}
    assert GERMAN_SECTION in {entry["location"] for entry in index["search/search_index.json"]["docs"]}
    assert GERMAN_SECTION not in {entry["location"] for entry in index["hsb/search/search_index.json"]["docs"]}


def test_four_languages_in_parallel(four_language_project, four_language_builds):
    # Fewer workers than languages (two after two), and a site published below a path, with edit links:
    # built once for this test and tests/site/test_languages_as_data.py (tests/conftest.py).
    assert four_language_builds["parallel"].args[-4:-2] == ["--jobs", "2"]
    sequential, parallel = both_ways(four_language_project, four_language_builds["sequential"],
                                     four_language_builds["parallel"])
    assert_identical(sequential, parallel)
    assert b"https://github.com/owner/repository/edit/main/content/dsb/site.yaml" in parallel["dsb/index.html"]
    assert b"https://example.org/werkstaetten/dsb/" in parallel["sitemap.xml"]
    assert "dsb/workshops/infrastruktur-mobilitaet/index.html" in parallel
    locations = {entry["location"] for entry in json.loads(parallel["dsb/search/search_index.json"])["docs"]}
    assert "" in locations and not any(location.startswith(("faq/", "workshops/infrastruktur-mobilitaet/"))
                                       for location in locations), "the German copies are not in dsb's index"


def test_a_failing_language_leaves_the_site_as_it_was(real_project):
    result = sitegen(real_project, "site", "--jobs", "3")
    assert result.returncode == 0, result.stderr
    before = contents(real_project / "site")
    main = real_project / "overrides/main.html"
    original = main.read_text(encoding="utf-8")
    broken = "{% block content %}{% if config.theme.language == 'hsb' %}{{ no_such_macro() }}{% endif %}" \
             "{{ super() }}{% endblock %}\n"
    try:
        main.write_text(original + broken, encoding="utf-8")  # breaks the Sorbian pages only
        result = sitegen(real_project, "site", "--jobs", "3")
    finally:
        main.write_text(original, encoding="utf-8")
    assert result.returncode == 1
    assert "no_such_macro" in result.stderr, "the failing worker's messages are shown"
    assert re.search(r"^overrides/main\.html:\d+: MkDocs stopped: UndefinedError: 'no_such_macro' is undefined$",
                     result.stderr, re.MULTILINE), "in one line, at the template's line"
    assert "Traceback" not in result.stderr
    assert result.stderr.endswith("sitegen: mkdocs build failed for 'hsb' (exit code 1); "
                                  "site/ was left as it was\n")
    assert contents(real_project / "site") == before
    assert os.listdir(real_project / ".site.sitegen") == ["lock"]


def started_workers(process: subprocess.Popen) -> list[int]:
    """The three workers of a `sitegen site --jobs 3`, once all of them run MkDocs: a child that has not yet
    exec'd is still in its preexec_fn, where it may find its parent gone and exit 1 instead of being killed."""
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while len(workers) < 3 and process.poll() is None and time.monotonic() < deadline:
        workers = [pid for pid in children(process.pid) if running(pid) and runs_mkdocs(pid)]
        time.sleep(0.005)
    assert len(workers) == 3, "three workers at once"
    return workers


def test_a_killed_worker_fails_the_build(real_project):
    result = sitegen(real_project, "site", "--jobs", "3")
    assert result.returncode == 0, result.stderr
    before = contents(real_project / "site")
    process = subprocess.Popen([sys.executable, "-m", "sitegen", "--root", str(real_project), "site", "--jobs", "3"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENVIRONMENT)
    os.kill(started_workers(process)[1], signal.SIGKILL)
    _, errors = process.communicate(timeout=120)
    assert process.returncode == 1
    assert re.search(r"sitegen: mkdocs build failed for '[a-z]+' \(killed by signal 9\); site/ was left as it was\n\Z",
                     errors), errors
    assert contents(real_project / "site") == before
    assert os.listdir(real_project / ".site.sitegen") == ["lock"]


def test_killed_parallel_build_kills_its_workers(real_project, subreaper):
    result = sitegen(real_project, "site", "--jobs", "3")
    assert result.returncode == 0, result.stderr
    before = contents(real_project / "site")
    process = subprocess.Popen([sys.executable, "-m", "sitegen", "--root", str(real_project), "site", "--jobs", "3"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENVIRONMENT)
    workers = started_workers(process)
    process.kill()
    process.wait()
    for pid in workers:
        _, status = os.waitpid(pid, 0)  # this process is their parent now
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, "a worker outlived sitegen"
    assert contents(real_project / "site") == before
    result = sitegen(real_project, "site", "--jobs", "3")  # cleans up what the killed build left
    assert result.returncode == 0, result.stderr
    assert contents(real_project / "site") == before
    assert os.listdir(real_project / ".site.sitegen") == ["lock"]


def test_the_workers_get_the_facts_about_the_content_as_they_are():
    content = load_content(REPOSITORY / "content", REPOSITORY)
    facts = SiteFacts.of(content)
    assert SiteFacts.loads(facts.dumps()) == facts
    assert [language.language for language in facts.languages] == content.languages
    # Texts with markup characters arrive as written, and the worker makes the same options of them: what
    # the theme prints is Markup (escaped once); a language name is plain text (escaped where shown).
    german = facts.languages[0]
    odd = dataclasses.replace(facts, languages=(dataclasses.replace(
        german, site_name="A & B <i>", nav=german.nav + (NavEntry("A & B <i>", "de/a.md"),)),) + facts.languages[1:])
    again = SiteFacts.loads(odd.dumps())
    assert again == odd
    options = i18n_options(again)
    assert options == i18n_options(odd)
    assert [type(key) for item in options[0]["nav"] for key in item] == [Markup] * 4
    assert options[0]["site_name"] == Markup("A &amp; B &lt;i&gt;") and type(options[0]["name"]) is str


# The search index: mkdocs-static-i18n's deduplication, done in linear time.

ENTRY = st.fixed_dictionaries({
    "location": st.tuples(st.sampled_from(["", "en/", "hsb/"]), st.sampled_from(["", "a/", "b/a/", "a/#x"])).map("".join),
    "title": st.sampled_from("TU"),
    "text": st.sampled_from("xy"),
})


def languages_in_order(entries: list[dict]) -> list[dict]:
    """As the builds append them: the source language's entries first, then each other language's."""
    return sorted(entries, key=lambda entry: ["", "en/", "hsb/"].index(
        next((prefix for prefix in ("en/", "hsb/") if entry["location"].startswith(prefix)), "")))


@settings(max_examples=500, deadline=None)
@given(st.lists(ENTRY, max_size=14).map(languages_in_order))
def test_search_duplicates_are_removed_as_mkdocs_static_i18n_removes_them(entries):
    expected = copy.deepcopy(entries)
    ExtendedPlugin.reconfigure_search_duplicates(types.SimpleNamespace(build_languages=["de", "en", "hsb"]), expected)
    assert json.dumps(without_search_duplicates(copy.deepcopy(entries), ["de", "en", "hsb"])) == json.dumps(expected)
