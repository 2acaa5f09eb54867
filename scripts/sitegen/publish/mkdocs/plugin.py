"""Thin glue between MkDocs and the pipeline: MkDocs events call the pipeline; nothing else lives here."""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path
from urllib.parse import quote

import jinja2
from markupsafe import escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.plugins import BasePlugin, event_priority

from sitegen.render import markdown
from sitegen.publish.mkdocs.upstream import material_search_per_language as material_search
from sitegen.publish.mkdocs import parallel
from sitegen import pipeline
from sitegen.core.errors import ContentError, one_line
from sitegen.core.urls import BASE_ADDRESS_RULE, HOME, is_base_address, page_address, page_url, site_path
from sitegen.publish.mkdocs.config import READ_FOR_CONFIG, worker_facts
from sitegen.publish.mkdocs.engine import ENGINE
from sitegen.render.facts import SiteFacts

log = logging.getLogger("mkdocs.plugins.sitegen")

# Material's main element, once per page; the page's translation state is added to it.
MAIN_ELEMENT = '<main class="md-main" data-md-component="main">'
# Material's search dialog, once per page. It has no accessible name (WCAG 4.1.2); it gets one.
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


class SitegenConfig(Config):
    content_dir = config_options.Dir(exists=True, default="content")
    # Base of the "edit this page" links: each page links to base + the repository path of its YAML
    # file, e.g. https://github.com/<owner>/<repository>/edit/main/content/en/faq.yaml. Empty: no links.
    edit_url = config_options.Type(str, default="")


