"""No markup injection: nothing in a content file puts script or markup into the built site.

Content comes in pull requests from many people, some hostile. A hostile corpus goes through
every door a text has:

- `sitegen check` rejects each payload that is markup of another kind (HTML, Markdown links and
  images, autolinks, character references, addresses other than web and e-mail ones) with its
  message at `file:line:col`, or lets it pass;
- what passes is put into every text field of every language of the real site, which is built
  with the real `mkdocs build --strict`; its HTML has no script, event attribute, script address
  or embedding element that a clean build of the same project does not have, and every payload is
  shown literally;
- Chromium opens hostile pages (each language, the 404 page, the search) and nothing runs;
- for any text at all, the escaping round-trips through Python-Markdown (hypothesis).
"""

from __future__ import annotations

import dataclasses
import functools
import http.server
import json
import os
import re
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import jinja2
import markdown as python_markdown
import material
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from browser import PagesHandler
from conftest import REPOSITORY, copy_site_project
from sitegen.render import markdown
from sitegen.content.tree import load_content, model_of
from sitegen.core.errors import one_line
from sitegen.core.fields import text_leaves, translation_model
from sitegen.core.inline import plain_text, split_parts
from sitegen.read.load import load_document
from sitegen.publish.mkdocs.theme_strings import SCRIPT_KEYS, SETTING_KEYS, html_escape, render_language_partials
from sitegen.read.validate import validate

MKDOCS = Path(sys.executable).with_name("mkdocs")
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
EXTENSIONS = ["attr_list", "md_in_html", "toc"]  # as in mkdocs.yml


# --- 1. The hostile corpus -----------------------------------------------------------------------

@dataclass(frozen=True)
class Payload:
    name: str
    text: str
    message: str | None = None  # how `sitegen check` rejects it; None: it passes and is shown as written
    whole: bool = True  # the message is the whole line, not only its start


HTML = "a text may not contain HTML, like {} here; write plain text, and put a space after '<' where it means 'less than'"
LINK = ("a text may not contain Markdown links, like {} here; write the words only, and put the link into a "
        "workshop's links: list")
AUTOLINK = ("a text may not contain links, like {} here; write the address as plain text, or put the link into a "
            "workshop's links: list")
IMAGE = "a text may not contain images, like {} here; remove it"
REFERENCE = "a text may not contain HTML character references, like {} here; write the character itself"
MALFORMED = ("the language markup is not well formed; write the phrase in square brackets followed by its "
             "language, like [Budyšin]{lang=hsb}")
INVISIBLE = "the text contains the invisible character U+{}"  # the loader's message (load.py)

REJECTED_TEXTS = [
    Payload("script element", "<script>window.__pwned=1</script>", HTML.format("'<script>'")),
    Payload("end tag", "</p><p>neu", HTML.format("'</p>'")),
    Payload("comment", "<!-- versteckt -->", HTML.format("'<!--'")),
    Payload("event attribute", '<img src=x onerror="window.__pwned=1">', HTML.format("'<img'")),
    Payload("attribute break-out into svg", "'><svg onload=window.__pwned=1>", HTML.format("'<svg'")),
    Payload("tag without spaces", "a<b>c", HTML.format("'<b>'")),
    Payload("end of a script element", "</script><script>alert(1)</script>", HTML.format("'</script>'")),
    Payload("processing instruction", "<?php system('x'); ?>", HTML.format("'<?php'")),
    Payload("cdata", "<![CDATA[x]]>", HTML.format("'<![CDATA[x]]>'")),
    Payload("markdown link to javascript", "[Klick](javascript:window.__pwned=1)",
            LINK.format("'[Klick](javascript:window.__pwned=1)'")),
    Payload("markdown link to data", "[x](data:text/html;base64,PHNjcmlwdD4=)",
            LINK.format("'[x](data:text/html;base64,PHNjcmlwdD4=)'")),
    Payload("markdown link with a title", '[x](https://example.org "t")', LINK.format("'[x](https://example.org \"t\")'")),
    Payload("markdown image", "![Bild](https://example.org/x.png)", IMAGE.format("'![Bild](https://example.org/x.png)'")),
    Payload("markdown image with onerror", '![x](x" onerror="window.__pwned=1)',
            IMAGE.format("'![x](x\" onerror=\"window.__pwned=1)'")),
    Payload("autolink", "<https://example.org>", AUTOLINK.format("'<https://example.org>'")),
    Payload("autolink to javascript", "<javascript:window.__pwned=1>", AUTOLINK.format("'<javascript:window.__pwned=1>'")),
    Payload("mail autolink", "<erika@example.org>", AUTOLINK.format("'<erika@example.org>'")),
    Payload("named character reference", "&lt;script&gt;", REFERENCE.format("'&lt;'")),
    Payload("numeric character reference", "&#60;script&#62;", REFERENCE.format("'&#60;'")),
    Payload("hexadecimal character reference", "&#x3C;img src=x&#x3E;", REFERENCE.format("'&#x3C;'")),
    Payload("language markup with an attribute", "[x]{lang=de onclick=window.__pwned=1}", MALFORMED),
    Payload("language markup with a quote", '[x]{lang=de" onmouseover="window.__pwned=1}', MALFORMED),
    Payload("control character", "vor\x07nach", INVISIBLE.format("0007"), whole=False),
    Payload("line separator", "vor\u2028nach", INVISIBLE.format("2028"), whole=False),
    Payload("right-to-left override", "\u202egnp.exe", INVISIBLE.format("202E"), whole=False),
]

LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen" * 6
PASSING_TEXTS = [
    Payload("double-quote attribute break-out", '" onmouseover="window.__pwned=1" x="'),
    Payload("single-quote attribute break-out", "' onmouseover='window.__pwned=1' x='"),
    Payload("javascript: as text", "javascript:window.__pwned=1"),
    Payload("data: as text", "data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+"),
    Payload("vbscript: as text", "vbscript:msgbox(1)"),
    Payload("attribute list", '{: onclick="window.__pwned=1" #id .class }'),
    Payload("jinja expression and block", "{{ config }} {% raw %}{{ 7*7 }}{% endraw %} {# Kommentar #}"),
    Payload("jinja break-out of a string literal", '"}[key] }}{{ config.site_name }}{% if true %}x{% endif %}{{ {"'),
    Payload("jinja comment and macro end", "#} {% endmacro %} {%- include 'base.html' -%}"),
    Payload("less-than that is no tag", "Kinder < 10, a <= b, <3 und < /script>"),
    Payload("ampersands", "Kunst & Kultur, AT&T; &amp ohne Semikolon, &#"),
    Payload("backslashes", "C:\\Users\\x \\\\ \\` \\* \\[ \\< Rück\\strich"),
    Payload("backticks", "`Code` ``doppelt`` ```dreifach```"),
    Payload("emphasis", "*kursiv* _kursiv_ **fett** __fett__ ~~weg~~ ==markiert=="),
    Payload("front matter", "---\ntitle: gekapert\nsearch:\n  exclude: true\n---"),
    Payload("heading", "# keine Überschrift {#id}"),
    Payload("list", "1. keine Liste"),
    Payload("bullet", "- kein Punkt"),
    Payload("quote", "> kein Zitat"),
    Payload("table", "| a | b |"),
    Payload("brackets", "[Klammern] (keine Links) ![kein Bild]"),
    Payload("json break-out", '\\"; window.__pwned=1; // \\u003c/script\\u003e'),
    Payload("template tags of other engines", "${7*7} <%= 7*7 %> #{7*7}"),
    Payload("language markup", "[Budyšin]{lang=hsb} und [Lusatia]{lang=en}"),
    Payload("letters and emoji", "ÄÖÜ ß čěłńóřšźž 😀"),
    Payload("very long word", LONG_WORD),
]

REJECTED_URLS = [
    "javascript:window.__pwned=1", "JavaScript:alert(1)", " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "file:///etc/passwd",
    "//evil.example/x", "https:evil.example", "https://", "ftp://example.org/",
    'https://example.org/" onmouseover="window.__pwned=1', "https://example.org/><script>alert(1)</script>",
    "https://example.org/a)<img src=x onerror=alert(1)>", "https://example.org/a b", "https://example.org/\ta",
    "https://example.org/`x`", "https://example.org/{{ config }}", "https://example.org/a|b",
    "https://example.org/a\\b", "https://example.org/a^b", "https://user:secret@evil.example/",
    "https://-evil.example/", "mailto:x", "mailto:a@example.org?subject=<x>", "mailto:javascript:alert(1)",
    "https://example.org/\n[x](javascript:alert(1))",
]
# Valid addresses with characters Markdown could misread; markdown.link_target keeps them inside the link.
PASSING_URLS = [
    "https://example.org/a_(b)*c*?q=1&r=2#frag",
    "https://example.org/a)b(c",
    "https://example.org/ä'x'",
    "https://example.org/[x]",
    "https://example.org/%3Cscript%3E",
    "http://127.0.0.1:8000/x",
    "mailto:erika.mustermann+test@example.org",
]
REJECTED_EMAILS = [
    "a@example.org)<img src=x onerror=alert(1)>", '"x"@example.org', "a@b", "a b@example.org",
    'a@example.org" onmouseover="x', "javascript:x@example.org", "a@example.org?subject=x", "a@-example.org",
]
REJECTED_PHONES = ["<b>1</b>", "+49 355 [x](javascript:alert(1))", "123 onmouseover=x", "tel:123", "0355 1234 ext. 5"]


# --- 2. `sitegen check`: rejected with the message, or passed ------------------------------------------

@dataclass(frozen=True)
class Door:
    """One field of the minimal fixture a payload is written into: file, and the start of its line."""

    name: str
    file: str
    prefix: str


TEXT_DOORS = [
    Door("workshop text", "content/de/workshops/beispiel.yaml", "summary: "),
    Door("translated answer", "content/en/faq.yaml", "    answer: "),
    Door("theme string", "content/hsb/theme.yaml", "  search.placeholder: "),
    Door("site name", "content/de/site.yaml", "site_name: "),
]
URL_DOOR = Door("link", "content/de/workshops/beispiel.yaml", "    url: ")
EMAIL_DOOR = Door("e-mail", "content/de/workshops/beispiel.yaml", "    email: ")
PHONE_DOOR = Door("phone", "content/de/workshops/beispiel.yaml", "    phone: ")


