"""The command line: the only place that prints and picks exit codes."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

from sitegen.output import outdirs
from sitegen import pipeline
from sitegen.translation import po
from sitegen.translation import report
from sitegen.translation import scaffold
from sitegen.read import schema
from sitegen.translation import mark_current as translate
from sitegen.output import schemas, write
from sitegen.content import publisher as publisher_facts
from sitegen.core import annotations, argparse_texts
from sitegen.core.errors import ContentError, display_path, one_line
from sitegen.core.urls import BASE_ADDRESS_RULE, is_base_address
from sitegen.core.messages import N_, UnknownMessageLanguage, _, choose, ngettext
# The site engine: MkDocs with Material (publish/mkdocs). The command line hands it to the pipeline; `sitegen site`
# runs MkDocs. Nothing here imports MkDocs itself, so the other commands start quickly.
from sitegen.publish.mkdocs.build import SiteBuildFailed, build_site
from sitegen.publish.mkdocs.engine import ENGINE
from sitegen.publish.mkdocs.theme_strings import PARTIALS_DIR

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2

# The help of each command (`sitegen COMMAND --help`): its summary (the first line, also shown by `sitegen --help`)
# and what it does. Kept here rather than in the functions' docstrings, which Babel cannot extract; translated
# when the parser is built (make_parser), after the language has been chosen.
COMMAND_HELP = {
    "check": N_("""\
Validate all content without writing anything.

Examples:  sitegen check
           sitegen check --strict      (unknown words are errors too, for release builds)
           sitegen check --release     (missing publisher facts are errors too: the deploy workflow)
Checks the structure of every file, that each translation is in its own language (not German
with a label in front, not a copy of the German text), and the spelling with aspell; words the
dictionary does not know are warnings. Prints every problem as `file:line:column: message` and
exits 1 if there is any error."""),
    "build": N_("""\
Validate all content and render the Markdown pages into docs/.

Example:  sitegen build
The pages of every language and the theme strings switch to the new version all at once (see
docs/.sitegen/); a failing or stopped build changes nothing. Files are rewritten only when their
text changed; pages that are no longer generated are removed."""),
    "site": N_("""\
Build the whole site into site/ with MkDocs; site/ is replaced only when the build succeeded.

Examples:  sitegen site              (what `make site` runs after `sitegen check`)
           sitegen site --jobs 1     (one `mkdocs build` for all languages, one after another)
Renders content/ into docs/ and builds it with `mkdocs build --strict` into a new folder beside
site/, then swaps it in for site/ in one step. A large site (64 pages per language or more, on
two cores or more) is built faster in parallel: each language by its own `mkdocs build`, all at
the same time (at most twice as many as there are cores), put together into the same site, byte
for byte, as one build makes. If any build fails (a warning in strict mode, a broken theme
file) or is stopped, site/ stays exactly as it was. MkDocs' messages are shown, each language's
when its build has ended.
Every site it builds holds a file .sitegen-site. Before anything runs, it refuses (exit 2) a
--site-dir whose replacement would lose anything but a site it built: the project folder or one
around it, content/, docs/ and the project's other folders, a link, a file, or a folder that
holds other files (outside the project: any folder that exists, unless sitegen built it)."""),
    "status": N_("""\
Show per language which translated fields are current, outdated or missing.

Examples:  sitegen status
           sitegen status --lang hsb --format markdown >> "$GITHUB_STEP_SUMMARY"
           sitegen status --format json
           sitegen status --fail-incomplete      (for release builds)
A field is `outdated` when its German text changed after it was translated, `missing` when the
translation has no text for it. Exits 1 with --fail-incomplete if any field is not current."""),
    "mark-current": N_("""\
Record that translations were brought up to date with today's German text.

Examples:  sitegen mark-current --lang en content/en/workshops/infrastruktur-mobilitaet.yaml
           sitegen mark-current --lang hsb content/hsb/faq.yaml --field "questions[2].answer"
           sitegen mark-current --lang en        (every translated field of the language)
Run it after you have translated or checked a text against the current German. Only fields that
have a translation are recorded; the fingerprints go into content/<lang>/translated-from.yaml."""),
    "export-po": N_("""\
Write the texts of one translation as gettext PO files, for Poedit, Weblate and similar tools.

