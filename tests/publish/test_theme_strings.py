"""Material's interface strings: every key is in content/, and the generated partials work in Jinja."""

import json
from pathlib import Path

import jinja2
import material

from sitegen.content.tree import load_content
from sitegen.core.model import THEME_STRING_KEYS
from sitegen.publish.mkdocs.theme_strings import render_language_partials

from conftest import REPOSITORY

MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"
SETTINGS = {"language", "direction", "search.config.lang", "search.config.pipeline", "search.config.separator"}
# Counts come from content/<lang>/theme.yaml `plurals`, in every plural form of the language.
COUNTS = {"search.result.one", "search.result.other", "search.result.more.one", "search.result.more.other"}


def material_strings(code: str) -> dict[str, str]:
    text = (MATERIAL_LANGUAGES / f"{code}.html").read_text(encoding="utf-8")
    return json.loads(text[text.index("{{ {") + 3: text.index("}[key]") + 1])


def test_the_model_knows_every_key_of_the_installed_material():
    assert set(THEME_STRING_KEYS) == set(material_strings("en")) - SETTINGS - COUNTS


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


def test_count_strings_give_material_the_form_of_one_and_sitegen_js_every_form():
    content = load_content(REPOSITORY / "content", REPOSITORY)
    partials = render_language_partials(content)
    env = jinja2.Environment(loader=jinja2.DictLoader(partials), undefined=jinja2.StrictUndefined)
    hsb = env.get_template("partials/languages/hsb.html").module
    assert hsb.t("search.result.one") == "1 pytanski wuslědk"
    assert hsb.t("search.result.other") == "#"  # sitegen.js writes the form for the number
    search = json.loads(hsb.t("sitegen.search"))
    assert search["forms"]["search.result"] == {"one": "# pytanski wuslědk", "two": "# pytanskej wuslědkaj",
                                                "few": "# pytanske wuslědki", "other": "# pytanskich wuslědkow"}
    # CLDR hsb: one for 1, 101, 201 …; two for 2, 102 …; few for 3, 4, 103, 104 …; other for the rest
    assert search["plural"][:6] == "xotffx" and search["plural"][101:106] == "otffx"
    assert search["plural"][11:15] == "xxxx" and len(search["plural"]) == 1000
    de = env.get_template("partials/languages/de.html").module
    assert de.t("search.result.one") == "1 Suchergebnis"
    assert set(json.loads(de.t("sitegen.search"))["plural"]) == {"o", "x"}
