"""Shared helpers and fixtures: small real content trees copied into a temporary project folder, the
`sitegen()` command in a process of its own, the test markers, and the one real site (and the one
Chromium) that the browser suites share.

Markers (registered in pyproject.toml, given in pytest_collection_modifyitems below; `make test-fast`
leaves out all three):
- site: builds a whole site with the real MkDocs: every test in tests/site/, and each test elsewhere that
  uses a fixture named in BUILT_SITES.
- browser: drives Debian's chromium through Playwright: each test that uses `chromium`.
- slow: takes more than a second for another reason (kill rounds, worst-case inputs, real processes):
  the tests named in SLOW.
`make test` runs pytest-xdist with --dist loadfile: each file's tests run on one worker, so a module-scoped
site is built once; each worker process has its own session, so it builds the served real site and
launches Chromium at most once. (--dist loadgroup cannot be used: pytest-xdist 3.8 renames node ids to
group them, which pytest 9.2 no longer allows, so xdist_group marks are silently ignored.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

# The tests read sitegen's messages in English, the language they are written in; the German ones are
# tested where that is the point (tests/core/test_messages.py, tests/test_docs.py). Set before any
# sitegen process starts, so every process of the suite inherits it.
os.environ["SITEGEN_MESSAGES"] = "en"

from sitegen.cli import main  # noqa: E402 - after the environment it must see

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
REPOSITORY = TESTS.parent


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder holding a copy of the minimal fixture content (de, en, hsb; one workshop)."""
    shutil.copytree(FIXTURES / "minimal" / "content", tmp_path / "content")
    return tmp_path


@pytest.fixture
def run(capsys):
    """Run the sitegen command line in-process; return (exit code, stdout, stderr)."""

    def _run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return _run


def copy_site_project(target: Path) -> Path:
    """Copy what a clean clone needs to build the real site (no generated files) into `target`."""
    for name in ("mkdocs.yml", "content", "overrides", "docs/assets"):
        source = REPOSITORY / name
        if source.is_dir():
            # Leave out what sitegen generates there: the symlink to the theme strings (partials/languages),
            # and what the layout before docs/.sitegen/ or a stopped build may have left.
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns(
                "languages", ".sitegen-manifest.json", "*.sitegen-new"))
        else:
            shutil.copy(source, target / name)
    return target


def write(project: Path, relative: str, text: str) -> Path:
    """Write a content file inside the project and return its path."""
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- The real site and Chromium, once per test process ---------------------------------------------------

@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The real site, built once from a copy of the repository by `sitegen site` for the address it is
    served at, like GitHub Pages (tests/browser.py): shared by the browser, page-weight and site tests."""
    from browser import build_and_serve

    server = build_and_serve(tmp_path_factory.mktemp("real-site"))
    yield server
    server.httpd.shutdown()


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium, launched once through Playwright; each test opens its own pages or contexts.
    One Playwright per process: a second sync_playwright() inside it fails, so every test uses this one."""
    from playwright.sync_api import sync_playwright

    from browser import launch

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


# --- Lower Sorbian as data: the four-language project of tests/site/ ---------------------------------------

DSB_ENTRY = """  - code: dsb
    name: Dolnoserbšćina
    dir: ltr
"""
# The four-language site is published below a path, with edit links.
FOUR_LANGUAGE_ADDRESSES = {"SITE_URL": "https://example.org/werkstaetten/",
                           "SITEGEN_EDIT_URL": "https://github.com/owner/repository/edit/main/"}


@pytest.fixture(scope="session")
def four_language_project(tmp_path_factory) -> Path:
    """A copy of the real project with Lower Sorbian (dsb) added as data: one entry in languages.yaml and a
    content folder with only the interface texts (site.yaml, theme.yaml of tests/fixtures/dsb)."""
    project = copy_site_project(tmp_path_factory.mktemp("four"))
    languages = project / "content/languages.yaml"
    languages.write_text(languages.read_text(encoding="utf-8") + DSB_ENTRY, encoding="utf-8")
    (project / "content/dsb").mkdir()
    for name in ("site.yaml", "theme.yaml"):
        shutil.copy(FIXTURES / "dsb" / name, project / "content/dsb" / name)
    return project


