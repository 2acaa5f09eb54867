"""Properties that hold for any input, checked with generated examples (hypothesis).

- The loader never raises anything but the project's own error type, whatever bytes it gets.
- What it returns is text in Unicode NFC without invisible control characters.
- Any valid workshop renders, and every text of it reaches the reader unchanged.
"""

from __future__ import annotations

import datetime
import html
import re
import shutil
import tempfile
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import markdown as python_markdown
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from sitegen.content.tree import load_content
from sitegen.core.errors import ContentError
from sitegen.core.inline import text_problem, plain_text
from sitegen.read.load import load_document, parse_document
from sitegen.core.model import Workshop
from sitegen.render.pages import render_pages
from sitegen.read.validate import validate

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SHOWN = "content/de/workshops/x.yaml"

# Text made mostly of what YAML gives meaning to, so that examples reach the parser's corners.
YAML_ALPHABET = st.sampled_from(list(":-?[]{},&*!|>'\"%@`#~\\ \t\n\r.0123456789aeynoTFx=<+_") + [
    "\ufeff", "\u0085", "\u2028", "\u202e", "\x00", "\x07", "é", "ł", "ž", "\ud7ff", "\ue000", "😀"])
YAMLISH = st.text(YAML_ALPHABET, max_size=200)
LINES = st.lists(st.sampled_from([
    "title: A", "title: 'A'", 'title: "A\\u202e"', "goals:", "  - x", "- y", "  a: &x [1]", "b: *x",
    "c: !!python/name:os.system", "? [a]", ": b", "d: |", "  text", "e: >-", "--- ", "...", "%YAML 1.1",
    "f: 0777", "g: no", "h: 2027-03-15", "<<: {a: 1}", "\tx: 1", "title: a: b", '"unclosed: x',
    "[" * 40, "{a: [b, {c: d}]}", "i: \"\\x85\"", "j: ~", "k: 1:20",
]), max_size=12).map("\n".join)


def outcome(text: str):
    try:
        return parse_document(text, Path("x.yaml"), SHOWN)
    except ContentError as error:
        assert error.problems and all(problem.path == SHOWN for problem in error.problems)
        return None


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield key
            yield from strings_in(child)
    elif isinstance(value, list):
        for child in value:
            yield from strings_in(child)


def values_in(value):
    if isinstance(value, str):
        yield value
    for child in value.values() if isinstance(value, dict) else value if isinstance(value, list) else []:
        yield from values_in(child)


@SETTINGS
@given(st.one_of(st.text(), YAMLISH, LINES))
def test_the_loader_raises_only_content_errors(text):
    document = outcome(text)
    if document is None:
        return
    for value in strings_in(document.data):
        assert unicodedata.is_normalized("NFC", value)
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\ufeff]", value)
    try:
        validate(document, Workshop)
    except ContentError:
        pass


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_in_a_file_give_a_document_or_a_content_error(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.yaml"
        path.write_bytes(data)
        try:
            load_document(path, SHOWN)
        except ContentError as error:
            assert error.problems


# -- Arbitrary valid content renders, and every text arrives -----------------------------------

# Letters of the three languages, digits, and the punctuation and markup characters of Markdown.
WORDS = st.text(st.sampled_from(list("abcdefghijklmnopqrstuvwxyzäöüßÄÖÜčćěłńóřšśžźŁŠŽ0123456789")), min_size=1, max_size=12)
MARKS = st.sampled_from(list(" .,;:!?-–—„“”‚‘'\"()/&%*_#+=~^$§@`|\\{}[]<>") + [" *", "**", "__", "\\\\", "&amp;", "&#60;",
                                                                                  "<!--", "-->", "\n", "  ", "1.", "# ", "> ", "---",
                                                                                  "*wort*", "_wort_", "**fett**", "`code`",
                                                                                  "~~weg~~", "==x==", "{: #id }", "\\*"])
TEXT = st.lists(st.one_of(WORDS, MARKS), min_size=1, max_size=12).map("".join).map(
    lambda text: " ".join(text.split())).filter(lambda text: bool(text) and text_problem(text) is None)


def texts(max_size: int, min_size: int = 0):
    return st.lists(TEXT, min_size=min_size, max_size=max_size)


WORKSHOP = st.fixed_dictionaries(
    {"title": TEXT, "summary": TEXT, "goals": texts(3, min_size=1)},
    optional={
        "focus_areas": st.lists(st.fixed_dictionaries({"title": TEXT}, optional={"text": TEXT, "items": texts(2)}),
                                max_size=2),
        "topics": texts(3),
        "partners": st.lists(st.fixed_dictionaries({"name": TEXT}, optional={"text": TEXT}), max_size=2),
        "members": texts(2),
        "meetings": st.lists(st.fixed_dictionaries(
            {"date": st.dates(datetime.date(2020, 1, 1), datetime.date(2035, 12, 31)), "title": TEXT},
            optional={"place": TEXT}), max_size=2),
    },
)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.parts.append(" ")

    def handle_endtag(self, tag):
        self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def visible_text(markdown_text: str) -> tuple[str, set[str]]:
    body = markdown_text.split("\n---\n", 1)[1]
    rendered = python_markdown.markdown(body, extensions=["attr_list", "md_in_html", "toc"])
    reader = _Text()
    reader.feed(rendered)
    return " ".join("".join(reader.parts).split()), reader.tags


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(WORKSHOP)
def test_any_valid_workshop_renders_with_every_text_as_written(workshop):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(FIXTURES / "minimal" / "content", root / "content")
        (root / "content/de/workshops/generiert.yaml").write_text(
            "# yaml-language-server: $schema=../../../schema/workshop.schema.json\n"
            + yaml.safe_dump(workshop, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
        try:
            content = load_content(root / "content", root)
        except ContentError as error:
            # Only the fixture's own workshop may collide with a generated title; nothing else is refused.
            assert all("another workshop has the same title" in problem.message for problem in error.problems), \
                error
            assume(False)
        pages = render_pages(content)
    shown, tags = visible_text(pages["de/workshops/generiert.md"])
    assert tags <= {"h1", "h2", "h3", "p", "ul", "li", "strong", "a", "span"}, tags
    for text in values_in({key: value for key, value in workshop.items() if key != "meetings"}):
        assert " ".join(plain_text(text).split()) in shown, text
    for meeting in workshop.get("meetings", []):
        assert " ".join(meeting["title"].split()) in shown
    # The page title reaches the theme HTML-escaped, so it reads the same.
    front = pages["de/workshops/generiert.md"].split("\n---\n", 1)[0]
    title = yaml.safe_load(front.removeprefix("---\n"))["title"]
    assert html.unescape(title) == " ".join(plain_text(workshop["title"]).split())
