"""The built site in a real browser: Debian's chromium, driven by Playwright, against a local server.

The server behaves like GitHub Pages, where the site is published: a folder answers with its
index.html, and a missing address with the site's root 404.html and status 404.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from conftest import REPOSITORY, copy_site_project, sitegen

# Debian's package; Playwright never downloads a browser here.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Headless, and quiet: no update checks or other background traffic of the browser's own.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTHS = {"desktop": 1280, "phone": 375}
ARTIFACTS = Path(os.environ.get("SITEGEN_ARTIFACTS", REPOSITORY / "test-artifacts"))
EDIT_URL = "https://github.com/example/werkstaetten/edit/main/"  # as the workflows set SITEGEN_EDIT_URL


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Static files like GitHub Pages: the root 404.html, with status 404, for a missing address."""

    def log_message(self, *args):  # quiet test output
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@dataclass
class Server:
    root: Path
    origin: str  # "http://127.0.0.1:PORT"
    httpd: http.server.ThreadingHTTPServer = field(repr=False)

    def url(self, path: str) -> str:
        return f"{self.origin}/{path}"

    def path(self, url: str) -> str:
        """Site-relative path of an address on this server ("en/faq/"); the address itself otherwise."""
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            return url
        return parts.path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else "")


def build_and_serve(tmp: Path) -> Server:
    """Build the real site from a copy of the repository as `make site` does (`sitegen site`), for the
    address it is then served at, and serve it."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PagesHandler)
    origin = f"http://127.0.0.1:{httpd.server_port}"
    (tmp / "project").mkdir()
    project = copy_site_project(tmp / "project")
    # As deployed: with "edit this page" links (to another host; the tests never follow them).
    result = sitegen(project, "site", env={"SITE_URL": origin + "/", "SITEGEN_EDIT_URL": EDIT_URL})
    assert result.returncode == 0, result.stderr
    httpd.RequestHandlerClass = functools.partial(PagesHandler, directory=str(project / "site"))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return Server(project / "site", origin, httpd)


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def load_together(visits: list[tuple[object, str]], until: str = "networkidle") -> None:
    """Load each (page, address) at once, then wait until each page has reached `until`: the pages load side
    by side, so their waits (networkidle: no request for half a second) overlap instead of adding up."""
    for page, url in visits:
        page.goto(url, wait_until="commit")
    for page, _ in visits:
        page.wait_for_load_state(until)