def yaml_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar: JSON's escapes are YAML's; invisible characters escaped too."""
    return re.sub("[\x7f-\x9f\u2028\u2029\u202a-\u202e\ufeff]", lambda m: f"\\u{ord(m.group()):04x}",
                  json.dumps(text, ensure_ascii=False))


def put(project: Path, door: Door, text: str) -> tuple[int, int]:
    """Write `text` as the value of the door's field; return the value's line and column."""
    path = project / door.file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith(door.prefix))
    lines[index] = door.prefix + yaml_quoted(text) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    return index + 1, len(door.prefix) + 1


def assert_rejected(project: Path, run, door: Door, text: str, message: str, exact: bool = True):
    line, column = put(project, door, text)
    code, out, err = run("--root", str(project), "check")
    assert code == 1, out
    assert "Traceback" not in err and out == ""
    # A whole line of the output: `file:line:col: message`, or (exact=False) its start.
    assert f"\n{door.file}:{line}:{column}: {message}{chr(10) if exact else ''}" in "\n" + err, err


@pytest.mark.parametrize("door", TEXT_DOORS, ids=lambda door: door.name)
@pytest.mark.parametrize("payload", REJECTED_TEXTS, ids=lambda payload: payload.name)
def test_check_rejects_foreign_markup_in_every_kind_of_text(project, run, payload, door):
    assert_rejected(project, run, door, payload.text, payload.message, exact=payload.whole)


@pytest.mark.parametrize("door", TEXT_DOORS, ids=lambda door: door.name)
@pytest.mark.parametrize("payload", PASSING_TEXTS, ids=lambda payload: payload.name)
def test_check_lets_plain_text_pass_in_every_kind_of_text(project, run, payload, door):
    put(project, door, payload.text)
    code, out, err = run("--root", str(project), "check")
    assert code == 0 and "error" not in err, err


@pytest.mark.parametrize("url", REJECTED_URLS)
def test_check_rejects_addresses_other_than_web_and_mail(project, run, url):
    assert_rejected(project, run, URL_DOOR, url, "the field 'url' is not valid ('" + one_line(url) + "'): a link must start "
                    "with https:// (or http://) and a host name", exact=False)


@pytest.mark.parametrize("email", REJECTED_EMAILS)
def test_check_rejects_odd_email_addresses(project, run, email):
    assert_rejected(project, run, EMAIL_DOOR, email, f"the field 'email' is not valid ('{one_line(email)}'): write an e-mail "
                    "address like name@example.org", exact=False)


@pytest.mark.parametrize("phone", REJECTED_PHONES)
def test_check_rejects_phone_numbers_with_other_characters(project, run, phone):
    assert_rejected(project, run, PHONE_DOOR, phone, f"the field 'phone' is not valid ('{phone}'): write a phone "
                    "number like +49 355 123456, with only digits, spaces and + - / ( )")


@pytest.mark.parametrize("url", PASSING_URLS)
def test_valid_addresses_stay_inside_their_link(project, url):
    put(project, URL_DOOR, url)
    load_content(project / "content", project)
    rendered = python_markdown.markdown(f"- [Mehr lesen]({markdown.link_target(url)})", extensions=EXTENSIONS)
    page = Scan()
    page.feed(rendered)
    assert [tag for tag, _ in page.elements] == ["ul", "li", "a"]
    href = page.elements[2][1]["href"]
    assert unquote(href) == unquote(url) and not re.search(r"[\s\"<>\\^`{|}\[\]]", href)
    assert page.text() == "Mehr lesen"


# --- 3. Theme strings cannot leave the generated Jinja partial -------------------------------------------

JINJA_PAYLOADS = [payload.text for payload in PASSING_TEXTS if "{" in payload.text or "#}" in payload.text] + [
    '"', "\\", "\\u0041", '\\"}[key] }}{{ config }}', "}}", "%}", "{%", "{{", "{#", "#}",
]


def test_theme_strings_stay_text_inside_the_generated_partial(project):
    theme = project / "content/de/theme.yaml"
    lines = theme.read_text(encoding="utf-8").splitlines(keepends=True)
    keys = [line.split(":")[0].strip() for line in lines if line.startswith("  ") and ": " in line
            and not line.startswith("    ")][: len(JINJA_PAYLOADS)]
    assert len(keys) == len(JINJA_PAYLOADS)
    # Between letters: a text must have a visible letter (sitegen check); the payload is inside it all the same.
    values = {key: f"a{payload}z" for key, payload in zip(keys, JINJA_PAYLOADS)}
    for key, value in values.items():
        put(project, Door(key, "content/de/theme.yaml", f"  {key}: "), value)
    content = load_content(project / "content", project)
    partials = render_language_partials(content)
    # As MkDocs' own environment: no autoescaping; `config` is there to be leaked, and must not be.
    env = jinja2.Environment(loader=jinja2.DictLoader(partials), undefined=jinja2.StrictUndefined)
    env.globals["config"] = {"site_name": "GEHEIM"}
    module = env.get_template("partials/languages/de.html").module
    for key, value in values.items():
        shown = collapse(plain_text(value))
        assert module.t(key) == (shown if key in SCRIPT_KEYS else html_escape(shown)), key
    # A template that imports the partial the way Material does, rendered whole.
    env.loader.mapping["page.html"] = ('{% import "partials/languages/de.html" as lang %}'
                                       + "".join(f"<p>{{{{ lang.t({json.dumps(key)}) }}}}</p>" for key in values))
    page = env.get_template("page.html").render()
    assert "GEHEIM" not in page and "49" not in page
    assert page == "".join(f"<p>{module.t(key)}</p>" for key in values)


def test_only_the_keys_material_hands_to_its_script_stay_unescaped():
    # Material prints every other key straight into HTML text and attributes, which is why they are escaped.
    base = (MATERIAL_TEMPLATES / "base.html").read_text(encoding="utf-8")
    block = base[base.index('"translations": {'):base.index("}", base.index('"translations": {'))]
    assert set(re.findall(r'lang\.t\("([^"]+)"\)', block)) == SCRIPT_KEYS
    in_html = set()
    for template in MATERIAL_TEMPLATES.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        if template == MATERIAL_TEMPLATES / "base.html":
            text = text.replace(block, "")
        in_html |= set(re.findall(r"""lang\.t\(['"]([^'"]+)['"]\)""", text))
    assert not in_html & SCRIPT_KEYS
    assert in_html - SETTING_KEYS  # printed into HTML: escaped by the partial


# --- 4. Escaping round-trips, for any text ------------------------------------------------------------

class Scan(HTMLParser):
    """Elements with their attributes, and the text, of an HTML fragment or page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.data: list[str] = []
        self.spans: list[tuple[str, list[str]]] = []  # (lang, text parts)
        self.open_spans: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag == "span":
            self.open_spans.append((dict(attrs).get("lang", ""), []))

    def handle_endtag(self, tag):
        if tag == "span" and self.open_spans:
            self.spans.append(self.open_spans.pop())

    def handle_data(self, data):
        self.data.append(data)
        for _, parts in self.open_spans:
            parts.append(data)

    def text(self) -> str:
        return collapse("".join(self.data))


