"""yamledit.set_texts: texts change in place, everything else stays byte for byte."""

from __future__ import annotations

import difflib
import random
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, REPOSITORY
from sitegen.translation.yamledit import EditError, set_texts

GERMAN_WORKSHOP = (FIXTURES / "minimal/content/de/workshops/beispiel.yaml").read_text(encoding="utf-8")
ENGLISH_WORKSHOP = (FIXTURES / "minimal/content/en/workshops/beispiel.yaml").read_text(encoding="utf-8")

# Texts that are hard to write in YAML: YAML 1.1 and 1.2 non-strings, indicators, comments, escapes.
TRICKY = [
    "yes", "No", "ON", "off", "y", "n", "true", "False", "~", "null", "NULL", "<<", "=",
    "1e3", "12", "-1.5", "+3", "0x1F", "0o17", "1_000", "1:20", "1.", ".5", ".inf", "-.Inf", ".NaN",
    "2027-03-15", "2027-3-5", "2027-03-15 10:00", "2027-03-15T10:00:00Z",
    "a: b", "a:b", "trailing:", "a #b", "a#b", "#x", "- x", "-x", "--- x", "? x", "?x", ": x",
    "'quoted'", "it's", '"dq"', 'say "hi"', "[a]", "{a}", "x, y", "&anchor", "*alias", "!tag", "|pipe",
    ">gt", "%pct", "@at", "`bt", "back\\slash", "tab\there", " leading", "trailing ", "two  spaces",
    "multi\nline", "line\n\nbreaks", "Budyšin [Budyšin]{lang=hsb} „Zitat“ – 100 %", "ünïcödé ✓ 𝄞",
    "sep\u2028arator", "nel\x85", "bom\ufeff", "bell\x07", "nbsp\u00a0", "\u00a0lead", "Ende.",
    "Eine Werkstatt, die jedes Feld benutzt.", "a" * 150, " ".join(["Wort"] * 60),
    " ".join(["Langeswortohneumbruch" * 6] * 3),
]


def load(text: str):
    return yaml.safe_load(text)


def untouched_lines_kept(before: str, after: str, paths, allowed: set[int] | None = None) -> None:
    """Every line of `before` that holds none of the changed values appears unchanged in `after`."""
    root = yaml.compose(before, Loader=yaml.SafeLoader)
    allowed = set(allowed or ())
    for path in paths:
        node = root
        for part in path:  # down to the value, or to the empty value (~) that a list replaces
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if k.value == part), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
            elif not isinstance(node, yaml.ScalarNode):
                node = None
            if node is None:
                break
        if isinstance(node, yaml.ScalarNode):
            last = before[:node.end_mark.index].rstrip().count("\n")
            allowed.update(range(node.start_mark.line, last + 1))
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            assert set(range(i1, i2)) <= allowed, f"untouched lines changed: {old[i1:i2]}"


def expect(before: str, values: dict) -> dict:
    data = (load(before) if before else None) or {}
    for path, value in values.items():
        node = data
        for part, following in zip(path, path[1:]):
            if isinstance(node, list) and part == len(node):
                node.append([] if isinstance(following, int) else {})
            elif isinstance(node, dict) and node.get(part) is None:
                node[part] = [] if isinstance(following, int) else {}
            node = node[part]
        if isinstance(node, list) and path[-1] == len(node):
            node.append(value)
        else:
            node[path[-1]] = value
    return data


def check(before: str, values: dict, template: str | None = GERMAN_WORKSHOP, allowed: set[int] | None = None) -> str:
    after = set_texts(before, values, template)
    assert load(after) == expect(before, values)
    untouched_lines_kept(before or "", after, values, allowed)
    return after


# --- changing existing texts ----------------------------------------------------------------------


def test_no_values_no_change():
    assert set_texts(ENGLISH_WORKSHOP, {}, GERMAN_WORKSHOP) == ENGLISH_WORKSHOP


def test_same_text_changes_nothing():
    assert set_texts(ENGLISH_WORKSHOP, {("title",): "Example workshop", ("goals", 1):
                                        "Second goal with *asterisks*, [brackets] & 3 < 4."}) == ENGLISH_WORKSHOP


def test_plain_stays_plain_and_only_its_line_changes():
    after = check(ENGLISH_WORKSHOP, {("focus_areas", 0, "text"): "A new text about the focus."})
    assert after == ENGLISH_WORKSHOP.replace("text: Text about the focus.", "text: A new text about the focus.")


def test_comment_after_a_value_is_kept():
    before = "title: Old  # keep me\nsummary: S\n"
    assert check(before, {("title",): "New"}, None) == "title: New  # keep me\nsummary: S\n"


@pytest.mark.parametrize("text", TRICKY)
@pytest.mark.parametrize("style", ["plain", "double", "single", "folded", "literal", "plain-lines", "double-lines",
                                   "folded-keep"])