Example:  sitegen export-po --lang hsb --out po/hsb
Writes one PO file per content file (site.po, faq.po, theme.po, workshops/<name>.po). In each
entry, msgid is the German text and msgstr the translation; msgctxt names the file and field,
`#:` the line of the German text. Outdated translations are marked fuzzy, missing ones are empty."""),
    "import-po": N_("""\
Read translated PO files back into the YAML files of one language.

Example:  sitegen import-po --lang hsb po/hsb
Every entry that is neither fuzzy nor empty is written into its field; only changed texts are
touched, the rest of each file stays byte for byte as it was. Imported fields whose German text
is still the exported one are recorded as current. Nothing is written if anything is wrong."""),
    "schema": N_("""\
Write the JSON Schemas of the content files into schema/, generated from the content models.

Examples:  sitegen schema            (after changing scripts/sitegen/model.py)
           sitegen schema --check    (exit 1 if the files in schema/ are out of date; for CI)
Each content file names its schema in its first line (`# yaml-language-server: $schema=…`), so
VS Code's YAML extension offers completion, German help and inline errors."""),
    "new": N_("""\
Create a new workshop: the German file, explained field by field, and a translation per language.

Examples:  sitegen new workshop energie-waerme --title "Energie und Wärme"
           sitegen new workshop energie-waerme      (the title is then a placeholder to replace)
The short name becomes the file name content/<lang>/workshops/<name>.yaml and the web address
/workshops/<name>/: lowercase letters a-z, digits and single hyphens between them. The German
file explains every field in German comments; required fields hold a text that says what
belongs there, optional ones are commented-out examples. Each translation starts empty
(`review: draft`), so its page shows the German text, marked as German. Nothing is
overwritten: if any of the files exists, nothing is written."""),
    "changes": N_("""\
Say what a change does to the site, compared with another version of the project (Markdown).

Example:  sitegen changes --base ../main >> "$GITHUB_STEP_SUMMARY"
Compares the content of this project with the content of the project in --base (a checkout of the
base branch, e.g. made with `git worktree add`): the pages that are new, changed or gone in each
language, with their addresses (below SITE_URL, if it is set); the translated fields that the change
makes outdated or missing, or brings up to date; and the problems `sitegen check` finds. Built
from the content of both versions, not from generated HTML. Prints the summary and exits 0 also
when the content has errors (the summary lists them); `sitegen check` is what fails a build."""),
    "clean": N_("""\
Remove what sitegen generated: the site, and the pages and theme strings it rendered.

Example:  sitegen clean      (what `make clean` runs)
Removes site/ and the staging folder beside it (.site.sitegen/) if sitegen built them (a site it
built holds a file .sitegen-site), the generations in docs/.sitegen/ and the links to them
(docs/<lang>, overrides/partials/languages). Whatever sitegen did not make is left as it is and
named, and the exit code is then 2. docs/assets/ and everything else stay."""),
}


def _paths(args: argparse.Namespace) -> pipeline.Paths:
    root = Path(args.root)
    if not root.is_dir():  # a command-line option: checked where it enters
        raise UsageError(_("--root '{root}' is not a folder; give the project folder, the one that holds "
                           "content/ (default: the current folder)").format(root=args.root))
    return pipeline.Paths.for_root(root)


def cmd_check(args: argparse.Namespace) -> int:
    """Validate all content without writing anything.

    Its help (`sitegen check --help`) is COMMAND_HELP["check"]."""
    paths = _paths(args)
    content = pipeline.check(paths, ENGINE)
    problems = content.warnings + pipeline.review(content, paths)
    # --strict: unknown words are errors; --release: so are missing publisher facts.
    strict = {"spelling"} if args.strict else set()
    strict |= {publisher_facts.KIND} if args.release else set()
    problems = [replace(problem, level="error") if problem.level == "warning" and problem.kind in strict
                else problem for problem in problems]
    if any(problem.level == "error" for problem in problems):
        raise ContentError(sorted(problems))
    warnings = sorted(problems)
    _print_warnings(warnings)
    files, languages = content.count_files(), len(content.languages)
    codes = ", ".join(language.code for language in content.languages)
    if warnings:
        print(ngettext("OK: {files} content files in {languages} languages ({codes}), no errors, {count} warning",
                       "OK: {files} content files in {languages} languages ({codes}), no errors, {count} warnings",
                       len(warnings)).format(files=files, languages=languages, codes=codes, count=len(warnings)))
    else:
        print(_("OK: {files} content files in {languages} languages ({codes}), no errors").format(
            files=files, languages=languages, codes=codes))
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    """Validate all content and render the Markdown pages into docs/.

    Its help (`sitegen build --help`) is COMMAND_HELP["build"]."""
    result = pipeline.build(_paths(args), ENGINE)
    _print_warnings(result.content.warnings)
    pages, theme = result.pages, result.theme
    print(_("Built {pages} pages into docs/ ({written} written, {unchanged} unchanged, {removed} removed) "
            "and {theme} theme language files").format(
                pages=len(pages.written) + len(pages.unchanged), written=len(pages.written),
                unchanged=len(pages.unchanged), removed=len(pages.removed),
                theme=len(theme.written) + len(theme.unchanged)))
    return EXIT_OK