class SitegenPlugin(BasePlugin[SitegenConfig]):
    """Renders content/ into docs/ before MkDocs reads docs/, on every build and every live reload."""

    def __init__(self):
        super().__init__()
        self.not_found_pages: dict[str, str] = {}
        self.source_language: str | None = None
        self.languages = []
        self.untranslated: set[str] = set()  # docs paths of pages that are German copies
        self.fallback_marks: dict[str, str] = {}  # language -> "(in German)" in that language
        self.fallback_texts: dict[str, set[str]] = {}  # language -> German titles shown in its navigation
        self.fallback_pages: dict[str, set[str]] = {}  # language -> titles of its untranslated pages
        self.search_labels: dict[str, str] = {}  # language -> the theme's "Search" in that language
        self.facts: SiteFacts | None = None  # what the current build knows about the content

    @event_priority(100)
    def on_config(self, config):
        check_outside_addresses(config, self.config.edit_url)
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
            raise PluginError(f"the content has errors:\n{error}") from None
        except RuntimeError as error:  # a worker of a parallel build that cannot build its language
            raise PluginError(str(error)) from None
        self.facts = facts
        self.source_language = facts.source_language.code
        self.languages = [language.language for language in facts.languages]
        self.untranslated = set(facts.untranslated)
        self.fallback_marks = {language.language.code: language.fallback_mark for language in facts.languages}
        self.search_labels = {language.language.code: language.search_label for language in facts.languages}
        self.fallback_texts, self.fallback_pages = {}, {}
        if not getattr(config.theme.get_env, "quick_listing", False):  # on_config runs once per language
            config.theme.get_env = quick_listing(config.theme.get_env)
        return config

    def facts_for(self, config, paths: pipeline.Paths) -> SiteFacts:
        """What this build needs to know about the content, rendered into docs/ before MkDocs reads it."""
        language = parallel.worker_language()
        if language is not None:
            # One language of a parallel build: the parent has rendered docs/ and holds it. Build only
            # that language, and write nothing (the workers would wait for each other on the lock).
            parallel.build_only(config, language)
            return worker_facts()
        i18n = config.plugins.get("i18n")
        if self.facts is not None and getattr(i18n, "building", False):
            # mkdocs-static-i18n building the next language of this same build: rendered already.
            return self.facts
        content = READ_FOR_CONFIG.take(paths.root, paths.content)
        return pipeline.site_facts(pipeline.build(paths, ENGINE, content).content)

    def on_page_markdown(self, markdown, page, config, files):
        # Every page is read before any is rendered, so by the time the navigation is rendered on
        # any page, these sets hold every German text that this language's navigation shows.
        lang = page.file.src_uri.split("/")[0]
        for text in page.meta.get("translation_fallbacks") or []:
            self.fallback_texts.setdefault(lang, set()).add(text)
        if page.meta.get("translation_fallback"):
            self.fallback_pages.setdefault(lang, set()).add(page.meta.get("title", ""))
        # "Edit this page" leads to the YAML file the page is made from, never to the generated Markdown.
        # Escaped here: Material prints it as it is (partials/actions.html).
        source_file = page.meta.get("source_file")
        page.edit_url = (escape(self.config.edit_url.rstrip("/") + "/" + quote(source_file))
                         if self.config.edit_url and source_file else None)
        return markdown

    @event_priority(0)  # after mkdocs-static-i18n (50) has set this page's language links
    def on_page_context(self, context, page, config, nav):
        # Each language's version of this page, by its site-relative URL ("en/faq/", "./"), from the
        # files mkdocs-static-i18n paired; the language's home page where it found none. (Its links in
        # `extra.alternate` are not used: on home pages they hold the site's path, elsewhere they do not.)
        versions = getattr(page.file, "alternates", None) or {}
        urls = {language.code: versions[language.code].url if language.code in versions
                else page_url(language, HOME) for language in self.languages}
        # The switcher: site-relative links, which the theme's `url` filter makes relative to the page.
        # A German copy standing in for a missing translation is offered too, marked.
        identity = page.file.src_uri.split("/", 1)[1]
        config.extra.sitegen_switcher = [
            {"name": language.name, "lang": language.code, "link": urls[language.code],
             "fallback": f"{language.code}/{identity}" in self.untranslated,
             "mark": self.fallback_marks.get(language.code, "")}
            for language in self.languages]
        # For search engines (the theme writes these into the head as hreflang links): absolute
        # addresses, only real translations (not the German copies), and the German original as the
        # default (x-default). mkdocs-static-i18n sets `extra.alternate` as an attribute: set as one.
        advertised = [{"name": language.name, "lang": language.code,
                       "link": page_address(config.site_url, urls[language.code])}
                      for language in self.languages if f"{language.code}/{identity}" not in self.untranslated]
        source = next((a for a in advertised if a["lang"] == self.source_language), None)
        if source is not None:
            advertised.append(dict(source, lang="x-default"))
        config.extra.alternate = advertised
        # Material prints the canonical address as it is: made by the same function, and escaped.
        page.canonical_url = escape(page_address(config.site_url, page.url)) if config.site_url else None
        return context

    def on_post_page(self, output, page, config):
        status = page.meta.get("translation_status", "current")
        if output.count(MAIN_ELEMENT) != 1:
            raise PluginError(f"{page.file.src_uri}: the theme's main element was not found; "
                              "update MAIN_ELEMENT in sitegen/mkdocs_plugin.py for this theme version")
        output = output.replace(MAIN_ELEMENT, MAIN_ELEMENT[:-1] + f' data-translation-status="{status}">')
        lang = page.file.src_uri.split("/")[0]
        output = self.finish_page(output, lang, page.file.src_uri)
        return mark_fallbacks(output, self.fallback_texts.get(lang, set()), self.fallback_pages.get(lang, set()),
                              self.source_language, self.fallback_marks.get(lang, ""))

    def finish_page(self, output: str, lang: str, where: str) -> str:
        """What every page needs, 404 pages included: its language's search index, and a named
        search dialog."""
        language = next(language for language in self.languages if language.code == lang)
        if output.count(SEARCH_DIALOG) != 1:
            raise PluginError(f"{where}: the theme's search dialog was not found; "
                              "update SEARCH_DIALOG in sitegen/mkdocs_plugin.py for this theme version")
        label = markdown.html_text(self.search_labels[lang])
        output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{label}">')
        try:
            return material_search.point_to_language(output, language)
        except ValueError as error:
            raise PluginError(f"{where}: {error}") from None

    def on_template_context(self, context, template_name, config):
        context["sitegen_untranslated"] = self.untranslated  # for sitemap.xml
        context["sitegen_source_language"] = self.source_language
        context["sitegen_address"] = lambda url: page_address(config.site_url, url)  # for sitemap.xml
        # The 404 page is served at any depth, so MkDocs renders it with an absolute base path;
        # its language links must be absolute too: each language's home page, by its path on the host.
        if template_name == "404.html":
            base = site_path(config.site_url)
            config.extra.alternate = [
                {"name": language.name, "lang": language.code, "link": base + page_url(language, HOME)}
                for language in self.languages
            ]
            config.extra.sitegen_switcher = config.extra.alternate
            # The source language's 404.html is the one a static host serves for every missing
            # address: it sends readers below another language's folder to that language's page.
            context["sitegen_not_found_pages"] = {
                f"{base}{language.code}/": f"{base}{language.code}/404.html"
                for language in self.languages if not language.source
            } if config.theme["language"] == self.source_language else {}
        return context

    def on_post_template(self, output_content, template_name, config):
        # mkdocs-static-i18n builds the theme's 404.html once per language, each time to the same
        # site/404.html, so the last language built would win. Keep each language's version ...
        if template_name == "404.html":
            code = config.theme["language"]
            output_content = self.finish_page(output_content, code, f"404.html ({code})")
            self.not_found_pages[code] = output_content
        return output_content

    @event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
    def on_post_build(self, config):
        # ... and write it where that language lives: the source language at the root.
        site = Path(config.site_dir)
        for code, page_html in self.not_found_pages.items():
            target = site / ("404.html" if code == self.source_language else f"{code}/404.html")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page_html, encoding="utf-8")
        # mkdocs-static-i18n calls this once per language; the last call, after every language is
        # built, finds its combined search index, which is split into one index per language.
        i18n = config.plugins.get("i18n")
        if not getattr(i18n, "building", False) and (site / material_search.INDEX).is_file():
            material_search.split_index(site, self.languages)

    def on_env(self, env, config, files):
        # MkDocs makes a new template environment for every build, and mkdocs-static-i18n builds
        # once per language: without a shared cache, the theme's templates are compiled again and
        # again. Compiled templates are keyed by their name and source, so a changed template is
        # compiled anew.
        env.bytecode_cache = TEMPLATE_CACHE
        # Material prints what the `url` filter gives as it is, into attributes. On the 404 pages that
        # is the site's path from SITE_URL followed by the link: escaped, like every other value from
        # outside the content, where it is printed (Markup: escaped once, also where `| e` follows).
        env.filters["url"] = escaped_url_filter(env.filters["url"])
        return env

    def on_serve(self, server, config, builder):
        # content/ is the source. docs/ holds what sitegen renders from it, so watching docs/ would
        # build every change twice; only its hand-written assets are watched there.
        server.unwatch(config.docs_dir)
        server.watch(str(Path(config.docs_dir) / "assets"))
        server.watch(self.config.content_dir)
        server.builder = keep_last_good_site(server.builder)
        # MkDocs polls the watched folders every 0.5 s, half the time an editor may wait for the
        # preview. These folders hold a few dozen files: looking every 0.1 s costs next to nothing.
        for emitter in getattr(server.observer, "emitters", ()):
            if hasattr(emitter, "_timeout"):
                emitter._timeout = WATCH_INTERVAL
        return server


