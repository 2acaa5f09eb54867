"""Thin glue between MkDocs and the pipeline: MkDocs events call the pipeline and the modules of upstream/
(one per upstream workaround, listed in publish/UPGRADING.md); nothing else lives here."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from sitegen import pipeline
from sitegen.core import annotations
from sitegen.core.annotations import for_output
from sitegen.core.errors import ContentError, one_line
from sitegen.core.messages import N_, _
from sitegen.core.urls import BASE_ADDRESS_RULE, is_base_address, page_address
from sitegen.publish.mkdocs import browser_script
from sitegen.publish.mkdocs.config import READ_FOR_CONFIG, speak, worker_facts
from sitegen.publish.mkdocs.engine import ENGINE
from sitegen.publish.mkdocs.fallback_marks import mark_fallbacks
from sitegen.publish.mkdocs.upstream import material_search_per_language as material_search
from sitegen.publish.mkdocs.upstream import material_url_escaping as url_escaping
from sitegen.publish.mkdocs.upstream.hreflang_links import set_language_links
from sitegen.publish.mkdocs.upstream.jinja_template_cache import TemplateCache, cached_environments
from sitegen.publish.mkdocs.upstream.material_html_validity import valid_html
from sitegen.publish.mkdocs.upstream.material_main_element import with_translation_status
from sitegen.publish.mkdocs.upstream.material_nav_item_cache import nav_entry_cache
from sitegen.publish.mkdocs.upstream.material_search_dialog import named_search_dialog
from sitegen.publish.mkdocs.upstream.mkdocs_serve import watch_sources
from sitegen.publish.mkdocs.upstream.mkdocs_template_listing import ThemeListings, quick_listing
from sitegen.publish.mkdocs.upstream.static_i18n_404_per_language import NotFoundPages, not_found_context
from sitegen.publish.mkdocs.upstream.static_i18n_one_language import build_only
from sitegen.publish.mkdocs.worker import this_worker
from sitegen.render.facts import SiteFacts

__all__ = ["SitegenPlugin", "check_outside_addresses", "quick_listing"]  # quick_listing: for its test


class SitegenConfig(Config):
    content_dir = config_options.Dir(exists=True, default="content")
    # Base of the "edit this page" links: each page links to base + the repository path of its YAML
    # file, e.g. https://github.com/<owner>/<repository>/edit/main/content/en/faq.yaml. Empty: no links.
    edit_url = config_options.Type(str, default="")


class SitegenPlugin(BasePlugin[SitegenConfig]):
    """Renders content/ into docs/ before MkDocs reads docs/, on every build and every live reload.

    It has `on_startup`, so MkDocs keeps this one plugin object for the whole process, across the live
    preview's rebuilds too: it owns the caches that outlive a build (compiled templates, the theme's
    listing). What belongs to one build is set again when the build starts (`on_config`)."""

    def __init__(self):
        super().__init__()
        self.template_cache = TemplateCache()
        self.theme_listings = ThemeListings()
        self.not_found_pages = NotFoundPages()
        self.source_language: str | None = None
        self.languages = []
        self.untranslated: set[str] = set()  # docs paths of pages that are German copies
        self.fallback_marks: dict[str, str] = {}  # language -> "(in German)" in that language
        self.fallback_texts: dict[str, set[str]] = {}  # language -> German titles shown in its navigation
        self.fallback_pages: dict[str, set[str]] = {}  # language -> titles of its untranslated pages
        # language -> titles and headings with a phrase in another language: as shown -> with its lang spans
        self.language_parts: dict[str, dict[str, str]] = {}
        self.search_labels: dict[str, str] = {}  # language -> the theme's "Search" in that language
        self.facts: SiteFacts | None = None  # what the current build knows about the content
        self.legal: dict[str, dict] = {}  # language -> the footer's legal links (see on_config)

    def on_startup(self, *, command, dirty):
        pass  # present so that MkDocs keeps this object for the process (see the class)

    @event_priority(100)
    def on_config(self, config):
        speak(Path(self.config.content_dir), PluginError)
        check_outside_addresses(config, self.config.edit_url)
        if not i18n_building(config):  # a new build, not mkdocs-static-i18n's next language of this one
            self.not_found_pages = NotFoundPages()
        root = Path(config.config_file_path).parent
        paths = pipeline.Paths(
            root=root.resolve(),
            content=Path(self.config.content_dir).resolve(),
            docs=Path(config.docs_dir).resolve(),
            theme=Path(config.theme.custom_dir or root / "overrides").resolve(),
        )
        try:
            facts = self.facts_for(config, paths)
        except ContentError as error:
            annotations.emit(error.problems)
            # TRANSLATORS: {errors} is the list of problems, one a line, each with its file:line:column
            raise PluginError(for_output(_("the content has errors:\n{errors}").format(errors=error))) from None
        except RuntimeError as error:  # a worker of a parallel build that cannot build its language
            raise PluginError(for_output(str(error))) from None
        self.facts = facts
        # The footer's links to the legal pages and Leichte Sprache, per language (overrides/partials/copyright.html).
        self.legal = {entry.language.code: {"heading": entry.legal_heading, "links": entry.legal_links}
                      for entry in facts.languages}
        self.source_language = facts.source_language.code
        self.languages = [language.language for language in facts.languages]
        self.untranslated = set(facts.untranslated)
        self.fallback_marks = {language.language.code: language.fallback_mark for language in facts.languages}
        self.search_labels = {language.language.code: language.search_label for language in facts.languages}
        self.fallback_texts, self.fallback_pages, self.language_parts = {}, {}, {}
        if not hasattr(config.theme.get_env, "template_cache"):  # on_config runs once per language
            config.theme.get_env = cached_environments(
                nav_entry_cache(quick_listing(config.theme.get_env, self.theme_listings)), self.template_cache)
        return config

    def facts_for(self, config, paths: pipeline.Paths) -> SiteFacts:
        """What this build needs to know about the content, rendered into docs/ before MkDocs reads it."""
        worker = this_worker()
        if worker is not None:
            # One language of a parallel build: the parent has rendered docs/ and holds it. Build only
            # that language, and write nothing (the workers would wait for each other on the lock).
            build_only(config, worker.language)
            return worker_facts()
        if self.facts is not None and i18n_building(config):
            # mkdocs-static-i18n building the next language of this same build: rendered already.
            return self.facts
        content = READ_FOR_CONFIG.take(paths.root, paths.content)
        return pipeline.site_facts(pipeline.build(paths, ENGINE, content).content)

    @event_priority(-200)  # after mkdocs-static-i18n (-100) has chosen this language's files
    def on_files(self, files, config):
        try:
            return browser_script.serve_as_one(files, config)
        except ValueError as error:
            raise PluginError(str(error)) from None

    def on_page_markdown(self, markdown, page, config, files):
        # Every page is read before any is rendered, so by the time the navigation is rendered on
        # any page, these sets hold every German text that this language's navigation shows.
        lang = page.file.src_uri.split("/")[0]
        for text in page.meta.get("translation_fallbacks") or []:
            self.fallback_texts.setdefault(lang, set()).add(text)
        if page.meta.get("translation_fallback"):
            self.fallback_pages.setdefault(lang, set()).add(page.meta.get("title", ""))
        for part in page.meta.get("language_parts") or []:
            self.language_parts.setdefault(lang, {})[part["text"]] = part["html"]
        # "Edit this page" leads to the YAML file the page is made from, never to the generated Markdown.
        page.edit_url = url_escaping.edit_url(self.config.edit_url, page.meta.get("source_file"))
        return markdown

    @event_priority(0)  # after mkdocs-static-i18n (50) has set this page's language links
    def on_page_context(self, context, page, config, nav):
        context["sitegen_legal"] = self.legal.get(page.file.src_uri.split("/")[0])
        set_language_links(config, page, self.languages, self.untranslated, self.fallback_marks,
                           self.source_language)
        page.canonical_url = url_escaping.canonical_url(config.site_url, page.url)
        return context

    def on_post_page(self, output, page, config):
        try:
            output = with_translation_status(output, page.meta.get("translation_status", "current"))
        except ValueError as error:
            raise PluginError(for_output(f"{page.file.src_uri}: {error}")) from None
        lang = page.file.src_uri.split("/")[0]
        return self.finish_page(output, lang, page.file.src_uri)

    def finish_page(self, output: str, lang: str, where: str) -> str:
        """What every page needs, 404 pages included: a named search dialog, valid HTML, its language's search
        index, and the `lang` marks of the texts in its navigation, table of contents, header and footer."""
        language = next(language for language in self.languages if language.code == lang)
        try:
            output = named_search_dialog(output, self.search_labels[lang])
            output = valid_html(output)
            output = material_search.point_to_language(output, language)
        except ValueError as error:
            raise PluginError(for_output(f"{where}: {error}")) from None
        return mark_fallbacks(output, self.fallback_texts.get(lang, set()), self.fallback_pages.get(lang, set()),
                              self.source_language, self.fallback_marks.get(lang, ""), self.language_parts.get(lang))

    def on_template_context(self, context, template_name, config):
        context["sitegen_untranslated"] = self.untranslated  # for sitemap.xml
        context["sitegen_source_language"] = self.source_language
        context["sitegen_address"] = lambda url: page_address(config.site_url, url)  # for sitemap.xml
        if template_name == "404.html":
            not_found_context(context, config, self.languages, self.source_language)
            context["sitegen_legal"] = self.legal.get(config.theme["language"])
        return context

    def on_post_template(self, output_content, template_name, config):
        if template_name == "404.html":
            code = config.theme["language"]
            output_content = self.finish_page(output_content, code, f"404.html ({code})")
            self.not_found_pages.keep(code, output_content)
        return output_content

    @event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
    def on_post_build(self, config):
        site = Path(config.site_dir)
        self.not_found_pages.write(site, self.source_language)
        # mkdocs-static-i18n calls this once per language; the last call, after every language is
        # built, finds its combined search index, which is split into one index per language.
        if not i18n_building(config) and (site / material_search.INDEX).is_file():
            material_search.split_index(site, self.languages)

    def on_env(self, env, config, files):
        env.filters["url"] = url_escaping.escaped_url_filter(env.filters["url"])
        return env

    def on_serve(self, server, config, builder):
        watch_sources(server, config.docs_dir, self.config.content_dir)
        return server


def i18n_building(config) -> bool:
    """Whether mkdocs-static-i18n is building a further language of the build under way (a worker of a
    parallel build builds its one language as such a further build)."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))


