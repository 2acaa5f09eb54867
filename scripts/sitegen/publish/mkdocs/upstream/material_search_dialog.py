"""An accessible name for Material's search dialog: the theme's "Search" in the page's language.

Works around: Material for MkDocs 9.8.2 — partials/search.html writes the search dialog
(`role="dialog"`) without an accessible name (WCAG 4.1.2, name, role, value).
Upstream: not reported.
Delete when: the theme names its search dialog; then delete this module and its call in plugin.py
(`finish_page`), and `search_label` in render.facts if nothing else reads it.
Test: tests/publish/upstream/test_upstream_canaries.py::test_material_search_dialog_still_has_no_name
fails once upstream has fixed it.
"""

from __future__ import annotations

from sitegen.core.messages import _
from sitegen.render import markdown

# Material's search dialog, once per page (material/templates/partials/search.html).
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def named_search_dialog(html: str, label: str) -> str:
    """The page with `aria-label` (the text `label`, escaped) on its search dialog; ValueError when
    the theme has no such element, or more than one."""
    if html.count(SEARCH_DIALOG) != 1:
        raise ValueError(_("the theme's search dialog was not found; update SEARCH_DIALOG in "
                           "sitegen/publish/mkdocs/upstream/material_search_dialog.py for this theme version"))
    return html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{markdown.html_text(label)}">')
