"""Real buttons, named in the reader's language, for the header's menu and search labels.

Works around: Material for MkDocs 9.8.2 — it draws the header's menu and search buttons as <label>
elements for its hidden checkboxes: a keyboard cannot reach them and screen readers get no name; on
phones they are the only way to the navigation and the search. Its browser-side twin,
docs/assets/javascripts/upstream/material_header_buttons.js, puts a button in each label's place, named
with the labels made here; docs/assets/stylesheets/sitegen.css shows it where Material shows the label.
Upstream: not reported.
Delete when: the theme's header buttons are buttons with names; then delete this module, its JS twin
(and its entry in publish/mkdocs/browser_script.py), its call in theme_strings.py, and the
`data-sitegen-for` rules in sitegen.css.
Test: tests/publish/upstream/test_upstream_canaries.py::test_material_header_buttons_are_still_labels
fails once upstream has fixed it.
"""

from __future__ import annotations

from sitegen.render.markdown import plain_line


def button_labels(theme_strings) -> dict[str, str]:
    """The name of each header button, by the id of the checkbox it toggles."""
    return {"__drawer": plain_line(theme_strings.nav), "__search": plain_line(theme_strings.search)}