def quick_listing(get_env):
    """The theme's template environment, with a template listing that does not cost a tenth of a second.

    Before every build (once per language), MkDocs lists every file of the theme to find the static
    ones it copies, and tests each name against a dozen patterns. Material's templates hold some
    14,000 icons under `.icons/`, which that test always excludes (names starting with a dot). Here
    the listing leaves dot-names out before the test, and the theme package's own files, which do
    not change while MkDocs runs, are listed once per process. The result is the same list."""

    def patched():
        env = get_env()
        listing = env.list_templates

        def list_templates(extensions=None, filter_func=None):
            if extensions is not None or filter_func is None or not isinstance(env.loader, jinja2.FileSystemLoader):
                return listing(extensions, filter_func)
            names = sorted({name for folder in env.loader.searchpath for name in _listed(folder)})
            return [name for name in names if filter_func(name)]

        env.list_templates = list_templates
        return env

    patched.quick_listing = True
    return patched


_PACKAGE_LISTINGS: dict[str, list[str]] = {}


def _listed(folder: str) -> list[str]:
    """Template names below `folder` that do not start with a dot, like jinja2's FileSystemLoader
    names them. Folders of installed packages are listed once; the project's own every time."""
    if folder in _PACKAGE_LISTINGS:
        return _PACKAGE_LISTINGS[folder]
    names = [name for name in jinja2.FileSystemLoader(folder).list_templates() if not name.startswith(".")]
    if "site-packages" in Path(folder).parts:
        _PACKAGE_LISTINGS[folder] = names
    return names


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates, kept for the life of the process (one build, or one live preview)."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CACHE = _MemoryBytecodeCache()


