"""Plural forms in theme.yaml: exactly the forms CLDR gives the language, each with '#'."""

from sitegen.content.plurals import categories, category_table


def test_cldr_forms_of_the_site_languages():
    assert categories("de") == categories("en") == ("one", "other")
    assert categories("hsb") == categories("dsb") == ("one", "two", "few", "other")
    assert categories("xx-unknown") is None
    table = category_table("hsb")
    assert [table[n] for n in (0, 1, 2, 3, 4, 5, 11, 12, 101, 102, 103, 111)] == list("xotffxxxotfx")


def test_a_missing_or_surplus_form_is_named_at_its_line(project, run):
    theme = project / "content/hsb/theme.yaml"
    text = theme.read_text(encoding="utf-8")
    broken = text.replace('    two: "# pytanskej wuslědkaj"\n', "", 1)
    broken = broken.replace('    few: "# dalše pytanske wuslědki na tutej stronje"\n',
                            '    few: "# dalše pytanske wuslědki na tutej stronje"\n    many: "# wjele"\n', 1)
    theme.write_text(broken, encoding="utf-8")
    code, out, err = run("--root", str(project), "check")
    assert code == 1
    lines = broken.splitlines()
    result_line = lines.index("  search.result:") + 1
    many_line = next(n for n, line in enumerate(lines, 1) if line.startswith("    many:"))
    assert (f"content/hsb/theme.yaml:{result_line + 1}:5: Hornjoserbšćina has the plural forms one, two, few, "
            "other (CLDR); add two") in err
    assert f"content/hsb/theme.yaml:{many_line}:11: Hornjoserbšćina has no plural form 'many'" in err


def test_every_form_needs_the_number(project, run):
    theme = project / "content/de/theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace('one: "# Suchergebnis"', 'one: "ein Suchergebnis"'),
                     encoding="utf-8")
    code, out, err = run("--root", str(project), "check")
    assert code == 1 and "write '#' where the number goes" in err
