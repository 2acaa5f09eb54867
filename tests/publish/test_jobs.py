"""How many MkDocs builds `sitegen site` runs at once when --jobs is not given (publish/mkdocs/parallel.py)."""

import pytest

from sitegen.cli import COMMAND_HELP
from sitegen.publish.mkdocs import build, parallel
from sitegen.publish.mkdocs.parallel import PARALLEL_FROM_PAGES, default_jobs


@pytest.fixture
def cores(monkeypatch):
    def set_cores(count: int) -> None:
        monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: set(range(count)))
    return set_cores


def test_a_small_site_is_one_build_a_large_one_parallel(cores):
    cores(2)
    assert default_jobs(3, PARALLEL_FROM_PAGES - 1) == 1
    assert default_jobs(3, PARALLEL_FROM_PAGES) == 3
    assert default_jobs(7, 10_000) == 4  # at most twice the cores
    cores(1)
    assert default_jobs(3, 10_000) == 1


def test_the_pages_are_counted_from_the_source_languages_files(tmp_path):
    (tmp_path / "workshops").mkdir()
    for name in ("site.yaml", "faq.yaml", "workshops/a.yaml", "workshops/b.yaml", "wordlist.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert build._pages_per_language(tmp_path) == 4


def test_the_help_names_the_threshold():
    assert f"{PARALLEL_FROM_PAGES} pages per language" in COMMAND_HELP["site"]