WATCH_INTERVAL = 0.1  # seconds between two looks at the watched folders in the live preview


def keep_last_good_site(rebuild):
    """The live preview's rebuild, made to survive bad content.

    MkDocs prints a traceback when a rebuild fails and then holds every request until a build
    succeeds, so the preview hangs while an editor is still typing. Content is checked before
    anything is written, so the pages already built are the last good site: say what is wrong, in
    the editor's `file:line` form, and go on serving them."""

    def guarded(*args, **kwargs):
        try:
            rebuild(*args, **kwargs)
        except Abort:
            pass  # MkDocs has logged why (content errors, strict-mode warnings)
        except ConfigurationError as error:  # content errors found while mkdocs.yml was read
            log.error(str(error))
        except Exception as error:  # noqa: BLE001 - a preview must not die of one bad save
            log.error(f"internal error, please report it to the maintainers: {type(error).__name__}: {error}")
        else:
            return
        log.error("The preview keeps showing the last good version of the site. "
                  "Fix the problem above and save the file again.")

    return guarded


# Values from outside the content that the site prints: (how to get it from the config, its name for
# the reader of the message, an example). Checked where they enter, the plugin's on_config.
OUTSIDE_ADDRESSES = (
    (lambda config, edit_url: config.site_url, "SITE_URL (site_url in mkdocs.yml)",
     "https://owner.github.io/repository/"),
    (lambda config, edit_url: edit_url, "SITEGEN_EDIT_URL (edit_url of the sitegen plugin in mkdocs.yml)",
     "https://github.com/owner/repository/edit/main/"),
    (lambda config, edit_url: config.repo_url, "repo_url in mkdocs.yml", "https://github.com/owner/repository"),
)


def check_outside_addresses(config, edit_url: str) -> None:
    """Refuse the build when an address from the environment or mkdocs.yml is not one the site may
    print (urls.is_base_address, the content links' rule). Unset or empty: nothing to check."""
    for value_of, name, example in OUTSIDE_ADDRESSES:
        value = value_of(config, edit_url)
        if value and not is_base_address(value):
            shown = one_line(value) if isinstance(value, str) else repr(value)
            raise PluginError(f"{name} {BASE_ADDRESS_RULE}, not '{shown}'; set it to e.g. {example}")


def escaped_url_filter(url_filter):
    """MkDocs' `url` filter, whose result is escaped for HTML (Markup, so it is escaped only once)."""
    if getattr(url_filter, "sitegen_escaped", False):
        return url_filter

    @jinja2.pass_context
    def url(context, value):
        return escape(url_filter(context, value))

    url.sitegen_escaped = True
    return url


def mark_fallbacks(output: str, texts: set[str], pages: set[str], source_language: str, mark: str) -> str:
    """In the navigation, table of contents and footer, mark German texts with `lang`, and titles of
    pages that are German copies with the language's "(in German)" mark too.

    These texts come from page titles and headings, which the theme puts into `md-ellipsis`
    elements as they are; the page content itself was marked when it was rendered."""
    if not texts and not pages:
        return output
    titles = sorted(texts | pages, key=len, reverse=True)
    pattern = re.compile(r'(<(span|div) class="md-ellipsis">\s*)(' + "|".join(map(re.escape, titles))
                         + r')(\s*</\2>)')

    def replace(match: re.Match) -> str:
        text = match.group(3)
        marked = f'<span lang="{source_language}">{text}</span>'
        if text in pages:
            marked += f' <small class="sitegen-fallback-mark">{html.escape(mark)}</small>'
        return match.group(1) + marked + match.group(4)

    return pattern.sub(replace, output)
