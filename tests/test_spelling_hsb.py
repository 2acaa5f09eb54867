"""Every Upper Sorbian word a reader sees is known to Debian's aspell-hsb or listed in the project word list."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

REPOSITORY = Path(__file__).parent.parent
CONTENT = REPOSITORY / "content" / "hsb"
NOT_PROSE = {"see_also", "review"}  # slugs and states are not words
ADDRESS = re.compile(r"^(\S+@\S+|https?://\S+)$")


def reader_text(value, key=None):
    if key in NOT_PROSE:
        return
    if isinstance(value, str):
        if not ADDRESS.match(value):
            yield value
    elif isinstance(value, dict):
        for child_key, child in value.items():
            yield from reader_text(child, child_key)
    elif isinstance(value, list):
        for child in value:
            yield from reader_text(child, key)


def unknown_words(texts: list[str]) -> list[str]:
    result = subprocess.run(
        ["aspell", "-d", "hsb", "--encoding=utf-8", "list"],
        input="\n".join(texts), capture_output=True, text=True, check=True,
    )
    return result.stdout.split()


def word_list() -> set[str]:
    lines = (CONTENT / "wordlist.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip().lower() for line in lines if line.strip() and not line.startswith("#")}


@pytest.fixture(scope="module")
def hsb_texts() -> list[str]:
    if shutil.which("aspell") is None:
        pytest.fail("aspell is not installed; `make test` installs aspell and aspell-hsb")
    texts = []
    for path in sorted(CONTENT.rglob("*.yaml")):
        texts += list(reader_text(yaml.safe_load(path.read_text(encoding="utf-8"))))
    return texts


def test_the_dictionary_is_really_used():
    # A misspelt word must be reported, or the test below proves nothing.
    assert unknown_words(["Dźěłarnja wuwiwa zhromadne zrozumjenje", "Dźěłarnja wuwiwaa"]) == ["wuwiwaa"]


def test_every_hsb_word_is_known_or_listed(hsb_texts):
    unknown = sorted({word for word in unknown_words(hsb_texts) if word.lower() not in word_list()})
    assert unknown == [], f"unknown Upper Sorbian words; fix them or add them to {CONTENT / 'wordlist.txt'}"


def test_the_word_list_holds_no_stale_entries(hsb_texts):
    used = {word.lower() for word in unknown_words(hsb_texts)}
    assert sorted(word_list() - used) == []