def collapse(text: str) -> str:
    return " ".join(text.split())


# Text as the loader lets it through (no control characters, line separators, surrogates, private or
# unassigned code points), rich in what Markdown, HTML and the language markup give meaning to.
CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp"))
MARKUP = st.sampled_from(list("<>&\\`*_{}[]()#+-.!|~:=\"'/ \t\n\u00a0") + [
    "[Budyšin]{lang=hsb}", "[x]{lang=en-GB}", "{lang=", "]{lang=de}", "&amp;", "&#60;", "<b>", "</p>", "<!--",
    "-->", "<script>", "](", "![", "<https://example.org>", "{: #id }", "1. ", "# ", "> ", "---", "    ", "\\\\",
    "_kursiv_", "*kursiv*", "**fett**", "`Code`", "[Text](https://example.org)", "<b>fett</b>", "&nbsp;",
])
TEXTS = st.lists(st.one_of(st.text(CHARACTERS, max_size=6), MARKUP), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_any_text_renders_as_written(text):
    rendered = python_markdown.markdown(markdown.text(text), extensions=EXTENSIONS)
    scan = Scan()
    scan.feed(rendered)
    scan.close()
    written = collapse(text)
    parts = split_parts(written)
    assert scan.text() == collapse("".join(part.text for part in parts))
    assert {tag for tag, _ in scan.elements} <= {"p", "span"}
    assert [attrs for tag, attrs in scan.elements if tag == "span"] == [{"lang": part.lang} for part in parts
                                                                         if part.lang]
    assert [(lang, collapse("".join(texts))) for lang, texts in scan.spans] == [
        (part.lang, collapse(part.text)) for part in parts if part.lang]


# --- 5. The real site, built from hostile content -----------------------------------------------------

# Fields whose text reaches the theme's own HTML (not only the page content): each gets this, in every
# language, so the theme's escaping is seen at each of its sinks.
NASTY = "Werk & \"Stätten\" <3 ' x=' \" onmouseover=\"window.__pwned=1\" x=\"{{ config }}"
NASTY_FIELDS = {
    ("site.yaml", ("site_name",)), ("site.yaml", ("site_description",)), ("site.yaml", ("home", "title")),
    ("site.yaml", ("nav", "home")), ("site.yaml", ("nav", "workshops")), ("site.yaml", ("nav", "faq")),
    ("site.yaml", ("not_found", "title")), ("site.yaml", ("not_found", "text")),
    ("site.yaml", ("not_found", "home_link")), ("faq.yaml", ("questions", 0, "question")),
    ("faq.yaml", ("questions", 0, "answer")),
    ("theme.yaml", ("strings", "search.placeholder")), ("theme.yaml", ("strings", "search")),
    ("theme.yaml", ("strings", "search.result.term.missing")), ("theme.yaml", ("strings", "select.language")),
    ("theme.yaml", ("strings", "action.skip")), ("theme.yaml", ("strings", "nav")),
}
# Names every language shares: `sitegen check` refuses HTML in them too (tests/test_bad_input.py), so
# these payloads are the ones that pass it and would still do harm if printed unescaped.
# Unescaped, a browser would also read "&copy" and "&lt" as characters (© and <), without a semicolon.
NASTY_NAME = '" onmouseover="window.__pwned=1" x=\' > &lt 3 &copy "{{ config }}"'
NASTY_CONTACT = "Erika \" onmouseover=\"window.__pwned=1\" x=' > &lt &copy {% raw %}"


@dataclass
class Hostile:
    """What was written into the hostile project: (language, item, path) -> text."""

    texts: dict[tuple[str, str, tuple], str] = field(default_factory=dict)
    language_names: dict[str, str] = field(default_factory=dict)

    def text(self, code: str, item: str, *path) -> str:
        return self.texts[(code, item, tuple(path))]


def fill_with_payloads(project: Path) -> Hostile:
    """Every text field of every language gets a passing payload, in turn; the fields the theme prints
    itself get NASTY. The first workshop gets contacts and links with hostile names and valid odd addresses."""
    hostile = Hostile()
    content_dir = project / "content"
    languages = yaml.safe_load((content_dir / "languages.yaml").read_text(encoding="utf-8"))["languages"]
    counter = 0
    for language in languages:
        code = language["code"]
        for path in sorted((content_dir / code).rglob("*.yaml")):
            item = path.relative_to(content_dir / code).as_posix()
            if item == "translated-from.yaml":
                continue
            document = load_document(path, str(path))
            model = model_of(item) if language.get("source") else translation_model(model_of(item))
            data = document.data
            for field_path, _ in text_leaves(validate(document, model)):
                if (item, field_path) in NASTY_FIELDS:
                    text = f"{NASTY} {code}"
                else:
                    text = PASSING_TEXTS[counter % len(PASSING_TEXTS)].text
                    counter += 1
                if field_path[0] == "plurals":
                    text += " #"
                elif item.startswith("workshops/") and field_path == ("title",):
                    text += f" {path.stem}"  # titles of workshops must differ
                _set(data, field_path, text)
                hostile.texts[(code, item, field_path)] = text
            first_line = path.read_text(encoding="utf-8").split("\n", 1)[0]
            path.write_text(first_line + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False,
                                                               width=10**6), encoding="utf-8")
    add_contacts_and_links(project, NASTY_CONTACT, [(f"Link {i}", url) for i, url in enumerate(PASSING_URLS)])
    languages_file = content_dir / "languages.yaml"
    text = languages_file.read_text(encoding="utf-8")
    for language in languages[1:]:
        name = f"{language['name']} {NASTY_NAME}"
        text = text.replace(f"name: {language['name']}\n", f"name: {yaml_quoted(name)}\n")
        hostile.language_names[language["code"]] = name
    languages_file.write_text(text, encoding="utf-8")
    return hostile


