"""The command line: the only place that prints and picks exit codes."""

from __future__ import annotations

import argparse
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
from sitegen.core.errors import ContentError, display_path
# The site engine: MkDocs with Material (publish/mkdocs). The command line hands it to the pipeline; `sitegen site`
# runs MkDocs. Nothing here imports MkDocs itself, so the other commands start quickly.
from sitegen.publish.mkdocs.build import SiteBuildFailed, build_site
from sitegen.publish.mkdocs.engine import ENGINE
from sitegen.publish.mkdocs.theme_strings import PARTIALS_DIR

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _paths(args: argparse.Namespace) -> pipeline.Paths:
    root = Path(args.root)
    if not root.is_dir():  # a command-line option: checked where it enters
        raise UsageError(f"--root '{args.root}' is not a folder; give the project folder, the one that holds "
                         "content/ (default: the current folder)")
    return pipeline.Paths.for_root(root)


def cmd_check(args: argparse.Namespace) -> int:
    """Validate all content without writing anything.

    Examples:  sitegen check
               sitegen check --strict      (unknown words are errors too, for release builds)
    Checks the structure of every file, that each translation is in its own language (not German
    with a label in front, not a copy of the German text), and the spelling with aspell; words the
    dictionary does not know are warnings. Prints every problem as `file:line:column: message` and
    exits 1 if there is any error.
    """
    paths = _paths(args)
    content = pipeline.check(paths, ENGINE)
    problems = pipeline.review(content, paths)
    if args.strict:
        problems = [replace(problem, level="error") if problem.level == "warning" and problem.kind == "spelling"
                    else problem for problem in problems]
    errors = [problem for problem in problems if problem.level == "error"]
    if errors:
        raise ContentError(sorted(errors + content.warnings + [p for p in problems if p.level != "error"]))
    warnings = sorted(content.warnings + problems)
    _print_warnings(warnings)
    print(f"OK: {content.count_files()} content files in {len(content.languages)} languages "
          f"({', '.join(language.code for language in content.languages)}), no errors"
          + (f", {len(warnings)} warning{'s' if len(warnings) != 1 else ''}" if warnings else ""))
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    """Validate all content and render the Markdown pages into docs/.

    Example:  sitegen build
    The pages of every language and the theme strings switch to the new version all at once (see
    docs/.sitegen/); a failing or stopped build changes nothing. Files are rewritten only when their
    text changed; pages that are no longer generated are removed.
    """
    result = pipeline.build(_paths(args), ENGINE)
    _print_warnings(result.content.warnings)
    pages, theme = result.pages, result.theme
    print(f"Built {len(pages.written) + len(pages.unchanged)} pages into docs/ "
          f"({len(pages.written)} written, {len(pages.unchanged)} unchanged, {len(pages.removed)} removed) "
          f"and {len(theme.written) + len(theme.unchanged)} theme language files")
    return EXIT_OK


def cmd_site(args: argparse.Namespace) -> int:
    """Build the whole site into site/ with MkDocs; site/ is replaced only when the build succeeded.

    Examples:  sitegen site              (what `make site` runs after `sitegen check`)
               sitegen site --jobs 1     (one `mkdocs build` for all languages, one after another)
    Renders content/ into docs/, then builds each language with its own `mkdocs build --strict`, all
    at the same time (at most twice as many as there are cores), into a new folder beside site/;
    puts the languages together (the same site, byte for byte, as one `mkdocs build` makes) and
    swaps it in for site/ in one step. If any build fails (a warning in strict mode, a broken theme
    file) or is stopped, site/ stays exactly as it was. MkDocs' messages are shown, each language's
    when its build has ended.
    Every site it builds holds a file .sitegen-site. Before anything runs, it refuses (exit 2) a
    --site-dir whose replacement would lose anything but a site it built: the project folder or one
    around it, content/, docs/ and the project's other folders, a link, a file, or a folder that
    holds other files (outside the project: any folder that exists, unless sitegen built it).
    """
    paths = _paths(args)
    try:
        build_site(paths, args.site_dir, jobs=args.jobs, messages=sys.stderr)
    except outdirs.UnsafeOutput as error:
        raise UsageError(str(error)) from None
    except SiteBuildFailed as failure:
        print(f"sitegen: {failure}", file=sys.stderr)
        return EXIT_CONTENT
    print(f"Built the site into {args.site_dir.rstrip('/')}/")
    return EXIT_OK