class FourLanguageBuilds(dict):
    """`builds["sequential"]`: the four-language site built by one `mkdocs build` (`sitegen site --jobs 1`, into
    site-sequential/); `builds["parallel"]`: by two workers (`--jobs 2`, two languages after two, into
    site-parallel/); both with FOUR_LANGUAGE_ADDRESSES. Each is built when it is first asked for, once."""

    JOBS = {"sequential": "1", "parallel": "2"}

    def __init__(self, project: Path):
        super().__init__()
        self.project = project

    def __missing__(self, name: str) -> subprocess.CompletedProcess:
        self[name] = sitegen(self.project, "site", "--jobs", self.JOBS[name], "--site-dir", f"site-{name}",
                             env=FOUR_LANGUAGE_ADDRESSES)
        return self[name]


@pytest.fixture(scope="session")
def four_language_builds(four_language_project) -> FourLanguageBuilds:
    """The four-language builds, shared by tests/site/test_languages_as_data.py and test_parallel.py, which
    check the results."""
    return FourLanguageBuilds(four_language_project)


# What every sitegen process of the tests gets besides this process's environment: no notice about MkDocs 2,
# and a fixed build date (mkdocs_static_i18n's sitemap dates follow it), so two builds of one site are identical.
SITEGEN_ENVIRONMENT = {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}


def sitegen(project: Path, *args: str, env: dict[str, str] | None = None,
            timeout: float | None = None) -> subprocess.CompletedProcess:
    """Run `python -m sitegen --root PROJECT ARGS` in a process of its own, with no standard input, and
    return it with its output as text. `env` adds variables to the environment; with a `timeout` (seconds)
    a hang fails the test (subprocess.TimeoutExpired) instead of stalling the suite."""
    return subprocess.run([sys.executable, "-m", "sitegen", "--root", str(project), *args], capture_output=True,
                          text=True, env={**os.environ, **SITEGEN_ENVIRONMENT, **(env or {})}, timeout=timeout,
                          stdin=subprocess.DEVNULL)


# --- Markers ----------------------------------------------------------------------------------------------