def cmd_site(args: argparse.Namespace) -> int:
    """Build the whole site into site/ with MkDocs; site/ is replaced only when the build succeeded.

    Its help (`sitegen site --help`) is COMMAND_HELP["site"]."""
    paths = _paths(args)
    try:
        build_site(paths, args.site_dir, jobs=args.jobs, messages=sys.stderr)
    except outdirs.UnsafeOutput as error:
        raise UsageError(str(error)) from None
    except SiteBuildFailed as failure:
        print(f"sitegen: {failure}", file=sys.stderr)
        return EXIT_CONTENT
    print(_("Built the site into {folder}/").format(folder=args.site_dir.rstrip("/")))
    return EXIT_OK


def cmd_clean(args: argparse.Namespace) -> int:
    """Remove what sitegen generated: the site, and the pages and theme strings it rendered.

    Its help (`sitegen clean --help`) is COMMAND_HELP["clean"]."""
    paths = _paths(args)
    removed, left = [], []
    try:
        site = outdirs.check_output_folder(outdirs.DEFAULT_SITE, paths.root)
        removed += [display_path(path, paths.root) + "/" for path in write.remove_replaced(site)]
    except outdirs.UnsafeOutput as error:
        # TRANSLATORS: {folder} is site, {reason} why sitegen may not delete it
        left.append(_("left {folder}/ as it is: {reason}").format(folder=outdirs.DEFAULT_SITE, reason=error))
    links, foreign = write.unpublish(paths.docs / write.STORE, [paths.docs, (paths.theme / PARTIALS_DIR).parent],
                                     paths.root)
    removed += links
    left += foreign
    for message in left:
        print(f"sitegen: {message}", file=sys.stderr)
    print(_("Removed {paths}").format(paths=", ".join(removed)) if removed else
          _("Nothing to remove: sitegen has generated nothing here"))
    return EXIT_USAGE if left else EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    """Show per language which translated fields are current, outdated or missing.

    Its help (`sitegen status --help`) is COMMAND_HELP["status"]."""
    content = pipeline.check(_paths(args))
    langs = report.translation_languages(content, args.lang)
    _check_langs(content, args.lang)
    print({"text": report.as_text, "markdown": report.as_markdown, "json": report.as_json}[args.format](
        content, langs))
    if args.fail_incomplete and report.incomplete(content, langs):
        print("sitegen: " + _("{count} translated fields are outdated or missing").format(
            count=report.incomplete(content, langs)), file=sys.stderr)
        return EXIT_CONTENT
    return EXIT_OK


def cmd_mark_current(args: argparse.Namespace) -> int:
    """Record that translations were brought up to date with today's German text.

    Its help (`sitegen mark-current --help`) is COMMAND_HELP["mark-current"]."""
    paths = _paths(args)
    content = pipeline.check(paths)
    _check_langs(content, [args.lang])
    items = translate.resolve_items(content, args.lang, args.files, paths.root) if args.files else None
    count, changed = translate.mark_current(content, args.lang, items, args.field, paths.content)
    target = content.by_language[args.lang].records_path
    if changed:
        print(ngettext("Recorded {count} translated field as current", "Recorded {count} translated fields as current",
                       count).format(count=count))
    else:
        print(ngettext("Recorded {count} translated field as current; {file} was already up to date",
                       "Recorded {count} translated fields as current; {file} was already up to date",
                       count).format(count=count, file=target))
    return EXIT_OK


