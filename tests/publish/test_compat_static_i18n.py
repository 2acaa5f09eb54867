"""The one workaround for mkdocs-static-i18n: three-letter language codes."""

import re

import pytest
from mkdocs.config.base import ValidationError
from mkdocs_static_i18n import config as i18n_config
from mkdocs_static_i18n import folder as i18n_folder

from sitegen.publish.mkdocs.upstream import static_i18n_three_letter_locales as static_i18n_locale


@pytest.fixture
def pristine_locale_check(monkeypatch):
    """The plugin's validator as released, whatever earlier tests did."""
    monkeypatch.setattr(i18n_config, "RE_LOCALE", i18n_folder.RE_LOCALE)
    return i18n_config.Locale(str)


def test_the_released_plugin_still_rejects_hsb(pristine_locale_check):
    # When this fails, upstream accepts three-letter codes: delete
    # sitegen/publish/mkdocs/upstream/static_i18n_three_letter_locales.py, its call in
    # sitegen.publish.mkdocs.config.i18n_languages, and this test file (publish/UPGRADING.md).
    with pytest.raises(ValidationError):
        pristine_locale_check.validate("hsb")


def test_the_workaround_accepts_three_letter_codes(pristine_locale_check):
    static_i18n_locale.allow_three_letter_locales()
    for code in ("hsb", "dsb", "de", "en", "de-DE", "pt_BR"):
        assert pristine_locale_check.validate(code) == code
    for code in ("HSB", "deutsch", "d", "hsb/"):
        with pytest.raises(ValidationError):
            pristine_locale_check.validate(code)


def test_folder_guessing_keeps_the_two_letter_rule():
    # Asset folders like css/ or img/ must never be taken for language folders.
    static_i18n_locale.allow_three_letter_locales()
    assert i18n_folder.RE_LOCALE.match("css") is None
    assert isinstance(i18n_folder.RE_LOCALE, re.Pattern)
