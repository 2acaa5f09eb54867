"""The renderer: pure functions from validated content to Markdown."""

import markdown as python_markdown
import pytest

from sitegen.render import markdown
from sitegen.content.tree import load_content
from sitegen.render.pages import render_pages
from sitegen.core.urls import relative_url


@pytest.fixture
def pages(project):
    return render_pages(load_content(project / "content", project))


def html(text: str) -> str:
    return python_markdown.markdown(text, extensions=["attr_list", "md_in_html", "toc"])


@pytest.mark.parametrize("text", [
    "Zweites Ziel mit *Sternchen* und <b>Klammern</b>.",
    "[Link](javascript:alert(1)) und ![Bild](x.png)",
    "# kein Titel",
    "1. keine Liste",
    "- kein Punkt",
    "a_b_c `code` \\ Backslash & Ampersand {: .class }",
    "> kein Zitat",
])
def test_plain_text_renders_literally(text):
    rendered = html(markdown.text(text))
    expected = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert rendered == f"<p>{expected}</p>"


def test_text_is_one_paragraph():
    assert markdown.text("line one\nline two\n\n  line three ") == "line one line two line three"


def test_front_matter_strings_are_quoted():
    # JSON-quoted for YAML, and HTML-escaped: the theme puts it into attributes as it is.
    assert markdown.front_matter_string('Titel: "A" <b>\n B') == '"Titel: &quot;A&quot; &lt;b&gt; B"'


def test_every_page_in_every_language(pages):
    """The legal pages in every language; the page in Leichte Sprache only in German, at its one address."""
    assert sorted(pages) == sorted(
        [f"{code}/{name}" for code in ("de", "en", "hsb")
         for name in ("barrierefreiheit.md", "datenschutz.md", "faq.md", "impressum.md", "index.md",
                      "workshops/beispiel.md", "workshops/index.md")] + ["de/leichte-sprache.md"])


def test_workshop_page_in_the_source_language(pages):
    page = pages["de/workshops/beispiel.md"]
    assert page.startswith('---\ntitle: "Beispielwerkstatt"\ndescription: "Eine Werkstatt, die jedes Feld benutzt."\n'
                           'source_file: "content/de/workshops/beispiel.yaml"\n---\n')
    assert "sitegen-notice" not in page
    sections = [line for line in page.splitlines() if line.startswith("## ")]
    assert sections == ["## Ziele", "## Schwerpunkte", "## Schlüsselthemen", "## Partner", "## Ansprechpersonen",
                        "## Mitglieder", "## Termine", "## Weiterführende Links"]
    assert "- Zweites Ziel mit \\*Sternchen\\*, \\[Klammern\\] &amp; 3 &lt; 4\\." in page
    assert "- **Partner A**: Arbeitet mit\\.\n" in page
    assert ("- **Erika Mustermann**, Leitung\n    - E\\-Mail: [erika@example\\.org](<mailto:erika@example.org>)\n"
            "    - Telefon: \\+49 355 000000\n") in page
    assert "- **15. März 2027**: Auftakt \\(Budyšin/Bautzen\\)\n" in page
    assert "- [Mehr lesen](<https://example.org/>)\n" in page
    assert page.endswith("[Alle Werkstätten](index.md)\n")


def test_dates_follow_the_page_language(pages):
    assert "**March 15, 2027**" in pages["en/workshops/beispiel.md"]
    assert "**15. měrca 2027**" in pages["hsb/workshops/beispiel.md"]


def test_draft_translation_says_so_and_links_to_the_source(pages):
    page = pages["hsb/workshops/beispiel.md"]
    assert "\ntranslation_status: draft\n" in page
    assert ('<div class="sitegen-notice" role="note" data-translation-status="draft" markdown>\n'
            'Tutón přełožk je naćisk\\. '
            '<a href="../../../workshops/beispiel/" hreflang="de">Němsku wersiju čitać</a>\n</div>') in page


def test_reviewed_translation_has_no_notice(project):
    # Every text on a page counts: the English home page shows the workshop's summary too.
    pages = render_pages(load_content(project / "content", project))
    assert "sitegen-notice" in pages["en/index.md"]
    workshop = project / "content/en/workshops/beispiel.yaml"
    workshop.write_text(workshop.read_text() + "review: reviewed\n")
    pages = render_pages(load_content(project / "content", project))
    assert "sitegen-notice" not in pages["en/index.md"]
    assert "translation_status: current" in pages["en/index.md"]
    assert "sitegen-notice" in pages["en/faq.md"]


def test_faq_links_to_workshops(pages):
    assert "Hlej tež: [Přikładna dźěłarnja](workshops/beispiel.md)" in pages["hsb/faq.md"]


def test_rendering_is_deterministic(project):
    content = load_content(project / "content", project)
    assert render_pages(content) == render_pages(load_content(project / "content", project))


@pytest.mark.parametrize("source, target, link", [
    ("en/workshops/x/", "workshops/x/", "../../../workshops/x/"),
    ("hsb/", "", "../"),
    ("", "en/", "en/"),
    ("faq/", "faq/", "./"),
])
def test_relative_urls(source, target, link):
    assert relative_url(source, target) == link
