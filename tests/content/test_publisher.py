"""The publisher's facts (content/de/publisher.yaml): nothing invented, every missing fact named at its line,
and no release while one is missing (`sitegen check --release`, the deploy workflow's step)."""

from __future__ import annotations

import re

import pytest

from conftest import REPOSITORY, sitegen, write
from sitegen.content.publisher import REQUIRED

FACTS = "content/de/publisher.yaml"


def facts_without(project, *names: str) -> str:
    """The fixture's complete facts with the top-level or nested fields `names` emptied (`address.city`)."""
    text = (project / FACTS).read_text(encoding="utf-8")
    for name in names:
        key = name.split(".")[-1]
        indent = "  " if "." in name else ""
        text, count = re.subn(rf"^{indent}{key}:.*$", f"{indent}{key}:", text, count=1, flags=re.MULTILINE)
        assert count == 1, name
    return text


def test_complete_facts_give_no_warning_and_pass_the_release_check(project):
    for args in (("check",), ("check", "--release")):
        result = sitegen(project, *args)
        assert result.returncode == 0, result.stderr
        assert "publisher" not in result.stderr


def test_each_missing_fact_is_named_at_its_line_and_blocks_the_release(project):
    write(project, FACTS, facts_without(project, "name", "address.city", "enforcement_body.url"))
    check = sitegen(project, "check")
    assert check.returncode == 0
    assert check.stderr.splitlines() == [
        f"{FACTS}:3:6: [warning] the publisher's name is missing; fill it in here once the publisher has given it "
        "(until then the site cannot be published: `sitegen check --release` fails)",
        f"{FACTS}:8:8: [warning] the city of the publisher's address is missing; fill it in here once the publisher "
        "has given it (until then the site cannot be published: `sitegen check --release` fails)",
        f"{FACTS}:21:7: [warning] the web address of the enforcement body is missing; fill it in here once the "
        "publisher has given it (until then the site cannot be published: `sitegen check --release` fails)",
    ]
    release = sitegen(project, "check", "--release")
    assert release.returncode == 1
    # The same messages, as errors.
    assert [line.replace("[warning] ", "") for line in check.stderr.splitlines()] == release.stderr.splitlines()[:-1]
    assert release.stderr.splitlines()[-1].startswith("3 errors found")


def test_a_fact_left_out_is_named_where_its_group_stands(project):
    text = (project / FACTS).read_text(encoding="utf-8").replace("  name: Max Mustermann\n", "  role: Pressestelle\n")
    write(project, FACTS, text)
    result = sitegen(project, "check")
    assert "content/de/publisher.yaml:13:3: [warning] who is responsible for the content (§ 18 MStV) is missing" \
        in result.stderr


def test_every_required_fact_is_checked(project):
    """The repository's own file, every field empty: one warning per required fact, each on its own line."""
    write(project, FACTS, (REPOSITORY / FACTS).read_text(encoding="utf-8"))
    result = sitegen(project, "check")
    lines = [line for line in result.stderr.splitlines() if "[warning]" in line]
    assert len(lines) == len(REQUIRED) == 14
    assert len({line.split(": ")[0] for line in lines}) == 14


def test_no_file_is_one_warning_and_blocks_the_release(project):
    (project / FACTS).unlink()
    result = sitegen(project, "check")
    assert result.returncode == 0
    assert result.stderr.startswith(f"{FACTS}: [warning] the file with the publisher's facts is missing")
    assert sitegen(project, "check", "--release").returncode == 1


@pytest.mark.parametrize("line,message", [
    ("email: kontakt(at)example.org", "the field 'email' is not valid"),
    ("postal_code: 1234", "must be text"),
    ("telefax: +49 1", "unknown field 'telefax'"),
])
def test_a_wrong_fact_is_an_error(project, line, message):
    text = (project / FACTS).read_text(encoding="utf-8")
    key = line.split(":")[0]
    text = re.sub(rf"^(\s*){key}:.*$", rf"\g<1>{line}", text, count=1, flags=re.MULTILINE) if key in text \
        else text + line + "\n"
    write(project, FACTS, text)
    result = sitegen(project, "check")
    assert result.returncode == 1
    assert message in result.stderr


def test_the_facts_live_only_in_the_german_folder(project):
    write(project, "content/en/publisher.yaml", (project / FACTS).read_text(encoding="utf-8"))
    result = sitegen(project, "check")
    assert result.returncode == 1
    assert "content/en/publisher.yaml: unexpected file" in result.stderr


def test_the_repository_invents_no_fact():
    """The real content holds every field, and no value: nobody has given the facts yet."""
    from sitegen.read.load import load_document
    document = load_document(REPOSITORY / FACTS, FACTS)

    def values(node):
        if isinstance(node, dict):
            for value in node.values():
                yield from values(value)
        else:
            yield node

    assert set(values(document.data)) == {None}
    assert {".".join(path) for path, _ in REQUIRED} <= {
        ".".join(str(part) for part in path) for path in document.locations}


def test_a_fact_with_an_unknown_language_mark_is_an_error(project):
    write(project, FACTS, (project / FACTS).read_text(encoding="utf-8").replace(
        "legal_form: Körperschaft des öffentlichen Rechts", 'legal_form: "[x]{lang=xx} GmbH"'))
    result = sitegen(project, "check")
    assert result.returncode == 1
    assert f"{FACTS}:4:13: 'xx' in {{lang=xx}} is not a known language code" in result.stderr


def test_no_measured_accessibility_results_blocks_the_release(project):
    (project / "content/accessibility-checks.json").unlink()
    check = sitegen(project, "check")
    assert check.returncode == 0
    assert check.stderr.startswith("content/accessibility-checks.json: [warning] the measured results of the "
                                   "accessibility checks are missing")
    assert sitegen(project, "check", "--release").returncode == 1