def cmd_export_po(args: argparse.Namespace) -> int:
    """Write the texts of one translation as gettext PO files, for Poedit, Weblate and similar tools.

    Its help (`sitegen export-po --help`) is COMMAND_HELP["export-po"]."""
    paths = _paths(args)
    content = pipeline.check(paths)
    _check_langs(content, [args.lang])
    try:
        written = po.export_po(content, args.lang, Path(args.out), paths.root)
    except po.OutFolderError as error:  # a command-line option, not the content: a usage error
        raise UsageError("; ".join(problem.format() for problem in error.problems)) from None
    print(_("Wrote {count} PO files for '{lang}' into {folder}").format(count=len(written), lang=args.lang,
                                                                           folder=args.out))
    return EXIT_OK


def cmd_import_po(args: argparse.Namespace) -> int:
    """Read translated PO files back into the YAML files of one language.

    Its help (`sitegen import-po --help`) is COMMAND_HELP["import-po"]."""
    paths = _paths(args)
    content = pipeline.check(paths)
    _check_langs(content, [args.lang])
    result = po.import_po(content, args.lang, Path(args.folder), paths.content, paths.root)
    _print_warnings(result.warnings)
    print(_("Imported '{lang}': {updated} texts written, {recorded} fields recorded as current, "
            "{unchanged} unchanged, {fuzzy} fuzzy and {empty} empty entries skipped; {files} files changed").format(
                lang=args.lang, updated=result.updated, recorded=result.recorded, unchanged=result.unchanged,
                fuzzy=result.skipped_fuzzy, empty=result.skipped_empty, files=len(result.written)))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    """Write the JSON Schemas of the content files into schema/, generated from the content models.

    Its help (`sitegen schema --help`) is COMMAND_HELP["schema"]."""
    folder = _paths(args).root / schema.SCHEMA_DIR
    if args.check:
        stale = schemas.stale_schemas(folder)
        if stale:
            print("sitegen: " + _("out of date in {folder}/: {files}; run `sitegen schema` and commit the "
                                  "result").format(folder=schema.SCHEMA_DIR, files=", ".join(stale)), file=sys.stderr)
            return EXIT_CONTENT
        print(_("OK: the {count} schemas in {folder}/ match the content models").format(
            count=len(schema.kinds()), folder=schema.SCHEMA_DIR))
        return EXIT_OK
    written, unchanged = schemas.write_schemas(folder)
    for leftover in schemas.stale_schemas(folder):
        (folder / leftover).unlink()
        print(_("Removed {folder}/{file}: no content file has that kind any more").format(
            folder=schema.SCHEMA_DIR, file=leftover))
    print(_("Wrote {count} schemas into {folder}/ ({unchanged} unchanged)").format(
        count=len(written), folder=schema.SCHEMA_DIR, unchanged=len(unchanged)))
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    """Create a new workshop: the German file, explained field by field, and a translation per language.

    Its help (`sitegen new --help`) is COMMAND_HELP["new"]."""
    paths = _paths(args)
    try:
        created = scaffold.new_workshop(paths.content, paths.root, args.slug, args.title)
    except scaffold.ScaffoldError as error:
        raise UsageError(str(error)) from None
    source, translations = created[0], created[1:]
    width = max(len(file.shown_path) for file in created)
    print(_("Created the workshop '{slug}':").format(slug=args.slug))
    # TRANSLATORS: shown after the path of the new German file; {language} is the name of the language ("German")
    print(f"  {source.shown_path:<{width}}  " + _("{language}: fill in the texts; the comments explain each "
                                                    "field").format(language=source.language_name))
    for file in translations:
        # TRANSLATORS: shown after the path of a new translation file; {language} is the name of its language
        print(f"  {file.shown_path:<{width}}  " + _("{language}: empty translation (draft); its page shows the "
                                                      "German text until translated").format(
                                                          language=file.language_name))
    print(_("Next steps:"))
    print("  1. " + _("Fill in {file}: replace the placeholder texts, and remove the \"# \" in front of the optional "
                      "fields you need.").format(file=source.shown_path))
    print("  2. " + _("Check the content: make check"))
    print("  3. " + _("Preview: make serve, then open {url}").format(url=scaffold.PREVIEW_URL + source.url))
    return EXIT_OK


