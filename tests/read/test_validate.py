"""Validation against the content models, with the exact messages an editor sees."""

from pathlib import Path

import pytest

from sitegen.core.errors import ContentError
from sitegen.read.load import parse_document
from sitegen.core.model import Faq, Workshop
from sitegen.read.validate import validate

SHOWN = "content/en/workshops/x.yaml"
VALID = """\
title: Infrastructure and mobility
summary: Short text.
goals:
  - One goal.
"""


def messages(text: str, model=Workshop) -> list[str]:
    document = parse_document(text, Path("x.yaml"), SHOWN)
    with pytest.raises(ContentError) as caught:
        validate(document, model)
    return [p.format() for p in caught.value.problems]


def test_valid_minimal_workshop():
    workshop = validate(parse_document(VALID, Path("x.yaml"), SHOWN), Workshop)
    assert workshop.title == "Infrastructure and mobility"
    assert workshop.focus_areas == []


def test_unknown_field_suggests_the_nearest_name():
    text = VALID.replace("title:", "titel:")
    assert messages(text) == [
        f"{SHOWN}:1:1: the required field 'title' is missing; add it",
        f"{SHOWN}:1:8: unknown field 'titel'; did you mean 'title'?",
    ]


def test_unknown_nested_field_suggests_within_its_own_type():
    text = VALID + "focus_areas:\n  - title: A\n    txt: B\n"
    assert messages(text) == [f"{SHOWN}:7:10: unknown field 'txt'; did you mean 'text'?"]


def test_unknown_field_without_close_match_lists_the_valid_ones():
    text = VALID + "partners:\n  - name: A\n    colour: red\n"
    assert messages(text) == [f"{SHOWN}:7:13: unknown field 'colour'; valid fields here: name, text"]


def test_missing_required_field():
    assert messages("title: A\ngoals:\n  - B\n") == [f"{SHOWN}:1:1: the required field 'summary' is missing; add it"]


def test_missing_field_in_a_list_entry():
    text = VALID + "focus_areas:\n  - text: B\n"
    assert messages(text) == [
        f"{SHOWN}:6:5: the required field 'title' is missing in 'focus_areas' entry 1; add it"
    ]


def test_number_where_text_is_expected():
    assert messages(VALID.replace("Short text.", "12")) == [
        f'{SHOWN}:2:10: the field \'summary\' must be text, but it is the number 12; put it in double quotes: "12"'
    ]


def test_yes_no_value_in_a_list_of_texts():
    assert messages(VALID + "topics:\n  - no\n") == [
        f'{SHOWN}:6:5: entry 1 of \'topics\' must be text, but YAML reads no as the yes/no value false; put it in '
        'double quotes: "no"'
    ]


def test_text_where_a_list_is_expected():
    text = VALID.replace("goals:\n  - One goal.\n", "goals: One goal.\n")
    assert messages(text) == [
        f"{SHOWN}:3:8: the field 'goals' must be a list with one `- ` line per entry, but it is 'One goal.'"
    ]


def test_empty_list_and_empty_text():
    text = "title: ''\nsummary: S\ngoals: []\n"
    assert messages(text) == [
        f"{SHOWN}:1:8: the field 'title' is empty; write a text or delete the field",
        f"{SHOWN}:3:8: the field 'goals' needs at least one entry",
    ]


def test_wrong_top_level_type():
    assert messages("- a\n- b\n") == [
        f"{SHOWN}:1:1: expected fields like `title: …` at the top level, but it holds a list"
    ]
    assert messages("") == [f"{SHOWN}:1:1: expected fields like `title: …` at the top level, but the file is empty"]


def test_bad_url_date_and_review_state():
    text = VALID + (
        "links:\n  - title: A\n    url: example.org\n"
        "meetings:\n  - date: soon\n    title: B\n"
        "review: done\n"
    )
    assert messages(text) == [
        f"{SHOWN}:7:10: the field 'url' is not valid ('example.org'): a link must start with https:// "
        "(or http://) and a host name, like https://example.org/page, or be mailto: with an e-mail address; "
        "it may not contain spaces or the characters \" < > \\ ^ ` { | }",
        f"{SHOWN}:9:11: the field 'date' must be a date like 2027-03-15, not 'soon'",
        f"{SHOWN}:11:9: the field 'review' must be one of 'draft' or 'reviewed', not 'done'",
    ]


def test_see_also_must_be_a_slug():
    text = "title: F\nquestions:\n  - question: Q\n    answer: A\n    see_also:\n      - Not A Slug\n"
    assert messages(text, Faq) == [
        f"{SHOWN}:6:9: entry 1 of 'see_also' is not valid ('Not A Slug'): use the short name of a workshop: "
        "lowercase letters a-z, digits and hyphens"
    ]
