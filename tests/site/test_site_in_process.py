"""`sitegen site` runs MkDocs' command line in its own process (publish/mkdocs/build.py): a second build in the
same process behaves like the first, and the process is left as it was."""

from __future__ import annotations

import logging
import os
import warnings

import pytest

from sitegen import pipeline
from sitegen.publish.mkdocs.build import SiteBuildFailed, build_site

from conftest import copy_site_project


def process_state() -> tuple:
    logger = logging.getLogger("mkdocs")
    return (os.getcwd(), os.environ.get("NO_MKDOCS_2_WARNING"), list(logger.handlers), logger.level,
            logger.propagate, list(logging.getLogger("mkdocs.commands.build").filters), warnings.showwarning,
            list(warnings.filters))


def test_a_strict_warning_fails_every_build_in_the_process_and_nothing_is_left_changed(tmp_path, monkeypatch):
    monkeypatch.delenv("NO_MKDOCS_2_WARNING", raising=False)
    (tmp_path / "project").mkdir()
    project = copy_site_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "extra_templates:\n  - missing.html\n", encoding="utf-8")
    paths = pipeline.Paths.for_root(project)
    before = process_state()
    for _round in range(2):
        with pytest.raises(SiteBuildFailed):
            build_site(paths, "site", jobs=1)
        assert process_state() == before
    assert not (project / "site").exists()


def test_a_build_started_in_a_removed_folder_works(tmp_path, monkeypatch):
    (tmp_path / "project").mkdir()
    project = copy_site_project(tmp_path / "project")
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    build_site(pipeline.Paths.for_root(project), project / "site", jobs=1)
    assert (project / "site" / "index.html").is_file()
