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
    copy_site_project(tmp_path)
    port = free_port()
    mkdocs = Path(sys.executable).with_name("mkdocs")
    server = subprocess.Popen([str(mkdocs), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        yield tmp_path, f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_saved_yaml_change_appears_on_the_served_page(served):
    project, base = served
    url = base + "hsb/workshops/infrastruktur-mobilitaet/"
    assert wait_for(url, "Infrastruktura a mobilita"), "the server did not start"
    workshop = project / "content/hsb/workshops/infrastruktur-mobilitaet.yaml"
    text = workshop.read_text(encoding="utf-8")
    workshop.write_text(text.replace("title: Infrastruktura a mobilita", "title: Infrastruktura, mobilita a čas"),
                        encoding="utf-8")
    assert wait_for(url, "Infrastruktura, mobilita a čas"), "the edit did not reach the served page"
