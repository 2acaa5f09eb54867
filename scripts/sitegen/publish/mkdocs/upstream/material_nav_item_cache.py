"""Material's navigation: each link to another page rendered once per address, not once per page.

Works around: Material for MkDocs 9.8 — every page renders the whole navigation (partials/nav-item.html,
a macro call per entry, and two more for its title), so a language of N pages renders N × N entries: at
N = 200 workshops per language that is most of the template time of a build. Yet most entries come out
the same on many pages: an entry that is a page, neither the current one nor active, is a list item with
a link to it and its title, and only the link's address (relative to the current page) differs.
Here the one line of nav-item.html that renders each child entry of a section goes through a cache: such
an entry is rendered by Material's macro once per (entry, address) and its HTML reused on the other
pages; every other entry (a section, an entry with pages of its own, the current page, an active entry)
is rendered by the macro as before. The pages are the same, byte for byte, as long as no plugin changes
another page's title or meta (icon, subtitle, status) while the pages are rendered (none of this site's
does: they change them before). Each build's theme environment has its own cache.
Upstream: not reported.
Delete when: Material renders the navigation once per build, or nav-item.html no longer has the line
(then the template is left as it is, and this module does nothing): delete this module and its use in
plugin.py (`on_config`).
Test: tests/publish/upstream/test_upstream_canaries.py::test_material_renders_every_child_entry_on_every_page
fails once the line is gone; tests/site/test_site_build.py::test_the_navigation_cache_changes_no_byte checks
that the site is the same with and without the cache.
"""

from __future__ import annotations

TEMPLATE = "partials/nav-item.html"
# Material 9.8's line, in the macro `render`, that renders each child entry of a section.
CHILD_ENTRY = '{{ render(item, path ~ "_" ~ loop.index, level + 1, nav_item) }}'
CACHED_CHILD_ENTRY = ('{{ sitegen_nav_entry(render, item, path ~ "_" ~ loop.index, level + 1, nav_item, page, '
                      'item.url | url) }}')


class EntryCache:
    """Rendered child entries that are links to other pages, by entry and address (one build's)."""

    def __init__(self) -> None:
        self.rendered: dict[tuple[int, str], tuple[object, str]] = {}

    def __call__(self, render, item, path, level, parent, page, address):
        # Only the macro's plain-link branch: not a section or an entry with pages of its own (Material's blog
        # views have `pages`, and render the current one of them as the current page), not the current page,
        # not an active entry. That branch uses neither `path`, `level` nor `parent`.
        if (not getattr(item, "is_page", False) or item.active or item == page
                or getattr(item, "pages", None) or getattr(item, "children", None)):
            return render(item, path, level, parent)
        key = (id(item), address)
        kept = self.rendered.get(key)
        if kept is None:  # the entry is kept with its HTML: its id cannot pass to another entry meanwhile
            kept = self.rendered[key] = (item, render(item, path, level, parent))
        return kept[1]


def with_cached_source(source: str) -> str:
    """nav-item.html's source with its child-entry line going through the cache; unchanged without that line."""
    if source.count(CHILD_ENTRY) != 1:
        return source
    return source.replace(CHILD_ENTRY, CACHED_CHILD_ENTRY)


def nav_entry_cache(get_env):
    """The theme's `get_env`, giving environments whose nav-item.html caches the links to other pages."""

    def patched():
        env = get_env()
        loader = env.loader
        get_source = loader.get_source

        def cached_source(environment, template):
            source, filename, uptodate = get_source(environment, template)
            return (with_cached_source(source) if template == TEMPLATE else source), filename, uptodate

        loader.get_source = cached_source  # this environment's own loader: MkDocs makes one per environment
        env.globals["sitegen_nav_entry"] = EntryCache()
        return env

    return patched
