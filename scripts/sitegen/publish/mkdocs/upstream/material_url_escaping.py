"""Addresses from outside the content, escaped where Material prints them as they are.

Works around: Material for MkDocs 9.8.2 — it prints `page.edit_url`, `page.canonical_url` and what
MkDocs' `url` filter gives straight into attributes, and writes the scope (on the 404 pages, the site's
path from SITE_URL) into a script as a "…" string (partials/javascripts/base.html). Here the edit and
canonical addresses are escaped when they are set, the `url` filter's result is escaped (Markup: once,
also where `| e` follows), and overrides/partials/javascripts/base.html writes the scope with `tojson`.
Upstream: not reported.
Delete when: Material escapes these values itself; then delete this module, its calls in plugin.py
(`on_page_markdown`, `on_page_context`, `on_env`) and overrides/partials/javascripts/base.html.
Test: tests/publish/upstream/test_upstream_canaries.py::test_material_still_prints_addresses_unescaped
fails once upstream has fixed it (tests/browser/test_injection.py proves the escaping itself).
"""

from __future__ import annotations

from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from sitegen.core.urls import page_address


def edit_url(base: str, source_file: str | None) -> Markup | None:
    """"Edit this page": `base` + the repository path of the YAML file the page is made from."""
    return escape(base.rstrip("/") + "/" + quote(source_file)) if base and source_file else None


def canonical_url(site_url: str | None, url: str) -> Markup | None:
    """The page's canonical address, made by the same function as every other absolute address."""
    return escape(page_address(site_url, url)) if site_url else None


def escaped_url_filter(url_filter):
    """MkDocs' `url` filter, whose result is escaped for HTML (Markup, so it is escaped only once)."""
    if getattr(url_filter, "sitegen_escaped", False):
        return url_filter

    @jinja2.pass_context
    def url(context, value):
        return escape(url_filter(context, value))

    url.sitegen_escaped = True
    return url