def test_tricky_text_replaces_every_style(text, style):
    value = {"plain": "Old text", "double": '"Old text"', "single": "'Old text'",
             "folded": ">-\n    Old\n    text", "literal": "|-\n    Old text", "plain-lines": "Old\n    text",
             "double-lines": '"Old\n    text"', "folded-keep": ">+\n    Old\n\n"}[style]
    before = f"# header\ntitle: T\ngoals:\n  - {value}\n  - Keep me\nsummary: after\n"
    check(before, {("goals", 0): text}, None)


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_in_a_new_key_item_and_file(text):
    check(ENGLISH_WORKSHOP, {("focus_areas", 1, "text"): text})
    check(ENGLISH_WORKSHOP, {("goals", 2): text})
    check(ENGLISH_WORKSHOP, {("contacts", 0, "role"): text})
    check("", {("title",): text, ("goals", 0): text})
    check("title: T\ngoals: [a, b]\n", {("goals", 1): text}, None)  # a list written in [...]


@pytest.mark.parametrize("text", ["yes", "No", "on", "1e3", "2027-03-15", "~", "null", "12", "a: b", "a #b",
                                  "#x", "'q'", '"q"', "- x", "[a]", "&a", "*a", "!a", "%a", "@a", "true"])
def test_texts_a_reader_could_take_for_something_else_are_quoted(text):
    after = set_texts("title: Old\n", {("title",): text})
    assert after.startswith(('title: "', "title: '")), after
    assert load(after) == {"title": text}


@pytest.mark.parametrize("text", ["Budyšin/Bautzen", "Zweites Ziel mit *Sternchen* und <b>Klammern</b>.",
                                  "(auf Deutsch)", "100 %", "a:b", "-x", "Ende."])
def test_safe_texts_stay_plain(text):
    assert set_texts("title: Old\n", {("title",): text}) == f"title: {text}\n"


def test_quoted_stays_quoted():
    assert set_texts('a: "Old"\n', {("a",): "New"}) == 'a: "New"\n'
    assert set_texts("a: 'Old'\n", {("a",): "it's"}) == "a: 'it''s'\n"


def test_folded_block_keeps_indentation_and_wraps_at_100_columns():
    before = ("summary: >-\n      Old text that\n      goes on.\n\ngoals:\n  - x\n")
    text = " ".join(f"word{i}" for i in range(60))
    after = check(before, {("summary",): text}, None)
    lines = after.splitlines()
    assert lines[0] == "summary: >-"
    body = lines[1:lines.index("goals:") - 1]
    assert len(body) > 2 and all(line.startswith("      w") for line in body)
    assert all(len(line) <= 100 for line in body)
    assert after.endswith("\n\ngoals:\n  - x\n")


def test_folded_block_in_a_list_and_with_comment():
    before = "intro:\n  - >-  # note\n    First\n    paragraph.\n  - Second\n"
    after = check(before, {("intro", 0): "New first paragraph."}, None)
    assert after == "intro:\n  - >-  # note\n    New first paragraph.\n  - Second\n"


def test_folded_block_becomes_double_quoted_when_it_cannot_fold():
    before = "summary: >-\n  Old\nnext: x\n"
    after = check(before, {("summary",): "line\nbreak"}, None)
    assert after == 'summary: "line\\nbreak"\nnext: x\n'


def test_literal_block_stays_literal():
    before = "text: |\n  one\n  two\nnext: x\n"
    assert check(before, {("text",): "three\nfour"}, None) == "text: |-\n  three\n  four\nnext: x\n"


def test_real_folded_scalar_of_the_content():
    path = REPOSITORY / "content/en/workshops/daseinsvorsorge-laendliche-entwicklung-smart-regions.yaml"
    before = path.read_text(encoding="utf-8")
    text = " ".join(["Projects that change the region for the better."] * 6)
    after = check(before, {("focus_areas", 0, "text"): text})
    start = after.index("    text: >-\n") + len("    text: >-\n")
    block = after[start:after.index("    items:", start)].splitlines()
    assert all(line.startswith("      P") or line.startswith("      ") for line in block)
    assert all(len(line) <= 100 for line in block)


# --- inserting what is missing ----------------------------------------------------------------


def test_missing_key_goes_where_the_german_file_has_it():
    before = "title: T\ngoals:\n  - G\ntopics:\n  - X\nreview: draft\n"
    after = check(before, {("summary",): "S", ("focus_areas", 0, "title"): "F", ("links", 0, "title"): "L"})
    assert after == ("title: T\nsummary: S\ngoals:\n  - G\nfocus_areas:\n  - title: F\ntopics:\n  - X\n"
                     "links:\n  - title: L\nreview: draft\n")


def test_missing_first_key_of_a_list_entry():
    before = "contacts:\n  - role: Head\n"
    template = "contacts:\n  - name: N\n    role: Leitung\n    extra: E\n"
    after = check(before, {("contacts", 0, "extra"): "New"}, template)
    assert after == "contacts:\n  - role: Head\n    extra: New\n"
    # A key that comes first takes the place after "- ": that one line moves, its text stays.
    template = "contacts:\n  - extra: E\n    role: Leitung\n"
    after = check(before, {("contacts", 0, "extra"): "New"}, template, allowed={1})
    assert after == "contacts:\n  - extra: New\n    role: Head\n"