# The rule for `slow`: outside tests/site/ and tests/browser/, a test function one of whose cases takes more
# than 1 s on 2 cores (measured with `pytest --durations=0 -p no:xdist`). Keyed by file and function, so
# that every parametrized case is marked. A name here that no longer exists is reported as a warning.
SLOW = {
    "browser/test_injection.py::test_any_text_renders_as_written",
    "browser/test_injection.py::test_outside_addresses_are_refused_where_they_enter",
    "browser/test_injection.py::test_sitegen_site_refuses_them_with_the_same_message",
    "content/test_status.py::test_check_catches_the_seed_sites_failure",
    "content/test_status.py::test_check_strict_makes_unknown_words_errors",
    "output/test_atomic.py::test_a_second_build_waits_for_the_first",
    "output/test_atomic.py::test_clean_rerender_is_byte_identical",
    "output/test_atomic.py::test_killed_build_leaves_the_old_or_the_new_pages",
    "output/test_output_safety.py::test_a_folder_whose_loss_would_lose_anything_is_refused",
    "output/test_output_safety.py::test_a_site_from_before_markers_is_replaced",
    "output/test_output_safety.py::test_a_site_sitegen_built_is_built_again",
    "output/test_output_safety.py::test_every_site_holds_the_marker",
    "output/test_output_safety.py::test_builds_and_make_clean_leave_files_in_the_store_that_sitegen_did_not_write",
    "output/test_output_safety.py::test_make_clean_and_builds_never_reach_through_a_linked_store",
    "output/test_output_safety.py::test_make_clean_leaves_a_site_folder_sitegen_did_not_build",
    "output/test_output_safety.py::test_make_clean_removes_what_sitegen_made",
    "output/test_output_safety.py::test_mkdocs_site_dir_rules_follow_the_docs_dir_of_mkdocs_yml",
    "output/test_output_safety.py::test_only_a_marker_or_the_project_s_own_mkdocs_site_makes_a_folder_replaceable",
    "read/test_bad_input.py::test_hostile_files_fail_fast_in_little_memory",
    "read/test_bad_input.py::test_mkdocs_reports_bad_input_without_a_traceback",
    "read/test_bad_input.py::test_the_real_command_exits_1_without_a_traceback",
    "read/test_input_files.py::test_a_huge_word_list_is_refused_before_it_is_read",
    "read/test_input_files.py::test_a_special_file_is_named_not_read",
    "read/test_input_files.py::test_a_word_list_in_utf16_is_named_as_such",
    "read/test_input_files.py::test_a_word_list_in_windows_1250_gets_a_message_at_its_line",
    "read/test_input_files.py::test_a_worst_case_file_is_checked_in_seconds",
    "read/test_input_files.py::test_mkdocs_names_a_fifo_in_the_content_and_does_not_hang",
    "read/test_input_files.py::test_new_writes_a_title_check_accepts",
    "read/test_input_files.py::test_windows_line_endings_are_fine",
    "read/test_properties.py::test_any_valid_workshop_renders_with_every_text_as_written",
    "test_bench.py::test_the_stock_configuration_builds_the_same_pages_without_the_plugin",
    "test_cli.py::test_console_script_and_module_give_the_same_answer",
    "test_docs.py::test_every_quoted_message_is_real",
    "test_docs.py::test_the_guides_quote_output",
    "test_precommit.py::test_hooks_pass_on_the_project_and_fail_on_a_misspelt_field",
    "translation/test_po_concurrency.py::test_an_import_and_mark_current_at_the_same_time_both_record",
    "translation/test_po_concurrency.py::test_two_imports_at_the_same_time_both_write_and_record_their_fields",
    "translation/test_po_limits.py::test_many_tiny_entries_give_every_error_at_its_line_in_seconds",
    "translation/test_po_limits.py::test_the_same_field_many_times_in_seconds",
    "translation/test_po_limits.py::test_the_worst_file_within_the_limit_is_read_in_seconds",
    "translation/test_scaffold.py::test_a_workshop_in_a_language_added_as_data",
    "translation/test_scaffold.py::test_creates_the_german_file_and_a_translation_per_language",
    "translation/test_scaffold.py::test_the_new_workshop_is_published_in_every_language",
    "translation/test_scaffold.py::test_the_optional_examples_pass_the_check_once_uncommented",
    "translation/test_yamledit.py::test_random_texts_in_real_content_files",
}
def pytest_collection_modifyitems(config, items):
    seen = set()
    for item in items:
        path = item.path.relative_to(TESTS).as_posix()
        key = f"{path}::{getattr(item, 'originalname', item.name)}"
        fixtures = set(getattr(item, "fixturenames", ()))
        if "chromium" in fixtures:
            item.add_marker(pytest.mark.browser)
        if path.startswith("site/") or fixtures & (BUILT_SITES[""] | BUILT_SITES.get(path, set())):
            item.add_marker(pytest.mark.site)
        if key in SLOW:
            item.add_marker(pytest.mark.slow)
            seen.add(key)
    collected = {item.path.relative_to(TESTS).as_posix() for item in items}
    order_heaviest_files_first(items)
    stale = sorted(key for key in set(SLOW) - seen if key.split("::")[0] in collected)
    if stale and not config.getoption("keyword") and not config.getoption("markexpr"):
        warnings.warn(pytest.PytestConfigWarning(f"tests/conftest.py SLOW names tests that do not exist: {stale}"))


# The order in which pytest-xdist hands out the files (`make test` passes --no-loadscope-reorder, which keeps this
# order; by default it sorts files by their number of tests, so the few long browser and kill tests came last
# and one worker ran them alone while the other idled): files with browser tests first, then those that build
# sites, then those with slow tests, then the rest, so that the many short unit tests fill the end on both.
MARKER_ORDER = ("browser", "site", "slow")


def order_heaviest_files_first(items) -> None:
    rank: dict[Path, int] = {}
    for item in items:
        marks = {mark.name for mark in item.iter_markers()}
        item_rank = next((n for n, name in enumerate(MARKER_ORDER) if name in marks), len(MARKER_ORDER))
        rank[item.path] = min(rank.get(item.path, item_rank), item_rank)
    items.sort(key=lambda item: rank[item.path])  # stable: each file's tests keep their order


# Fixtures outside tests/site/ that build whole sites with MkDocs, by the file they are defined in ("" for
# tests/conftest.py): a test using one is marked `site`.
BUILT_SITES = {"": {"served_site", "four_language_builds"}, "browser/test_injection.py": {"sites", "address_sites"},
               "output/test_atomic.py": {"site_project"}}