def cmd_changes(args: argparse.Namespace) -> int:
    """Say what a change does to the site, compared with another version of the project.

    Its help (`sitegen changes --help`) is COMMAND_HELP["changes"]."""
    paths = _paths(args)
    base = Path(args.base)
    if not (base / "content").is_dir():  # a command-line option: checked where it enters
        raise UsageError(_("--base '{base}' is not a project folder (it has no content/ folder); give a checkout "
                           "of the version to compare with, e.g. one made with `git worktree add`").format(
                               base=one_line(args.base)))
    site_url = os.environ.get("SITE_URL") or None
    if site_url is not None and not is_base_address(site_url):
        raise UsageError(_("{name} {rule}, not '{shown}'; set it to e.g. {example}").format(
            name="SITE_URL", rule=_(BASE_ADDRESS_RULE), shown=one_line(site_url),
            example="https://owner.github.io/repository/"))
    try:
        before = pipeline.check(pipeline.Paths.for_root(base), ENGINE)
    except ContentError:
        before = None  # the base's problems are not this change's: its pages all count as new
    problems: list = []
    try:
        after = pipeline.check(paths, ENGINE)
        problems = after.warnings + pipeline.review(after, paths)
    except ContentError as error:
        after, problems = None, error.problems
    from sitegen.translation import changes  # renders pages: imported only for this command

    print(changes.as_markdown(changes.compare(before, after, problems, site_url)), end="")
    return EXIT_OK


def _check_langs(content, langs: list[str] | None) -> None:
    known = [language.code for language in content.languages[1:]]
    for lang in langs or []:
        if lang not in known:
            raise UsageError(_("'{lang}' is not a translation language; use one of {known}").format(
                lang=lang, known=", ".join(known)))


class UsageError(Exception):
    """A command line that cannot be carried out."""


def _print_warnings(warnings) -> None:
    for warning in warnings:
        print(warning.format(), file=sys.stderr)
    annotations.emit(warnings)



COMMANDS = {"check": cmd_check, "build": cmd_build, "site": cmd_site, "status": cmd_status,
            "mark-current": cmd_mark_current, "export-po": cmd_export_po, "import-po": cmd_import_po,
            "schema": cmd_schema, "new": cmd_new, "changes": cmd_changes, "clean": cmd_clean}


def _arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "check":
        parser.add_argument("--strict", action="store_true", help=_("treat unknown words as errors"))
        parser.add_argument("--release", action="store_true",
                            help=_("treat missing publisher facts as errors (before the site goes live)"))
    if name == "site":
        parser.add_argument("--site-dir", default="site", metavar=_("DIR"),
                            help=_("the folder to build the site into (default: site): a new folder, or one "
                                   "sitegen built before (it holds a .sitegen-site file)"))
        parser.add_argument("--jobs", type=_positive, default=None, metavar=_("N"),
                            help=_("languages built at the same time, each by its own mkdocs build (default: 1, one "
                                   "mkdocs build for all, for a small site or on one core; else all, up to twice "
                                   "the number of cores)"))
    if name == "status":
        parser.add_argument("--lang", action="append", metavar=_("LANG"),
                            help=_("only this language (repeatable)"))
        parser.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                            help=_("text (default), markdown for CI job summaries, json for tools"))
        parser.add_argument("--fail-incomplete", action="store_true",
                            help=_("exit 1 if any translated field is outdated or missing"))
    if name == "mark-current":
        parser.add_argument("--lang", required=True, metavar=_("LANG"),
                            help=_("the translation language, e.g. en or hsb"))
        parser.add_argument("--field", metavar=_("FIELD"),
                            help=_("only this field, e.g. goals[0] (as `sitegen status` names it)"))
        parser.add_argument("files", nargs="*", metavar=_("FILE"), help=_("translation files (default: all)"))
    if name == "export-po":
        parser.add_argument("--lang", required=True, metavar=_("LANG"),
                            help=_("the translation language, e.g. en or hsb"))
        parser.add_argument("--out", required=True, metavar=_("DIR"), help=_("folder for the PO files, e.g. po/hsb"))
    if name == "schema":
        parser.add_argument("--check", action="store_true",
                            help=_("write nothing; exit 1 if schema/ does not match the content models"))
    if name == "new":
        parser.add_argument("kind", choices=scaffold.KINDS, help=_("what to create: workshop"))
        parser.add_argument("slug", metavar=_("NAME"),
                            help=_("short name, e.g. energie-waerme: file name and web address"))
        parser.add_argument("--title", metavar=_("TITLE"),
                            help=_("the German title, e.g. \"Energie und Wärme\" (default: a placeholder)"))
    if name == "changes":
        parser.add_argument("--base", required=True, metavar=_("DIR"),
                            help=_("the project folder of the version to compare with, e.g. the base branch"))
    if name == "import-po":
        parser.add_argument("--lang", required=True, metavar=_("LANG"),
                            help=_("the translation language, e.g. en or hsb"))
        parser.add_argument("folder", metavar=_("DIR"), help=_("folder with the PO files, e.g. po/hsb"))


