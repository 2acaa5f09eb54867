"""A broken file gives a German message by default and an English one with SITEGEN_MESSAGES=en, through every
way an editor meets it: `sitegen check`, `mkdocs build` (what `make site` and CI run) and `mkdocs serve` (the
live preview of `make serve`), at start-up and when a saved file breaks the preview."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_site_project, sitegen
from test_serve import free_port, wait_for, wait_for_log

FILE = "content/hsb/workshops/infrastruktur-mobilitaet.yaml"
TITLE = "title: Infrastruktura a mobilita"

# A machine set to no language (C.UTF-8, as on CI runners and in containers): the project's default, German.
GERMAN = {"SITEGEN_MESSAGES": "", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"}
ENGLISH = {**GERMAN, "SITEGEN_MESSAGES": "en"}
EXPECTED = {
    "de": (GERMAN, f"{FILE}:2:8: unbekanntes Feld 'titel'; meinten Sie 'title'?",
           "Die Vorschau zeigt weiter die letzte fehlerfreie Fassung der Website."),
    "en": (ENGLISH, f"{FILE}:2:8: unknown field 'titel'; did you mean 'title'?",
           "The preview keeps showing the last good version of the site."),
}


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Path:
    """The real project with one unknown field; nothing here writes into it (`sitegen check` and a failing
    `mkdocs build` write nothing)."""
    project = copy_site_project(tmp_path_factory.mktemp("broken"))
    workshop = project / FILE
    workshop.write_text(workshop.read_text(encoding="utf-8").replace(TITLE, "titel: x"), encoding="utf-8")
    return project


def mkdocs(project: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).with_name("mkdocs")), *args], cwd=project, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})


@pytest.mark.parametrize("language", list(EXPECTED))
def test_sitegen_check(broken, language):
    env, message, _ = EXPECTED[language]
    result = sitegen(broken, "check", env=env)
    assert result.returncode == 1
    assert message in result.stderr.splitlines()
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["build", "serve"])
@pytest.mark.parametrize("language", list(EXPECTED))
def test_mkdocs_build_and_serve_at_start_up(broken, language, command, tmp_path):
    env, message, _ = EXPECTED[language]
    where = ["--site-dir", str(tmp_path / "site")] if command == "build" else ["--dev-addr", f"127.0.0.1:{free_port()}"]
    result = mkdocs(broken, command, *where, env=env)
    assert result.returncode != 0
    assert message in result.stderr.splitlines()
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("language", list(EXPECTED))
def test_mkdocs_serve_when_a_saved_file_breaks_the_preview(tmp_path, language):
    env, message, notice = EXPECTED[language]
    project = tmp_path / "project"
    project.mkdir()
    copy_site_project(project)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen([str(Path(sys.executable).with_name("mkdocs")), "serve", "--dev-addr",
                                   f"127.0.0.1:{port}"], cwd=project, stdout=output, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})
        try:
            assert wait_for(f"http://127.0.0.1:{port}/hsb/workshops/infrastruktur-mobilitaet/",
                            "Infrastruktura a mobilita"), "the server did not start"
            workshop = project / FILE
            workshop.write_text(workshop.read_text(encoding="utf-8").replace(TITLE, "titel: x"), encoding="utf-8")
            shown = wait_for_log(log, notice)
        finally:
            server.terminate()
            server.wait(timeout=10)
    assert message in shown.splitlines()
    assert "Traceback" not in shown


@pytest.mark.parametrize("value", ["xx", "de_DE", "english"])
def test_an_unknown_sitegen_messages_is_a_usage_error_that_names_it(broken, value):
    result = sitegen(broken, "check", env={**GERMAN, "SITEGEN_MESSAGES": value})
    assert result.returncode == 2
    assert result.stderr == (f"sitegen: SITEGEN_MESSAGES={value!r} ist keine Sprache, in der sitegen Meldungen hat; "
                             "setzen Sie sie auf eine dieser Sprachen (de, en) oder entfernen Sie die Variable\n")
    build = mkdocs(broken, "build", "--site-dir", str(broken.parent / "unused"), env={"SITEGEN_MESSAGES": value})
    assert build.returncode != 0 and f"SITEGEN_MESSAGES={value!r}" in build.stderr
    assert "Traceback" not in build.stderr


def test_the_help_is_german_by_default_argparse_included(broken):
    result = sitegen(broken, "check", "--help", env=GERMAN)
    assert result.returncode == 0
    assert result.stdout.startswith("Aufruf: sitegen check [-h] [--strict] [--release]\n")
    assert "Optionen:" in result.stdout and "diese Hilfe anzeigen und beenden" in result.stdout
    wrong = sitegen(broken, "chekc", env=GERMAN)
    assert wrong.returncode == 2
    assert "sitegen: Fehler: Argument BEFEHL: ungültige Auswahl: 'chekc'" in wrong.stderr
    assert sitegen(broken, "mark-current", "--help", env=GERMAN).stdout.startswith(
        "Aufruf: sitegen mark-current [-h] --lang SPRACHE [--field FELD] [DATEI ...]\n")
