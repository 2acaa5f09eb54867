"""argparse's own texts ("usage: ", "options", "the following arguments are required: %s" …) in sitegen's
language.

Works around: Python 3.11's argparse — it translates its texts with the names `_` and `ngettext` that it
imports from gettext when it is imported, that is through the process-wide gettext domain ("messages",
or whatever `gettext.textdomain` names), never through sitegen's catalogs; and nothing lets a program
hand a parser translations of its own. So `sitegen --help` and its usage errors stayed English in a
German sitegen. `install()` points argparse's two names at sitegen.core.messages, and the texts below
are listed so that Babel extracts them into sitegen's catalogs: exactly as Python 3.11's argparse.py
writes them, %-placeholders included (argparse fills them in itself, with %), for what sitegen's parser
can print. A text argparse has and this list lacks stays English; one listed that argparse no longer
uses is merely unused.
Upstream: by design; the argparse HOWTO ("Internationalization support", gh-54738) names the global
gettext domain as the way to translate argparse.
Delete when: argparse takes a translation function (or a gettext domain) per parser, or sitegen's command
line no longer uses argparse; then delete this module and its call in cli.main. On a Python upgrade,
compare the texts with that version's argparse.py (`grep -n "_(\\|ngettext" argparse.py`): later
versions have more of them (3.13, for instance, notices about deprecated options).
Test: tests/core/test_messages.py::test_argparse_still_has_every_text_sitegen_translates_for_it fails when
this Python's argparse.py no longer has a text listed here; tests/test_cli.py checks the English texts, and
the catalogs' tests that each one is translated.
"""

from __future__ import annotations

import argparse

from sitegen.core import messages
from sitegen.core.messages import N_, ngettext

# What argparse (Python 3.11) shows around the help and usage errors. argparse adds the ":" after a
# section title itself, and puts "%(prog)s: error: " in front of each error.
TEXTS = (
    # The help (-h, --help)
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    # Usage errors: the frame, and the one around a single argument ("argument --jobs: …")
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    # … what can be wrong with the command line
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
)


def _plurals(count: int) -> None:
    """Never called: marks argparse's texts with a plural for Babel, which extracts only ngettext calls as
    such. argparse asks for them with these very arguments."""
    ngettext("expected %s argument", "expected %s arguments", count)


def install() -> None:
    """Make argparse ask sitegen's catalogs for its texts, in the language chosen (messages.choose): for
    every parser made and every error reported from now on, in this process."""
    argparse._ = messages._
    argparse.ngettext = messages.ngettext
