"""Compiled theme templates: every theme environment gets sitegen's template cache (core/template_cache.py).

Works around: MkDocs 1.6 — it makes a new Jinja environment for every build, and mkdocs-static-i18n
builds once per language (and `mkdocs serve` once per change), and Material for MkDocs 9.8's search
plugin makes one more for its language list: none of them has a bytecode cache, so the theme's
templates are compiled again and again, in every process. The wrapped `get_env` gives each new
environment the one cache, which keeps compiled templates for the process and on disk for the next.
Compiled templates are keyed by their name and file, and checked against their source: a changed
template is compiled anew.
Upstream: not reported.
Delete when: MkDocs keeps its template environment (or a bytecode cache) between builds; then delete
this module and its use in plugin.py (`on_config`).
Test: tests/publish/upstream/test_upstream_canaries.py::test_mkdocs_theme_environment_has_no_bytecode_cache
fails once upstream has one.
"""

from __future__ import annotations

from sitegen.core.template_cache import TemplateCache

__all__ = ["TemplateCache", "cached_environments"]


def cached_environments(get_env, cache: TemplateCache):
    """The theme's `get_env`, giving environments that use `cache`."""

    def patched():
        env = get_env()
        env.bytecode_cache = cache
        return env

    patched.template_cache = cache  # marks a get_env that is wrapped already
    return patched