def cmd_clean(args: argparse.Namespace) -> int:
    """Remove what sitegen generated: the site, and the pages and theme strings it rendered.

    Example:  sitegen clean      (what `make clean` runs)
    Removes site/ and the staging folder beside it (.site.sitegen/) if sitegen built them (a site it
    built holds a file .sitegen-site), the generations in docs/.sitegen/ and the links to them
    (docs/<lang>, overrides/partials/languages). Whatever sitegen did not make is left as it is and
    named, and the exit code is then 2. docs/assets/ and everything else stay.
    """
    paths = _paths(args)
    removed, left = [], []
    try:
        site = outdirs.check_output_folder(outdirs.DEFAULT_SITE, paths.root)
        removed += [display_path(path, paths.root) + "/" for path in write.remove_replaced(site)]
    except outdirs.UnsafeOutput as error:
        left.append(f"left {outdirs.DEFAULT_SITE}/ as it is: {error}")
    links, foreign = write.unpublish(paths.docs / write.STORE, [paths.docs, (paths.theme / PARTIALS_DIR).parent],
                                     paths.root)
    removed += links
    left += foreign
    for message in left:
        print(f"sitegen: {message}", file=sys.stderr)
    print(f"Removed {', '.join(removed)}" if removed else "Nothing to remove: sitegen has generated nothing here")
    return EXIT_USAGE if left else EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    """Show per language which translated fields are current, outdated or missing.

    Examples:  sitegen status
               sitegen status --lang hsb --format markdown >> "$GITHUB_STEP_SUMMARY"
               sitegen status --format json
               sitegen status --fail-incomplete      (for release builds)
    A field is `outdated` when its German text changed after it was translated, `missing` when the
    translation has no text for it. Exits 1 with --fail-incomplete if any field is not current.
    """
    content = pipeline.check(_paths(args))
    langs = report.translation_languages(content, args.lang)
    _check_langs(content, args.lang)
    print({"text": report.as_text, "markdown": report.as_markdown, "json": report.as_json}[args.format](
        content, langs))
    if args.fail_incomplete and report.incomplete(content, langs):
        print(f"sitegen: {report.incomplete(content, langs)} translated fields are outdated or missing",
              file=sys.stderr)
        return EXIT_CONTENT
    return EXIT_OK


def cmd_mark_current(args: argparse.Namespace) -> int:
    """Record that translations were brought up to date with today's German text.

    Examples:  sitegen mark-current --lang en content/en/workshops/infrastruktur-mobilitaet.yaml
               sitegen mark-current --lang hsb content/hsb/faq.yaml --field "questions[2].answer"
               sitegen mark-current --lang en        (every translated field of the language)
    Run it after you have translated or checked a text against the current German. Only fields that
    have a translation are recorded; the fingerprints go into content/<lang>/translated-from.yaml.
    """
    paths = _paths(args)
    content = pipeline.check(paths)
    _check_langs(content, [args.lang])
    items = translate.resolve_items(content, args.lang, args.files, paths.root) if args.files else None
    count, changed = translate.mark_current(content, args.lang, items, args.field, paths.content)
    target = content.by_language[args.lang].records_path
    print(f"Recorded {count} translated field{'s' if count != 1 else ''} as current"
          + ("" if changed else f"; {target} was already up to date"))
    return EXIT_OK


def cmd_export_po(args: argparse.Namespace) -> int:
    """Write the texts of one translation as gettext PO files, for Poedit, Weblate and similar tools.

    Example:  sitegen export-po --lang hsb --out po/hsb
    Writes one PO file per content file (site.po, faq.po, theme.po, workshops/<name>.po). In each
    entry, msgid is the German text and msgstr the translation; msgctxt names the file and field,
    `#:` the line of the German text. Outdated translations are marked fuzzy, missing ones are empty.
    """
    paths = _paths(args)
    content = pipeline.check(paths)
    _check_langs(content, [args.lang])
    try:
        written = po.export_po(content, args.lang, Path(args.out), paths.root)
    except po.OutFolderError as error:  # a command-line option, not the content: a usage error
        raise UsageError("; ".join(problem.format() for problem in error.problems)) from None
    print(f"Wrote {len(written)} PO files for '{args.lang}' into {args.out}")
    return EXIT_OK


