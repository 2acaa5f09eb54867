"""Character references in texts (core/inline.py): found by a set look-up, as one alternation of all names would."""

import re
from html.entities import html5

from hypothesis import given, settings, strategies as st

from sitegen.core.inline import foreign_markup

# The plain definition: every named reference HTML knows, longest first, and the numeric ones.
ALTERNATION = re.compile(r"&(?:#[0-9]+;|#[xX][0-9A-Fa-f]+;|(?:"
                         + "|".join(sorted((re.escape(name) for name in html5 if name.endswith(";")),
                                           key=len, reverse=True)) + "))")
PIECES = st.sampled_from(list("&;#xXamp0129ltgAEIzq .") + ["amp;", "&lt;", "&AElig;", "&#x1F;", "&#60;", "&foo;",
                                                            "&ampx;", "AT&T;", "&lt", "&#;"])


def test_named_and_numeric_references_are_refused_and_unknown_names_are_plain_text():
    for text in ("Tom &amp; Jerry", "3 &#60; 4", "&#x3C;", "&AElig;ra"):
        assert "character references" in foreign_markup(text), text
    for text in ("AT&T;", "&foo; und &ampx;", "Tom & Jerry", "&lt ohne Semikolon", "&#;"):
        assert foreign_markup(text) is None, text


@settings(max_examples=3000, deadline=None)
@given(st.lists(PIECES, max_size=16).map("".join))
def test_the_reference_found_is_the_one_the_whole_alternation_finds(text):
    expected = ALTERNATION.search(text)
    found = foreign_markup(text)  # the pieces hold nothing that another rule refuses (no <, [ or !)
    if expected is None:
        assert found is None
    else:
        assert "character references" in found and f"'{expected.group()}'" in found