def _set(data, path: tuple, value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def add_contacts_and_links(project: Path, contact: str, links: list[tuple[str, str]]) -> None:
    """Give the first German workshop a contact (a name every language shares) and links."""
    path = sorted((project / "content/de/workshops").glob("*.yaml"))[0]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["contacts"] = [{"name": contact, "role": "Leitung", "email": "erika.o+test@example.org",
                         "phone": "+49 (0)355 12/34-5"}]
    data["links"] = [{"title": title, "url": url} for title, url in links]
    first_line = path.read_text(encoding="utf-8").split("\n", 1)[0]
    path.write_text(first_line + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6),
                    encoding="utf-8")


def build(project: Path, site: Path, site_url: str) -> None:
    env = dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1",
               SITEGEN_EDIT_URL="https://github.com/example/werkstaetten/edit/main/")
    result = subprocess.run([str(MKDOCS), "build", "--strict", "--site-dir", str(site)], cwd=project, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@dataclass
class Sites:
    clean: Path
    hostile: Path
    written: Hostile
    origin: str


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("injection")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PagesHandler)
    origin = f"http://127.0.0.1:{httpd.server_port}"
    (tmp / "clean").mkdir()
    (tmp / "hostile").mkdir()
    clean = copy_site_project(tmp / "clean")
    add_contacts_and_links(clean, "Erika Mustermann", [(f"Link {i}", "https://example.org/") for i in
                                                       range(len(PASSING_URLS))])
    build(clean, tmp / "clean-site", origin + "/")
    project = copy_site_project(tmp / "hostile")
    written = fill_with_payloads(project)
    build(project, tmp / "hostile-site", origin + "/")
    httpd.RequestHandlerClass = functools.partial(PagesHandler, directory=str(tmp / "hostile-site"))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield Sites(tmp / "clean-site", tmp / "hostile-site", written, origin)
    httpd.shutdown()


EVENT = re.compile(r"^on", re.IGNORECASE)
SCRIPT_SCHEME = re.compile(r"^(javascript|data|vbscript):", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "srcset"}
EMBEDDING = {"iframe", "frame", "frameset", "object", "embed", "applet", "base"}


@dataclass
class PageFacts:
    scripts: list[tuple] = field(default_factory=list)  # (src, type, id) of every script element
    events: set[tuple] = field(default_factory=set)  # (tag, attribute) of on* attributes
    script_urls: set[tuple] = field(default_factory=set)  # (tag, attribute, value)
    embedding: list[str] = field(default_factory=list)
    refresh: list[dict] = field(default_factory=list)  # <meta http-equiv>
    tags: set[str] = field(default_factory=set)


def facts(path: Path) -> tuple[PageFacts, Scan]:
    scan = Scan()
    scan.feed(path.read_text(encoding="utf-8"))
    scan.close()
    found = PageFacts()
    for tag, attrs in scan.elements:
        found.tags.add(tag)
        if tag == "script":
            found.scripts.append((attrs.get("src"), attrs.get("type"), attrs.get("id")))
        if tag in EMBEDDING:
            found.embedding.append(tag)
        if tag == "meta" and "http-equiv" in attrs:
            found.refresh.append(attrs)
        for name, value in attrs.items():
            if EVENT.match(name):
                found.events.add((tag, name))
            # Browsers drop whitespace and control characters in a scheme; so does this test.
            if name in URL_ATTRIBUTES and value and SCRIPT_SCHEME.match(re.sub(r"[\x00-\x20]", "", value)):
                found.script_urls.add((tag, name, value))
    return found, scan


