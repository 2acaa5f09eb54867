"""Shared fixtures: small real content trees copied into a temporary project folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitegen.cli import main

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
