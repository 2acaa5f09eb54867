"""How long the live preview takes from saving a YAML file to the updated page in the browser.

Usage:  .venv/bin/python bench/preview.py [--runs N]

Copies the project into a temporary folder, starts `mkdocs serve` there (what `make serve` runs),
opens a Sorbian workshop page in Debian's chromium (Playwright) and then, N times, saves a new
title into the Sorbian YAML file and waits until the open page shows it: the page reloads by
itself (MkDocs' livereload). Prints each time and the median, and the median time the server took from
noticing the save to telling the browser (the rest is noticing the save and the browser loading the page).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY / "tests"))
from conftest import copy_site_project  # noqa: E402 - the tests' copy of a clean clone's project
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FILE = "content/hsb/workshops/infrastruktur-mobilitaet.yaml"
TITLE = "title: Infrastruktura a mobilita"
URL = "hsb/workshops/infrastruktur-mobilitaet/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="preview-bench-") as folder:
        project = Path(folder)
        copy_site_project(project)
        port = free_port()
        mkdocs = Path(sys.executable).with_name("mkdocs")
        server = subprocess.Popen([str(mkdocs), "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        lines: list[tuple[float, str]] = []  # when each line of the server's log arrived
        threading.Thread(target=lambda: lines.extend((time.monotonic(), line) for line in server.stdout),
                         daemon=True).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                deadline = time.monotonic() + 60
                while True:
                    try:
                        page.goto(f"http://127.0.0.1:{port}/{URL}")
                        break
                    except Exception:  # noqa: BLE001 - the server is still starting
                        if time.monotonic() > deadline:
                            raise
                        time.sleep(0.3)
                path = project / FILE
                original = path.read_text(encoding="utf-8")
                times, rebuilds = [], []
                for run in range(args.runs):
                    marker = f"Infrastruktura a mobilita {run + 1}"
                    time.sleep(1.5)  # let the previous rebuild settle
                    start = time.monotonic()
                    path.write_text(original.replace(TITLE, "title: " + marker), encoding="utf-8")
                    page.wait_for_function("marker => document.querySelector('h1') && "
                                           "document.querySelector('h1').textContent.includes(marker)",
                                           arg=marker, timeout=30_000)
                    times.append(time.monotonic() - start)
                    print(f"run {run + 1}: {times[-1]:.2f} s", flush=True)
                    rebuilds.append(_rebuild(lines, start))
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    measured = [seconds for seconds in rebuilds if seconds is not None]
    if measured:
        print(f"median rebuild (the server's log: changes detected to browsers reloaded): "
              f"{statistics.median(measured):.2f} s")
    print(f"median from saving the file to the updated page: {statistics.median(times):.2f} s "
          f"(min {min(times):.2f} s, max {max(times):.2f} s, {len(times)} runs)")
    return 0


def _rebuild(lines: list[tuple[float, str]], after: float) -> float | None:
    """Seconds from the server's first "Detected file changes" after `after` to its next "Reloading browsers"
    (each line timed as it arrived; MkDocs' own "Documentation built in" lines are not all printed: its
    duplicate filter drops a repeated one)."""
    detected = next((when for when, line in list(lines) if when >= after and "Detected file changes" in line), None)
    if detected is None:
        return None
    return next((when - detected for when, line in list(lines) if when >= detected and "Reloading browsers" in line),
                None)


if __name__ == "__main__":
    sys.exit(main())
