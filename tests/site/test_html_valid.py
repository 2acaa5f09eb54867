"""Every page of the real site is valid HTML (WCAG 2.1 SC 4.1.1, Parsing): the W3C Nu HTML Checker finds no error.

The checker is `vnu.jar` from the npm package vnu-jar, pinned in tests/vnu/package-lock.json; `make test`
installs it into tests/vnu/node_modules/ (`npm ci --ignore-scripts`: its own install script would fetch a
Java, the test runs it with Debian's). It checks every .html file of the site the browser suites share
(`served_site`, tests/conftest.py: built once per test process), every page of every language and the 404
pages, in one run of Java. Warnings (`--errors-only`) are not asked for. A page of stock Material markup
goes along, so each run also shows that the checker reports what it is there to catch. What the valid markup
must keep (upstream/material_html_validity.py): a page gone back to opens with the drawer and search closed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import REPOSITORY
from sitegen.publish.mkdocs.upstream.material_html_validity import TOGGLES

VNU = REPOSITORY / "tests" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Material's drawer and search checkboxes as the theme writes them: two errors, one per `autocomplete`.
STOCK_PAGE = ('<!DOCTYPE html>\n<html lang="de">\n<head><meta charset="utf-8"><title>Material</title></head>\n'
              '<body>\n' + "\n".join(TOGGLES) + '\n</body>\n</html>\n')


def check(files: list[Path]) -> dict[Path, list[str]]:
    """The checker's errors, by file: `line:column: message` (non-document errors, such as a file it could
    not read, included). One Java process for all files."""
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail(f"the HTML checker needs java and {VNU.relative_to(REPOSITORY)}; `make test` installs both")
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--no-langdetect", "--format", "json",
                             "--stdout", "--exit-zero-always", *map(str, files)],
                            capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert result.returncode == 0, result.stderr
    errors: dict[Path, list[str]] = {}
    for message in json.loads(result.stdout)["messages"]:
        if message["type"] == "info":
            continue
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        where = f"{message.get('lastLine', '?')}:{message.get('firstColumn', message.get('lastColumn', '?'))}"
        errors.setdefault(path, []).append(f"{where}: [{message['type']}] {message['message']}")
    return errors


def test_every_page_is_valid_html(served_site, tmp_path):
    root = served_site.root.resolve()
    pages = sorted(root.rglob("*.html"))
    names = {page.relative_to(root).as_posix() for page in pages}
    # Every language, and each one's 404 page.
    assert {"index.html", "en/index.html", "hsb/index.html", "404.html", "en/404.html", "hsb/404.html"} <= names
    stock = tmp_path / "stock-material.html"
    stock.write_text(STOCK_PAGE, encoding="utf-8")

    errors = check([*pages, stock])

    assert [error.split(": ", 1)[1] for error in errors.pop(stock.resolve(), [])] == \
        ["[error] Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
         "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, "
         "“text”, “time”, “url”, or “week”."] * 2, "the checker no longer reports Material's stock markup"
    found = [f"{path.relative_to(root) if path.is_relative_to(root) else path}:{error}"
             for path, listed in sorted(errors.items()) for error in listed]
    assert not found, f"{len(found)} HTML errors on {len(errors)} of {len(pages)} pages:\n" + "\n".join(found)


def test_going_back_opens_the_page_with_drawer_and_search_closed(served_site, chromium):
    # Material's `autocomplete="off"` kept the browser from restoring its checkboxes; their form owner does now.
    page = chromium.new_page(viewport={"width": 375, "height": 800})
    try:
        page.goto(served_site.url("faq/"), wait_until="load")
        assert page.evaluate("[...document.querySelectorAll('[data-md-toggle]')].map(box => box.form.autocomplete)") \
            == ["off", "off"]
        page.evaluate("document.querySelectorAll('[data-md-toggle]').forEach(box => box.click())")
        assert page.evaluate("[...document.querySelectorAll('[data-md-toggle]')].map(box => box.checked)") == \
            [True, True]
        page.goto(served_site.url("en/"), wait_until="load")
        page.go_back(wait_until="load")
        page.wait_for_timeout(300)  # Chromium restores form controls after the load event
        assert page.url == served_site.url("faq/")
        assert page.evaluate("[...document.querySelectorAll('[data-md-toggle]')].map(box => box.checked)") == \
            [False, False]
        assert not page.locator(".md-sidebar--primary").is_visible()
    finally:
        page.close()
