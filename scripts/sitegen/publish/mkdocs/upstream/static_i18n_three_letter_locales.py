"""Let mkdocs-static-i18n accept three-letter language codes such as `hsb` and `dsb`.

Works around: mkdocs-static-i18n 1.3.1 — it validates `languages[].locale` against a regular expression
that allows only ISO 639-1 two-letter codes, so Upper Sorbian (`hsb`, ISO 639-2/3, no two-letter code
exists) is rejected as a configuration error.
Upstream: https://github.com/ultrabug/mkdocs-static-i18n/pull/348 (widens the expression).
Delete when: a release with it is pinned; then delete this module, its call in config.py
(`i18n_languages`), its use in bench/run.py, and tests/publish/test_compat_static_i18n.py.
Test: tests/publish/test_compat_static_i18n.py::test_the_released_plugin_still_rejects_hsb
fails once upstream has fixed it.

Only the validator's expression is widened. `mkdocs_static_i18n.folder` imported the original
expression by name to guess undeclared language folders; that copy is left alone, so that
asset folders with three-letter names (css, img) are never mistaken for languages.
"""

from __future__ import annotations

import re

from mkdocs_static_i18n import config as i18n_config

# The upstream expression with {2} widened to {2,3}.
THREE_LETTER_LOCALE = re.compile(r"(^[a-z]{2,3}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2,3}_[A-Z]{2}$)")


def allow_three_letter_locales() -> None:
    """Widen the plugin's locale check; idempotent."""
    i18n_config.RE_LOCALE = THREE_LETTER_LOCALE