def _positive(text: str) -> int:
    """A whole number of at least 1 (an argparse type: its error is a usage error, exit 2)."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(_("expected a whole number of at least 1, not '{text}'").format(text=text))
    return number


def _description(text: str) -> str:
    """A command's help as argparse shows it: the lines after the summary indented by four spaces, as they
    were when the help was the function's docstring (RawDescriptionHelpFormatter keeps them as they are)."""
    summary, *lines = text.split("\n")
    return "\n".join([summary] + [f"    {line}" if line else line for line in lines]) + "\n    "


def make_parser() -> argparse.ArgumentParser:
    """The command line's parser, in the language chosen (build it after messages.choose)."""
    parser = argparse.ArgumentParser(
        prog="sitegen",
        description=_("Check and render the Werkstätten website content (content/*.yaml) into Markdown for MkDocs."),
    )
    parser.add_argument("--root", default=".", metavar=_("ROOT"),
                        help=_("project folder containing content/ and docs/ (default: .)"))
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"), required=True)
    for name in COMMANDS:
        text = _(COMMAND_HELP[name])
        _arguments(name, commands.add_parser(name, help=text.partition("\n")[0], description=_description(text),
                                             formatter_class=argparse.RawDescriptionHelpFormatter))
    return parser


class _RootOnly(argparse.ArgumentParser):
    """Reads --root alone, before the language of the messages is chosen; never prints or exits."""

    def error(self, message: str):
        raise argparse.ArgumentError(None, message)


def _root_given(argv: list[str] | None) -> str:
    """The --root of the command line, or "." (also when the command line is wrong: the parser says so later)."""
    parser = _RootOnly(add_help=False, exit_on_error=False)
    parser.add_argument("--root", default=".")
    try:
        return parser.parse_known_args(argv)[0].root
    except argparse.ArgumentError:
        return "."


def main(argv: list[str] | None = None) -> int:
    argparse_texts.install()
    # Under GitHub Actions, nothing sitegen prints may be read as a workflow command (core/annotations.py).
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = annotations.guard(sys.stdout), annotations.guard(sys.stderr)
    try:
        return _main(argv)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stdout, sys.stderr = streams


def _main(argv: list[str] | None) -> int:
    try:
        choose(Path(_root_given(argv)) / "content")
    except UnknownMessageLanguage as error:
        print(f"sitegen: {error}", file=sys.stderr)
        return EXIT_USAGE
    args = make_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except ContentError as error:
        for problem in error.problems:
            print(problem.format(), file=sys.stderr)
        count = sum(1 for p in error.problems if p.level == "error")
        print(ngettext("{count} error found; nothing was written. Fix the lines above and run the command again.",
                       "{count} errors found; nothing was written. Fix the lines above and run the command again.",
                       count).format(count=count), file=sys.stderr)
        annotations.emit(error.problems)
        return EXIT_CONTENT
    except UsageError as error:
        print(f"sitegen: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`sitegen status | head`): nothing to tell it
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.__stdout__.fileno())
        return EXIT_CONTENT
    except OSError as error:
        where = f"{one_line(str(error.filename))}: " if error.filename else ""
        print(f"sitegen: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_CONTENT
    except Exception as error:  # noqa: BLE001 - an editor must never see a traceback
        print("sitegen: " + _("internal error, please report it to the maintainers: {kind}: {error}").format(
            kind=type(error).__name__, error=error), file=sys.stderr)
        return EXIT_CONTENT
