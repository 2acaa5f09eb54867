"""The command line: the only place that prints and picks exit codes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import pipeline
from .errors import ContentError

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _paths(args: argparse.Namespace) -> pipeline.Paths:
    return pipeline.Paths.for_root(Path(args.root))


def cmd_check(args: argparse.Namespace) -> int:
    """Validate all content without writing anything.

    Example:  sitegen check
    Prints every problem as `file:line:column: message` and exits 1 if there is any error.
    """
    content = pipeline.check(_paths(args))
    _print_warnings(content.warnings)
    print(f"OK: {content.count_files()} content files in {len(content.languages)} languages "
          f"({', '.join(language.code for language in content.languages)}), no errors"
          + (f", {len(content.warnings)} warnings" if content.warnings else ""))
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    """Validate all content and render the Markdown pages into docs/.

    Example:  sitegen build
    Files are rewritten only when their text changed; pages that are no longer generated are removed.
    """
    result = pipeline.build(_paths(args))
    _print_warnings(result.content.warnings)
    pages, theme = result.pages, result.theme
    print(f"Built {len(pages.written) + len(pages.unchanged)} pages into docs/ "
          f"({len(pages.written)} written, {len(pages.unchanged)} unchanged, {len(pages.removed)} removed) "
          f"and {len(theme.written) + len(theme.unchanged)} theme language files")
    return EXIT_OK


def _print_warnings(warnings) -> None:
    for warning in warnings:
        print(warning.format(), file=sys.stderr)


COMMANDS = {"check": cmd_check, "build": cmd_build}


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sitegen",
        description="Check and render the Werkstätten website content (content/*.yaml) into Markdown for MkDocs.",
    )
    parser.add_argument("--root", default=".", help="project folder containing content/ and docs/ (default: .)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, function in COMMANDS.items():
        summary, _, details = (function.__doc__ or "").partition("\n")
        commands.add_parser(name, help=summary, description=function.__doc__,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
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
    except KeyboardInterrupt:
        return 130
    except OSError as error:
        print(f"sitegen: {error.filename or ''}: {error.strerror}", file=sys.stderr)
        return EXIT_CONTENT
    except Exception as error:  # noqa: BLE001 - an editor must never see a traceback
        print(f"sitegen: internal error, please report it to the maintainers: {type(error).__name__}: {error}",
              file=sys.stderr)
        return EXIT_CONTENT
