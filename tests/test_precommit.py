"""The pre-commit hooks run the checks CI runs, offline, with the project's own virtualenv.

They run in a temporary git repository holding a copy of the project's files (what `git ls-files` lists,
plus new files not yet added); its `.venv/bin` is the real one, and make's set-up stamp is in place, so
nothing is installed. Then a content file gets a misspelt field and the commit check must fail with
sitegen's `file:line:column: message`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPOSITORY
from sitegen.cli import COMMANDS

VENV_BIN = Path(sys.executable).parent
CONFIG = REPOSITORY / ".pre-commit-config.yaml"
WORKSHOP = "content/de/workshops/infrastruktur-mobilitaet.yaml"


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def copy_project(target: Path) -> Path:
    """Copy the project's files (tracked or new, never ignored) into a new git repository at `target`."""
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPOSITORY)
    for relative in filter(None, listed.split("\0")):
        source = REPOSITORY / relative
        if source.is_file():  # a tracked file may have been deleted in the work tree
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / relative)
    (target / ".venv").mkdir()
    (target / ".venv" / "bin").symlink_to(VENV_BIN)
    # The stamp `make setup` leaves when the pinned packages are installed: with it, `make check` installs
    # nothing. Its name comes from the Makefile itself.
    stamp = subprocess.run(["make", "--no-print-directory", "-s", "--eval", "print-stamp: ; @echo $(STAMP)",
                            "print-stamp"], cwd=target, check=True, capture_output=True, text=True).stdout.strip()
    (target / stamp).touch()
    git("init", "-q", cwd=target)
    git("add", "-A", cwd=target)
    return target


def pre_commit(project: Path, home: Path) -> subprocess.CompletedProcess:
    environment = dict(os.environ, PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")
    return subprocess.run([str(VENV_BIN / "pre-commit"), "run", "--all-files"], cwd=project, env=environment,
                          capture_output=True, text=True, timeout=120)


def test_hooks_are_local_and_use_the_projects_tools():
    """No hook downloads anything: each runs make or a program from .venv/bin with a command that exists."""
    [repository] = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["repos"]
    assert repository["repo"] == "local"
    for hook in repository["hooks"]:
        assert hook["language"] == "system"
        program, *arguments = hook["entry"].split()
        if program == "make":
            assert subprocess.run(["make", "-n", *arguments], cwd=REPOSITORY, capture_output=True).returncode == 0
        else:
            assert program.startswith(".venv/bin/") and (REPOSITORY / program).exists(), program
        if program.endswith("/sitegen"):
            assert arguments[0] in COMMANDS


@pytest.mark.skipif(not (REPOSITORY / ".git").exists(), reason="pre-commit works on a git checkout only")
def test_hooks_pass_on_the_project_and_fail_on_a_misspelt_field(tmp_path):
    project = copy_project(tmp_path / "project")
    home = tmp_path / "pre-commit-home"

    passing = pre_commit(project, home)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    ran = [line.split(".")[0] for line in passing.stdout.splitlines() if line.endswith("Passed")]
    assert ran == ["content (sitegen check)", "JSON Schemas up to date (sitegen schema --check)",
                   "GitHub workflows (schema)", "GitHub workflows (zizmor)"]

    workshop = project / WORKSHOP
    lines = workshop.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(number for number, line in enumerate(lines, 1) if line.startswith("title: "))
    lines[number - 1] = lines[number - 1].replace("title: ", "titel: ", 1)
    workshop.write_text("".join(lines), encoding="utf-8")
    git("add", WORKSHOP, cwd=project)

    failing = pre_commit(project, home)
    assert failing.returncode == 1
    message = rf"^{re.escape(WORKSHOP)}:{number}:\d+: unknown field 'titel'; did you mean 'title'\?$"
    assert re.search(message, failing.stdout, re.MULTILINE), failing.stdout