# Values from outside the content that the site prints: (how to get it from the config, its name for
# the reader of the message, translated where it is used, an example). Checked where they enter, the
# plugin's on_config.
OUTSIDE_ADDRESSES = (
    # TRANSLATORS: names a setting, used as {name} in "{name} must be an http:// or https:// address …"
    (lambda config, edit_url: config.site_url, N_("SITE_URL (site_url in mkdocs.yml)"),
     "https://owner.github.io/repository/"),
    # TRANSLATORS: names a setting, used as {name} in "{name} must be an http:// or https:// address …"
    (lambda config, edit_url: edit_url, N_("SITEGEN_EDIT_URL (edit_url of the sitegen plugin in mkdocs.yml)"),
     "https://github.com/owner/repository/edit/main/"),
    # TRANSLATORS: names a setting, used as {name} in "{name} must be an http:// or https:// address …"
    (lambda config, edit_url: config.repo_url, N_("repo_url in mkdocs.yml"), "https://github.com/owner/repository"),
)


def check_outside_addresses(config, edit_url: str) -> None:
    """Refuse the build when an address from the environment or mkdocs.yml is not one the site may
    print (urls.is_base_address, the content links' rule). Unset or empty: nothing to check.
    (Here, not in a module of its own: tests/browser/test_injection.py replaces `plugin.is_base_address`.)"""
    for value_of, name, example in OUTSIDE_ADDRESSES:
        value = value_of(config, edit_url)
        if value and not is_base_address(value):
            shown = one_line(value) if isinstance(value, str) else repr(value)
            # TRANSLATORS: {name} names a setting ("repo_url in mkdocs.yml"), {rule} is what it must be
            # ("must be an http:// or https:// address with a host name, …"), {shown} its value, {example} an address
            raise PluginError(for_output(_("{name} {rule}, not '{shown}'; set it to e.g. {example}").format(
                name=_(name), rule=_(BASE_ADDRESS_RULE), shown=shown, example=example)))