def test_missing_list_entries_and_nested_mapping():
    after = check(ENGLISH_WORKSHOP, {("goals", 2): "Third goal.", ("focus_areas", 1, "text"): "T2",
                                     ("focus_areas", 1, "items", 0): "I1", ("focus_areas", 2, "title"): "F3",
                                     ("partners", 1, "text"): "Helps."})
    assert "  - Second goal with *asterisks*, [brackets] & 3 < 4.\n  - Third goal.\nfocus_areas:" in after
    assert ("  - title: Second focus\n    text: T2\n    items:\n      - I1\n  - title: F3\ntopics:") in after
    assert "  - name: Partner B\n    text: Helps.\ncontacts:" in after


def test_whole_file_in_german_order_and_style():
    values = {("goals", 0): "G1", ("title",): "Title", ("focus_areas", 0, "items", 0): "I",
              ("focus_areas", 0, "title"): "F", ("summary",): " ".join(["long"] * 19), ("goals", 1): "G2"}
    after = check(None, values)
    assert after == ("title: Title\nsummary: >-\n  " + " ".join(["long"] * 19) + "\ngoals:\n  - G1\n  - G2\n"
                     "focus_areas:\n  - title: F\n    items:\n      - I\n")


def test_theme_strings_are_written_in_quotes_like_the_german_file():
    template = (FIXTURES / "minimal/content/de/theme.yaml").read_text(encoding="utf-8")
    after = check(None, {("strings", "search.result.none"): "No result", ("strings", "action.edit"): "Edit"}, template)
    assert after == 'strings:\n  action.edit: "Edit"\n  search.result.none: "No result"\n'


def test_file_with_only_comments_gets_the_fields_after_them():
    assert check("# Kommentar\n", {("title",): "T"}, None) == "# Kommentar\ntitle: T\n"


def test_indentation_of_the_file_is_followed():
    before = "goals:\n- a\nfocus_areas:\n-   title: x\n"
    after = check(before, {("goals", 1): "b", ("topics", 0): "t"})
    assert after == "goals:\n- a\n- b\nfocus_areas:\n-   title: x\ntopics:\n- t\n"
    before = "nav:\n    home: Home\n"
    after = check(before, {("home", "title"): "Welcome"}, "nav:\n  home: x\nhome:\n  title: y\n")
    assert after == "nav:\n    home: Home\nhome:\n    title: Welcome\n"


def test_empty_values_are_filled_keeping_a_comment():
    before = "title: T\ntext:   # later\nitems: ~\nnext: x\n"
    after = check(before, {("text",): "Now", ("items", 0): "one"}, None)
    assert after == "title: T\ntext: Now # later\nitems:\n  - one\nnext: x\n"


def test_windows_line_endings_are_kept():
    before = "title: T\r\ngoals:\r\n  - a\r\n"
    after = set_texts(before, {("title",): "New", ("goals", 1): "b"}, None)
    assert after == "title: New\r\ngoals:\r\n  - a\r\n  - b\r\n"


def test_a_gap_in_a_list_is_refused():
    with pytest.raises(EditError) as error:
        set_texts(ENGLISH_WORKSHOP, {("goals", 3): "Fourth"}, GERMAN_WORKSHOP)
    assert error.value.path == ("goals", 3)
    assert "entry 3 of 'goals' has no text" in error.value.message


def test_wrong_structure_is_refused():
    with pytest.raises(EditError):
        set_texts("title:\n  - a\n", {("title",): "x"})
    with pytest.raises(EditError):
        set_texts("title: x\n", {("title", 0): "x"})
    with pytest.raises(EditError):
        set_texts("- a\n", {("title",): "x"})
    with pytest.raises(EditError):
        set_texts("a: {b: c}\n", {("a", "d"): "x"})
    with pytest.raises(EditError):
        set_texts("title: [unclosed\n", {("title",): "x"})


# --- property: random texts into every field of the real content ---------------------------------

ALPHABET = list("abcxyzÄöüßšćł ,.:-#'\"[]{}&*!|>%@`?~\\\t\n") + ["yes", "1e3", ": ", " #", "2027-03-15", "  "]


def _random_text(rng: random.Random) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 40)))


def _text_paths(data, path=()):
    if isinstance(data, str):
        yield path
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _text_paths(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _text_paths(value, path + (index,))


CONTENT = REPOSITORY / "content"
TRANSLATION_FILES = sorted(p.relative_to(CONTENT) for lang in ("en", "hsb") for p in (CONTENT / lang).rglob("*.yaml")
                           if p.name != "translated-from.yaml")


@pytest.mark.parametrize("relative", TRANSLATION_FILES, ids=str)
def test_random_texts_in_real_content_files(relative: Path):
    before = (CONTENT / relative).read_text(encoding="utf-8")
    german = (CONTENT / "de" / Path(*relative.parts[1:])).read_text(encoding="utf-8")
    paths = list(_text_paths(load(before)))
    rng = random.Random(str(relative))
    for _ in range(8):
        chosen = rng.sample(paths, min(len(paths), rng.randint(1, 6)))
        check(before, {p: _random_text(rng) for p in chosen}, german)
    # every single field once
    for p in paths:
        check(before, {p: f"{p[-1]} geändert: ja"}, german)
