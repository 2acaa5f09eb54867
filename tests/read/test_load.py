"""The YAML loader: line marks, and refusing what PyYAML would silently accept."""

from pathlib import Path

import pytest

from sitegen.core.errors import ContentError
from sitegen.read.load import load_document, parse_document


def problems(text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        parse_document(text, Path("x.yaml"), "content/de/workshops/x.yaml")
    return [p.format() for p in caught.value.problems]


def test_values_and_their_locations():
    document = parse_document("title: A\ngoals:\n  - one\n  - two\n", Path("x.yaml"), "x.yaml")
    assert document.data == {"title": "A", "goals": ["one", "two"]}
    assert document.location(("goals", 1)) == (4, 5)
    assert document.location(("goals",)) == (3, 3)
    # A path below a scalar falls back to the nearest known parent.
    assert document.location(("title", "nothing")) == (1, 8)


def test_duplicate_key_is_refused_at_its_second_place():
    assert problems("title: A\nsummary: B\ntitle: C\n") == [
        "content/de/workshops/x.yaml:3:1: the field 'title' appears twice (first on line 1); "
        "keep one and delete the other"
    ]


def test_nested_duplicate_key():
    text = "focus_areas:\n  - title: A\n    title: B\n"
    assert problems(text) == [
        "content/de/workshops/x.yaml:3:5: the field 'title' appears twice (first on line 2); "
        "keep one and delete the other"
    ]


def test_syntax_error_names_line_and_a_fix():
    assert problems("title: A\nsummary: das ist: falsch\n") == [
        "content/de/workshops/x.yaml:2:17: YAML syntax error: mapping values are not allowed in this context; "
        'a text containing ": " must be put in double quotes'
    ]


def test_tab_indentation():
    [message] = problems("title: A\ngoals:\n\t- one\n")
    assert message.startswith("content/de/workshops/x.yaml:3:1: YAML syntax error: ")
    assert message.endswith("indent with spaces, not tab characters")


def test_python_tag_is_refused_and_never_run():
    [message] = problems("title: !!python/object/apply:os.system ['echo hacked']\n")
    assert message == (
        "content/de/workshops/x.yaml:1:8: the tag tag:yaml.org,2002:python/object/apply:os.system "
        "is not allowed; remove it"
    )


def test_anchors_and_aliases_are_refused_at_the_first():
    text = "a: &x\n  - one\nb: *x\n"
    assert problems(text) == [
        "content/de/workshops/x.yaml:1:4: anchors and aliases (& and *) are not allowed; write the text out in full"
    ]
    assert problems("a: one\nb: *x\n") == [
        "content/de/workshops/x.yaml:2:4: anchors and aliases (& and *) are not allowed; write the text out in full"
    ]


def test_empty_file_has_no_data():
    assert parse_document("", Path("x.yaml"), "x.yaml").data is None
    assert parse_document("# only a comment\n", Path("x.yaml"), "x.yaml").data is None


def test_invalid_utf8(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"title: A\nsummary: \xfcber\n")
    with pytest.raises(ContentError) as caught:
        load_document(path, "content/de/workshops/x.yaml")
    assert [p.format() for p in caught.value.problems] == [
        "content/de/workshops/x.yaml:2: the file is not valid UTF-8 text; save it with UTF-8 encoding"
    ]


def test_scalars_keep_yaml_types_for_validation_to_judge():
    document = parse_document("a: yes\nb: 2027-03-15\nc: 12\nd: '12'\n", Path("x.yaml"), "x.yaml")
    assert document.data["a"] is True
    assert str(document.data["b"]) == "2027-03-15"
    assert document.data["c"] == 12
    assert document.data["d"] == "12"
