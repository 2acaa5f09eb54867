"""Compiled theme templates, kept by the sitegen plugin for the life of the MkDocs process.

Works around: MkDocs 1.6 — it makes a new Jinja environment for every build, and mkdocs-static-i18n
builds once per language (and `mkdocs serve` once per change): without a shared cache, the theme's
templates are compiled again and again. Compiled templates are keyed by their name and source, so a
changed template is compiled anew.
Upstream: not reported.
Delete when: MkDocs keeps its template environment (or a bytecode cache) between builds; then delete
this module and its use in plugin.py (`on_env`).
Test: tests/publish/upstream/test_upstream_canaries.py::test_mkdocs_theme_environment_has_no_bytecode_cache
fails once upstream has one.
"""

from __future__ import annotations

import jinja2


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates in memory, for as long as its owner (the sitegen plugin) lives."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()