def html_files(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def test_hostile_site_has_no_script_or_event_handler_the_clean_one_lacks(sites):
    files = html_files(sites.hostile)
    assert files == html_files(sites.clean) and len(files) == 37
    for name in files:
        hostile, _ = facts(sites.hostile / name)
        clean, _ = facts(sites.clean / name)
        assert hostile.scripts == clean.scripts, name
        assert hostile.events <= clean.events, name
        assert hostile.script_urls <= clean.script_urls, name
        assert hostile.embedding == [] and hostile.refresh == [], name
        assert hostile.tags <= clean.tags, (name, hostile.tags - clean.tags)


class _Visible(HTMLParser):
    """What a reader meets: text outside script and style, and the attributes read out or shown."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.texts: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []  # (tag with its classes, attribute, value)

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        element = " ".join([tag] + (dict(attrs).get("class") or "").split())
        for name, value in attrs:
            if name in ("aria-label", "title", "placeholder", "alt", "content") and value:
                self.attributes.append((element, name, value))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.texts.append(data)


def read_visible(path: Path) -> _Visible:
    reader = _Visible()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return reader


def language_of(name: str) -> str:
    first = name.split("/")[0]
    return first if first in ("en", "hsb") else "de"


def test_every_payload_is_shown_as_written_in_every_language(sites):
    shown: dict[str, str] = {"de": "", "en": "", "hsb": ""}
    for name in html_files(sites.hostile):
        reader = read_visible(sites.hostile / name)
        shown[language_of(name)] += " ¶ " + collapse("".join(reader.texts)) + " ¶ " + " ¶ ".join(
            collapse(value) for _, _, value in reader.attributes)
    for code, text in shown.items():
        for payload in PASSING_TEXTS:
            assert collapse(plain_text(payload.text)) in text, (code, payload.name)
        assert collapse(NASTY) in text, code
    assert collapse(NASTY_CONTACT) in shown["de"]


def expected(text: str) -> str:
    return collapse(plain_text(text))


def test_the_theme_prints_each_text_once_escaped_at_each_of_its_sinks(sites):
    written = sites.written
    for code, prefix in (("de", ""), ("en", "en/"), ("hsb", "hsb/")):
        site_name = expected(written.text(code, "site.yaml", "site_name"))
        home = read_visible(sites.hostile / prefix / "index.html")
        attributes = {}
        for element, name, value in home.attributes:
            attributes.setdefault((element.split()[0], name), []).append(value)
            attributes.setdefault((element, name), []).append(value)
        # Material writes the site name with `| e` in one attribute and without in the other: once escaped both.
        assert attributes[("a md-header__button md-logo", "title")] == [site_name]
        assert attributes[("a md-header__button md-logo", "aria-label")] == [site_name]
        assert expected(written.text(code, "site.yaml", "site_description")) in attributes[("meta", "content")]
        assert attributes[("input", "placeholder")] == [expected(written.text(code, "theme.yaml", "strings",
                                                                              "search.placeholder"))]
        assert expected(written.text(code, "theme.yaml", "strings", "search")) in attributes[("nav", "aria-label")]
        text = collapse("".join(home.texts))
        assert f"{expected(written.text(code, 'site.yaml', 'home', 'title'))} - {site_name}" in text  # <title>
        for label in ("home", "workshops", "faq"):
            assert expected(written.text(code, "site.yaml", "nav", label)) in text
        names = [collapse(value) for value in _switcher_names(sites.hostile / prefix / "index.html")]
        assert names == ["Deutsch"] + [collapse(name) for name in written.language_names.values()]
        not_found = read_visible(sites.hostile / prefix / "404.html")
        assert expected(written.text(code, "site.yaml", "not_found", "title")) in collapse("".join(not_found.texts))
        # Data for scripts: parsed as JSON, the texts as written; raw, no "<", ">" or "&" to end the element.
        faq = (sites.hostile / prefix / "faq" / "index.html").read_text(encoding="utf-8")
        scripts = _script_data(faq)
        assert not any("<" in data for data in scripts.values())  # nothing can end the element or open a comment
        assert not re.search("[<>&]", scripts["application/ld+json"] + scripts["__sitegen"])
        structured = json.loads(scripts["application/ld+json"])
        assert structured["mainEntity"][0]["name"] == expected(written.text(code, "faq.yaml", "questions", 0,
                                                                            "question"))
        config = json.loads(scripts["__config"])
        assert config["translations"]["search.result.term.missing"] == written.text(
            code, "theme.yaml", "strings", "search.result.term.missing")
        assert json.loads(scripts["__sitegen"])["labels"]["__search"] == written.text(code, "theme.yaml", "strings",
                                                                                      "search")


def test_links_keep_their_addresses(sites):
    _, scan = facts(sites.hostile / "workshops" / FIRST_WORKSHOP / "index.html")
    hrefs = [attrs["href"] for tag, attrs in scan.elements if tag == "a" and "href" in attrs]
    for url in PASSING_URLS:
        matching = [href for href in hrefs if unquote(href) == unquote(url)]
        assert matching, url
        assert not re.search(r"[\s\"<>\\^`{|}\[\]]", matching[0])
    assert "mailto:erika.o+test@example.org" in hrefs


class _Switcher(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.names: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and "md-select__link" in (dict(attrs).get("class") or ""):
            self.inside = True
            self.names.append("")

    def handle_endtag(self, tag):
        if tag == "a":
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.names[-1] += data


def _switcher_names(path: Path) -> list[str]:
    reader = _Switcher()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader.names


class _ScriptData(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.current: str | None = None
        self.data: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and attributes.get("type", "").startswith("application/"):
            self.current = attributes.get("id") or attributes["type"]
            self.data[self.current] = ""

    def handle_endtag(self, tag):
        self.current = None

    def handle_data(self, data):
        if self.current:
            self.data[self.current] += data


def _script_data(page: str) -> dict[str, str]:
    reader = _ScriptData()
    reader.feed(page)
    return reader.data


# --- 6. In a real browser, nothing runs ----------------------------------------------------------

TOUCH_EVERYTHING = """() => {
  for (const element of document.querySelectorAll("*")) {
    for (const type of ["mouseover", "mouseenter", "focus", "load", "error", "animationstart"]) {
      element.dispatchEvent(new Event(type, {bubbles: true}));
    }
  }
}"""


# The first German workshop has the contact and the links (add_contacts_and_links).
FIRST_WORKSHOP = sorted(path.stem for path in (REPOSITORY / "content/de/workshops").glob("*.yaml"))[0]


@pytest.mark.parametrize("path", ["", "en/", "hsb/", f"workshops/{FIRST_WORKSHOP}/", f"en/workshops/{FIRST_WORKSHOP}/",
                                  "en/faq/", "hsb/gibt-es-nicht/", "en/404.html"])
def test_hostile_pages_run_nothing_in_chromium(sites, chromium, path):
    page = chromium.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    response = page.goto(f"{sites.origin}/{path}", wait_until="networkidle")
    assert response.status == (404 if "gibt-es-nicht" in path else 200)
    page.evaluate(TOUCH_EVERYTHING)
    if response.status == 200 and "404" not in path:
        # The search prints some interface texts as HTML (innerHTML): the count, "more results" and
        # the missing terms of each result. One word every page has, and one no page has.
        page.keyboard.press("/")
        page.keyboard.type("config zzzqqq")
        page.wait_for_function("() => document.querySelectorAll('.md-search-result__terms').length > 0")
        page.evaluate(TOUCH_EVERYTHING)
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    if response.status == 404:  # the browser reports the missing page itself
        errors.remove("Failed to load resource: the server responded with a status of 404 (Not Found)")
    assert (dialogs, errors) == ([], [])
    page.close()


# --- 7. Addresses from outside the content ---------------------------------------------------------------

# The site's address (SITE_URL) and the base of the "edit this page" links (SITEGEN_EDIT_URL) come from the
# environment, not from content/. They are held to the rule of content links where they enter (the
# plugin's on_config; MkDocs itself refuses a site_url without a scheme or host, before that), and every
# address made of them is escaped where it is printed, so that one that got through would still run nothing.
OUTSIDE_VARIABLES = {
    "SITE_URL": ("SITE_URL (site_url in mkdocs.yml)", "https://owner.github.io/repository/"),
    "SITEGEN_EDIT_URL": ("SITEGEN_EDIT_URL (edit_url of the sitegen plugin in mkdocs.yml)",
                         "https://github.com/owner/repository/edit/main/"),
}
HOSTILE_ADDRESSES = [
    'https://example.org/" onmouseover="window.__pwned=1" x="',
    "https://example.org/><script>window.__pwned=1</script>",
    "https://example.org/' onmouseover='window.__pwned=1' x='",
    "https://example.org/a b",
    "javascript://example.org/%0Awindow.__pwned=1",
    "javascript:window.__pwned=1",
    "JavaScript:window.__pwned=1",
    "data:text/html,<script>window.__pwned=1</script>",
    "https:///werkstaetten/",
    "https://user:secret@example.org/",
    "https://example.org/\x07",
    "https://example.org\\@evil.example/",
    "https://example.org/?a=1",
]
# Valid, with what an address may hold: a port, percent-escapes, letters beyond ASCII, sub-delimiters.
UNUSUAL_ADDRESSES = {"SITE_URL": "http://127.0.0.1:8000/Werkstätten_(Lausitz)/~2027!$*+,;=:@x/",
                     "SITEGEN_EDIT_URL": "https://git.example.org:8443/~werk/st%C3%A4tten_(2027)/-/edit/main/"}
# With the check switched off: printed, each must still come out as text.
UNCHECKED_ADDRESSES = {
    "SITE_URL": "https://example.org/x\"><script>window.__pwned=1</script><p x='/",
    "SITEGEN_EDIT_URL": "https://github.com/x\"><script>window.__pwned=1</script><a x='/edit/main/",
}


@pytest.fixture(scope="module")
def refusing_project(tmp_path_factory) -> Path:
    return copy_site_project(tmp_path_factory.mktemp("refusing"))


@pytest.mark.parametrize("variable", OUTSIDE_VARIABLES)
@pytest.mark.parametrize("value", HOSTILE_ADDRESSES)
def test_outside_addresses_are_refused_where_they_enter(refusing_project, variable, value):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **{variable: value})
    result = subprocess.run([str(MKDOCS), "build", "--strict"], cwd=refusing_project, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    parts = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):(//([^/?#]*))?", value)
    if variable == "SITE_URL" and not (parts and parts.group(3)):
        # MkDocs' own check of site_url (a scheme and a host), which runs before any plugin.
        assert "Config value 'site_url': The URL isn't valid" in result.stderr, result.stderr
    else:
        name, example = OUTSIDE_VARIABLES[variable]
        assert re.search(rf"ERROR +- +{re.escape(name)} must be an http:// or https:// address with a host name, "
                         rf".*, not '{re.escape(one_line(value))}/?'; set it to e.g. {re.escape(example)}\n",
                         result.stderr), result.stderr
    # Refused before anything was rendered or built.
    assert not (refusing_project / "site").exists() and not (refusing_project / "docs" / ".sitegen").exists()


def test_sitegen_site_refuses_them_with_the_same_message(tmp_path):
    project = copy_site_project(tmp_path)
    value = HOSTILE_ADDRESSES[0]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=value)
    result = subprocess.run([str(MKDOCS.with_name("sitegen")), "site"], cwd=project, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "SITE_URL (site_url in mkdocs.yml) must be an http:// or https:// address" in result.stderr
    assert f"not '{value}/'; set it to e.g. https://owner.github.io/repository/" in result.stderr
    assert "site/ was left as it was" in result.stderr
    assert not (project / "site").exists()


def build_with_addresses(project: Path, addresses: dict[str, str], checked: bool = True) -> Path:
    """The real `mkdocs build --strict` with these addresses; with checked=False, in a process in which
    the plugin's check of them is switched off."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **addresses)
    command = [str(MKDOCS), "build", "--strict"]
    if not checked:
        command = [sys.executable, "-c", "import sys, sitegen.publish.mkdocs.plugin as plugin; "
                   "plugin.is_base_address = lambda value: True; from mkdocs.__main__ import cli; "
                   "sys.argv = ['mkdocs', 'build', '--strict']; cli()"]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def address_sites(tmp_path_factory) -> tuple[Path, Path]:
    """The site built with unusual valid addresses, and with hostile ones that were not checked."""
    tmp = tmp_path_factory.mktemp("addresses")
    (tmp / "unusual").mkdir()
    (tmp / "unchecked").mkdir()
    unusual = build_with_addresses(copy_site_project(tmp / "unusual"), UNUSUAL_ADDRESSES)
    unchecked = build_with_addresses(copy_site_project(tmp / "unchecked"), UNCHECKED_ADDRESSES, checked=False)
    return unusual, unchecked


def served_url(name: str) -> str:
    """The site-relative URL an HTML file of the site is served at."""
    return name[:-len("index.html")] if name.endswith("index.html") else name


def assert_addresses_printed_as_written(site: Path, addresses: dict[str, str]) -> int:
    """Each address made of SITE_URL and SITEGEN_EDIT_URL reads (HTML-decoded) as the address itself:
    escaped exactly once where it is printed. Returns how many were seen."""
    base, edit = addresses["SITE_URL"].rstrip("/") + "/", addresses["SITEGEN_EDIT_URL"]
    seen = 0
    for name in html_files(site):
        _, scan = facts(site / name)
        for tag, attrs in scan.elements:
            rel = attrs.get("rel") or ""
            if tag == "link" and rel == "canonical":
                assert attrs["href"] == base + served_url(name), name
                seen += 1
            elif tag == "link" and rel == "alternate" and not name.endswith("404.html"):
                assert attrs["href"].startswith(base) and attrs["href"][len(base):] in (
                    "", "en/", "hsb/") + tuple(served_url(other) for other in html_files(site)), (name, attrs)
                seen += 1
            elif tag == "a" and rel == "edit":
                assert re.fullmatch(re.escape(edit) + r"content/(de|en|hsb)/[a-z/-]+\.yaml", attrs["href"]), name
                seen += 1
            elif name.endswith("404.html") and attrs.get("href", attrs.get("src", "")).startswith("/"):
                assert attrs.get("href", attrs.get("src")).startswith(urlsplit(base).path), (name, attrs)
                seen += 1
    sitemap = ElementTree.parse(site / "sitemap.xml").getroot()
    locations = [element.text for element in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locations and all(location.startswith(base) for location in locations)
    return seen


def test_unusual_valid_addresses_are_accepted_and_printed_as_written(address_sites):
    unusual, _ = address_sites
    assert assert_addresses_printed_as_written(unusual, UNUSUAL_ADDRESSES) > 24 * 6


def normalized(page: PageFacts) -> PageFacts:
    """What a page runs, without the script addresses' paths, which differ with the site's path."""
    return dataclasses.replace(page, scripts=[(src and PurePosixPath(src).name, kind, name)
                                              for src, kind, name in page.scripts])


def test_unchecked_hostile_addresses_are_escaped_where_printed(address_sites):
    """Defense in depth: were the check of SITE_URL and SITEGEN_EDIT_URL gone, the addresses would be
    printed escaped, and run nothing."""
    unusual, unchecked = address_sites
    files = html_files(unchecked)
    assert files == html_files(unusual) and len(files) == 37
    for name in files:
        hostile, _ = facts(unchecked / name)
        clean, _ = facts(unusual / name)
        hostile, clean = normalized(hostile), normalized(clean)
        assert hostile.scripts == clean.scripts, name
        assert hostile.events <= clean.events, name
        assert hostile.script_urls <= clean.script_urls, name
        assert hostile.embedding == [] and hostile.refresh == [], name
        assert hostile.tags <= clean.tags, (name, hostile.tags - clean.tags)
    assert assert_addresses_printed_as_written(unchecked, UNCHECKED_ADDRESSES) > 24 * 6


SCOPE_OVERRIDE = "partials/javascripts/base.html"


def test_the_scope_script_differs_from_materials_only_in_its_escaping():
    """overrides/partials/javascripts/base.html replaces Material's: when Material changes the file,
    this test says so, and the override must follow."""
    ours = (REPOSITORY / "overrides" / SCOPE_OVERRIDE).read_text(encoding="utf-8")
    materials = (MATERIAL_TEMPLATES / SCOPE_OVERRIDE).read_text(encoding="utf-8")
    script = lambda text: text[text.index("<script>"):]  # noqa: E731 - after each file's comment
    assert script(ours) == script(materials).replace('"{{ config.extra.scope | d(base_url) }}"',
                                                     "{{ (config.extra.scope | d(base_url)) | tojson }}")
    assert script(ours) != script(materials)
