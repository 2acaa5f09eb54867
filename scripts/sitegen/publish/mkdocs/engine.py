"""The site engine the pipeline hands its work to: MkDocs with Material and mkdocs-static-i18n.

The pipeline knows no engine. It asks one for two things (pipeline.Engine): which languages its search
can analyse, and which files of its own it needs besides the pages (Material's interface strings per
language). This module answers for MkDocs and Material without importing MkDocs, so that `sitegen
check` and `sitegen build` stay quick.
"""

from __future__ import annotations

from sitegen.content.tree import Content
from sitegen.output.write import Output
from sitegen.publish.mkdocs.theme_strings import PARTIALS_DIR, render_language_partials
from sitegen.publish.mkdocs.upstream.material_search_per_language import search_languages


class MaterialEngine:
    """MkDocs with Material for MkDocs: the answers to the pipeline's questions."""

    name = "MkDocs with Material for MkDocs"

    @property
    def search_languages(self) -> frozenset[str]:
        """The languages Material's search can analyse (`search:` in content/languages.yaml)."""
        return search_languages()

    def theme_outputs(self, content: Content, theme_folder) -> list[Output]:
        """Material's interface strings in every language, as partials of the theme folder (overrides/)."""
        return [Output("theme", theme_folder, render_language_partials(content), links=(PARTIALS_DIR,))]


ENGINE = MaterialEngine()
