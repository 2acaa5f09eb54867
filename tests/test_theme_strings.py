"""Material's interface strings: every key is in content/, and the generated partials work in Jinja."""

import json
from pathlib import Path

import jinja2
import material

from sitegen.content import load_content
from sitegen.model import THEME_STRING_KEYS
from sitegen.theme_material import render_language_partials

from conftest import REPOSITORY

MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"
SETTINGS = {"language", "direction", "search.config.lang", "search.config.pipeline", "search.config.separator"}


def material_strings(code: str) -> dict[str, str]:
    text = (MATERIAL_LANGUAGES / f"{code}.html").read_text(encoding="utf-8")
    return json.loads(text[text.index("{{ {") + 3: text.index("}[key]") + 1])


def test_the_model_knows_every_key_of_the_installed_material():
    assert set(THEME_STRING_KEYS) == set(material_strings("en")) - SETTINGS


def test_material_still_has_no_upper_sorbian():
    # If this fails, Material ships hsb strings now: compare them with content/hsb/theme.yaml.
    assert not (MATERIAL_LANGUAGES / "hsb.html").exists()


def test_generated_partials_answer_every_key_from_content():
    content = load_content(REPOSITORY / "content", REPOSITORY)
    partials = render_language_partials(content)
    env = jinja2.Environment(loader=jinja2.DictLoader(partials), undefined=jinja2.StrictUndefined)
    for language in content.languages:
        module = env.get_template(f"partials/languages/{language.code}.html").module
        strings = content.by_language[language.code].theme.strings.model_dump(by_alias=True)
        assert {key: module.t(key) for key in THEME_STRING_KEYS} == strings
        assert module.t("language") == language.code
        assert module.t("direction") == "ltr"
        assert module.t("sitegen.not_found.title") == content.by_language[language.code].site.not_found.title
    hsb = env.get_template("partials/languages/hsb.html").module
    assert hsb.t("search.placeholder") != material_strings("en")["search.placeholder"]