def cmd_import_po(args: argparse.Namespace) -> int:
    """Read translated PO files back into the YAML files of one language.

    Example:  sitegen import-po --lang hsb po/hsb
    Every entry that is neither fuzzy nor empty is written into its field; only changed texts are
    touched, the rest of each file stays byte for byte as it was. Imported fields whose German text
    is still the exported one are recorded as current. Nothing is written if anything is wrong.
    """
    paths = _paths(args)
    content = pipeline.check(paths)
    _check_langs(content, [args.lang])
    result = po.import_po(content, args.lang, Path(args.folder), paths.content, paths.root)
    _print_warnings(result.warnings)
    print(f"Imported '{args.lang}': {result.updated} texts written, {result.recorded} fields recorded as current, "
          f"{result.unchanged} unchanged, {result.skipped_fuzzy} fuzzy and {result.skipped_empty} empty entries "
          f"skipped; {len(result.written)} files changed")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    """Write the JSON Schemas of the content files into schema/, generated from the content models.

    Examples:  sitegen schema            (after changing scripts/sitegen/model.py)
               sitegen schema --check    (exit 1 if the files in schema/ are out of date; for CI)
    Each content file names its schema in its first line (`# yaml-language-server: $schema=…`), so
    VS Code's YAML extension offers completion, German help and inline errors.
    """
    folder = _paths(args).root / schema.SCHEMA_DIR
    if args.check:
        stale = schemas.stale_schemas(folder)
        if stale:
            print(f"sitegen: out of date in {schema.SCHEMA_DIR}/: {', '.join(stale)}; run `sitegen schema` "
                  "and commit the result", file=sys.stderr)
            return EXIT_CONTENT
        print(f"OK: the {len(schema.kinds())} schemas in {schema.SCHEMA_DIR}/ match the content models")
        return EXIT_OK
    written, unchanged = schemas.write_schemas(folder)
    for leftover in schemas.stale_schemas(folder):
        (folder / leftover).unlink()
        print(f"Removed {schema.SCHEMA_DIR}/{leftover}: no content file has that kind any more")
    print(f"Wrote {len(written)} schemas into {schema.SCHEMA_DIR}/ ({len(unchanged)} unchanged)")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    """Create a new workshop: the German file, explained field by field, and a translation per language.

    Examples:  sitegen new workshop energie-waerme --title "Energie und Wärme"
               sitegen new workshop energie-waerme      (the title is then a placeholder to replace)
    The short name becomes the file name content/<lang>/workshops/<name>.yaml and the web address
    /workshops/<name>/: lowercase letters a-z, digits and single hyphens between them. The German
    file explains every field in German comments; required fields hold a text that says what
    belongs there, optional ones are commented-out examples. Each translation starts empty
    (`review: draft`), so its page shows the German text, marked as German. Nothing is
    overwritten: if any of the files exists, nothing is written.
    """
    paths = _paths(args)
    try:
        created = scaffold.new_workshop(paths.content, paths.root, args.slug, args.title)
    except scaffold.ScaffoldError as error:
        raise UsageError(str(error)) from None
    source, translations = created[0], created[1:]
    width = max(len(file.shown_path) for file in created)
    print(f"Created the workshop '{args.slug}':")
    print(f"  {source.shown_path:<{width}}  {source.language_name}: fill in the texts; the comments explain each field")
    for file in translations:
        print(f"  {file.shown_path:<{width}}  {file.language_name}: empty translation (draft); "
              "its page shows the German text until translated")
    print("Next steps:")
    print(f"  1. Fill in {source.shown_path}: replace the placeholder texts, and remove the \"# \" in front "
          "of the optional fields you need.")
    print("  2. Check the content: make check")
    print(f"  3. Preview: make serve, then open {scaffold.PREVIEW_URL}{source.url}")
    return EXIT_OK


