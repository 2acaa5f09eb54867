"""`mkdocs serve` (what `make serve` runs) re-renders when a YAML file in content/ changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import copy_site_project


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def served(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    copy_site_project(project)
    port = free_port()
    mkdocs = Path(sys.executable).with_name("mkdocs")
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen([str(mkdocs), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, stdout=output, stderr=subprocess.STDOUT,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        try:
            yield project, f"http://127.0.0.1:{port}/", log
        finally:
            server.terminate()
            server.wait(timeout=10)


def wait_for_log(log: Path, text: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        output = log.read_text(encoding="utf-8")
        if text in output:
            return output
        time.sleep(0.1)
    raise AssertionError(f"'{text}' never appeared in the output of mkdocs serve:\n{log.read_text(encoding='utf-8')}")


URL = "hsb/workshops/infrastruktur-mobilitaet/"
FILE = "content/hsb/workshops/infrastruktur-mobilitaet.yaml"
TITLE = "title: Infrastruktura a mobilita"


def test_a_saved_yaml_change_appears_on_the_served_page(served):
    project, base, _ = served
    url = base + "hsb/workshops/infrastruktur-mobilitaet/"
    assert wait_for(url, "Infrastruktura a mobilita"), "the server did not start"
    workshop = project / "content/hsb/workshops/infrastruktur-mobilitaet.yaml"
    text = workshop.read_text(encoding="utf-8")
    workshop.write_text(text.replace("title: Infrastruktura a mobilita", "title: Infrastruktura, mobilita a čas"),
                        encoding="utf-8")
    assert wait_for(url, "Infrastruktura, mobilita a čas"), "the edit did not reach the served page"


BROKEN = {
    "unknown field": ("titel: Infrastruktura a mobilita",
                      f"{FILE}:2:8: unknown field 'titel'; did you mean 'title'?"),
    "syntax error": ("title: Infrastruktura a mobilita\n\tsummary: x",
                     f"{FILE}:3:1: YAML syntax error"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_yaml_is_reported_at_its_line_and_the_last_good_site_stays(served, case):
    project, base, log = served
    assert wait_for(base + URL, "Infrastruktura a mobilita"), "the server did not start"
    workshop = project / FILE
    good = workshop.read_text(encoding="utf-8")
    broken, message = BROKEN[case]
    workshop.write_text(good.replace(TITLE, broken), encoding="utf-8")
    output = wait_for_log(log, "The preview keeps showing the last good version of the site.")
    assert message in output
    assert "Traceback" not in output
    # Served at once (MkDocs itself holds every request until a build succeeds), with the last good text.
    assert "<h1" in fetch(base + URL) and "Infrastruktura a mobilita" in fetch(base + URL)
    workshop.write_text(good.replace(TITLE, "title: Infrastruktura a mobilita zaso"), encoding="utf-8")
    assert wait_for(base + URL, "Infrastruktura a mobilita zaso"), "the repaired file did not reach the page"


def test_the_open_page_reloads_by_itself(served, chromium):
    project, base, _ = served
    assert wait_for(base + URL, "Infrastruktura a mobilita"), "the server did not start"
    page = chromium.new_page()
    page.goto(base + URL)
    workshop = project / FILE
    workshop.write_text(workshop.read_text(encoding="utf-8").replace(TITLE, "title: Nowy titul"), encoding="utf-8")
    # Nobody navigates: MkDocs' livereload script reloads the page when the rebuild is done.
    page.wait_for_function("document.querySelector('h1').textContent.includes('Nowy titul')", timeout=20_000)
    assert page.evaluate("document.documentElement.lang") == "hsb"
    page.close()


def test_startup_with_broken_content_says_where_and_exits(tmp_path):
    project = copy_site_project(tmp_path)
    workshop = project / FILE
    workshop.write_text(workshop.read_text(encoding="utf-8").replace(TITLE, "titel: x"), encoding="utf-8")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run([str(mkdocs), "serve", "--dev-addr", f"127.0.0.1:{free_port()}"], cwd=project,
                            capture_output=True, text=True, timeout=60, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0
    assert f"{FILE}:2:1: unknown field 'titel'" in result.stderr or f"{FILE}:2:8: unknown field 'titel'" in result.stderr
    assert "Traceback" not in result.stderr