def _check_langs(content, langs: list[str] | None) -> None:
    known = [language.code for language in content.languages[1:]]
    for lang in langs or []:
        if lang not in known:
            raise UsageError(f"'{lang}' is not a translation language; use one of {', '.join(known)}")


class UsageError(Exception):
    """A command line that cannot be carried out."""


def _print_warnings(warnings) -> None:
    for warning in warnings:
        print(warning.format(), file=sys.stderr)


COMMANDS = {"check": cmd_check, "build": cmd_build, "site": cmd_site, "status": cmd_status,
            "mark-current": cmd_mark_current, "export-po": cmd_export_po, "import-po": cmd_import_po,
            "schema": cmd_schema, "new": cmd_new, "clean": cmd_clean}


def _arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "check":
        parser.add_argument("--strict", action="store_true", help="treat unknown words as errors")
    if name == "site":
        parser.add_argument("--site-dir", default="site", metavar="DIR",
                            help="the folder to build the site into (default: site): a new folder, or one "
                                 "sitegen built before (it holds a .sitegen-site file)")
        parser.add_argument("--jobs", type=_positive, default=None, metavar="N",
                            help="languages built at the same time, each by its own mkdocs build (default: all, "
                                 "up to twice the number of cores; 1, or on one core: one mkdocs build for all)")
    if name == "status":
        parser.add_argument("--lang", action="append", metavar="LANG", help="only this language (repeatable)")
        parser.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                            help="text (default), markdown for CI job summaries, json for tools")
        parser.add_argument("--fail-incomplete", action="store_true",
                            help="exit 1 if any translated field is outdated or missing")
    if name == "mark-current":
        parser.add_argument("--lang", required=True, help="the translation language, e.g. en or hsb")
        parser.add_argument("--field", help="only this field, e.g. goals[0] (as `sitegen status` names it)")
        parser.add_argument("files", nargs="*", metavar="FILE", help="translation files (default: all)")
    if name == "export-po":
        parser.add_argument("--lang", required=True, help="the translation language, e.g. en or hsb")
        parser.add_argument("--out", required=True, metavar="DIR", help="folder for the PO files, e.g. po/hsb")
    if name == "schema":
        parser.add_argument("--check", action="store_true",
                            help="write nothing; exit 1 if schema/ does not match the content models")
    if name == "new":
        parser.add_argument("kind", choices=scaffold.KINDS, help="what to create: workshop")
        parser.add_argument("slug", metavar="NAME", help="short name, e.g. energie-waerme: file name and web address")
        parser.add_argument("--title", help="the German title, e.g. \"Energie und Wärme\" (default: a placeholder)")
    if name == "import-po":
        parser.add_argument("--lang", required=True, help="the translation language, e.g. en or hsb")
        parser.add_argument("folder", metavar="DIR", help="folder with the PO files, e.g. po/hsb")


def _positive(text: str) -> int:
    """A whole number of at least 1 (an argparse type: its error is a usage error, exit 2)."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not '{text}'")
    return number


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sitegen",
        description="Check and render the Werkstätten website content (content/*.yaml) into Markdown for MkDocs.",
    )
    parser.add_argument("--root", default=".", help="project folder containing content/ and docs/ (default: .)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, function in COMMANDS.items():
        summary, _, details = (function.__doc__ or "").partition("\n")
        _arguments(name, commands.add_parser(name, help=summary, description=function.__doc__,
                                             formatter_class=argparse.RawDescriptionHelpFormatter))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except ContentError as error:
        for problem in error.problems:
            print(problem.format(), file=sys.stderr)
        count = sum(1 for p in error.problems if p.level == "error")
        print(f"{count} error{'s' if count != 1 else ''} found; nothing was written. "
              "Fix the lines above and run the command again.", file=sys.stderr)
        return EXIT_CONTENT
    except UsageError as error:
        print(f"sitegen: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except OSError as error:
        print(f"sitegen: {error.filename or ''}: {error.strerror}", file=sys.stderr)
        return EXIT_CONTENT
    except Exception as error:  # noqa: BLE001 - an editor must never see a traceback
        print(f"sitegen: internal error, please report it to the maintainers: {type(error).__name__}: {error}",
              file=sys.stderr)
        return EXIT_CONTENT
