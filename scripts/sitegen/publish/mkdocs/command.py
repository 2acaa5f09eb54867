"""MkDocs' own command line, `mkdocs build --strict`, run in this process: for `sitegen site`'s one build, and as
each worker of a parallel build (`python -m sitegen.publish.mkdocs.command SITE_DIR`, in the project folder).

Run here rather than as `python -m mkdocs`, the build gives the same site, messages and exit codes, without
starting Python and importing sitegen a second time; and what MkDocs did not expect (a broken theme template)
is said in one line at the template's file and line, in both kinds of build, instead of Python's traceback.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import traceback
import warnings
from pathlib import Path

from sitegen.core.errors import display_path, one_line
from sitegen.core.messages import _

MKDOCS_2_NOTICE = "NO_MKDOCS_2_WARNING"  # Material's notice about MkDocs 2, off as `make` sets it
EXIT_INTERRUPTED = 130


def run_build(root: Path, site_dir: Path) -> int:
    """`mkdocs build --strict --site-dir SITE_DIR` in the project folder `root`; its exit code. Ctrl-C stops it
    as it stops sitegen (KeyboardInterrupt). What MkDocs' command line changes for the rest of a process is put
    back afterwards (_process_state)."""
    import click
    from mkdocs.__main__ import cli

    with _process_state(root):
        try:
            code = cli.main(["build", "--strict", "--site-dir", str(site_dir)], prog_name="mkdocs",
                            standalone_mode=False)
            return code if isinstance(code, int) else 0  # click returns an Exit's code instead of raising it
        except click.Abort as abort:  # what click makes of Ctrl-C, and of an abort without a message
            if isinstance(abort.__context__, KeyboardInterrupt):
                raise KeyboardInterrupt from None
            click.echo("Aborted!", err=True)
            return 1
        except click.ClickException as error:  # a configuration error, a plugin's error, warnings in strict mode
            error.show()
            return error.exit_code
        except Exception as error:  # noqa: BLE001 - MkDocs stopped on what it did not expect: said in one line
            print(stopped(error, root), file=sys.stderr)
            return 1


@contextlib.contextmanager
def _process_state(root: Path):
    """Run MkDocs' command line in `root`, and put back afterwards what it changes for the whole process,
    assuming it runs once per process: the working folder, NO_MKDOCS_2_WARNING, Python's warning
    filters and `warnings.showwarning`, the `mkdocs` logger's handlers, level and propagation, the
    filters of its build logger (a DuplicateFilter that remembers every message would hide a repeated
    strict-mode warning in the next build), and mkdocs-static-i18n's stand-in for clean_directory."""
    import mkdocs.utils

    try:
        folder: str | None = os.getcwd()
    except FileNotFoundError:  # started in a folder that was removed since (an old site/)
        folder = None
    variable = os.environ.get(MKDOCS_2_NOTICE)
    logger, build_logger = logging.getLogger("mkdocs"), logging.getLogger("mkdocs.commands.build")
    handlers, level, propagate, filters = (list(logger.handlers), logger.level, logger.propagate,
                                           list(build_logger.filters))
    clean_directory = mkdocs.utils.clean_directory
    with warnings.catch_warnings():
        try:
            os.environ.setdefault(MKDOCS_2_NOTICE, "1")
            os.chdir(root)
            yield
        finally:
            mkdocs.utils.clean_directory = clean_directory
            logger.handlers[:], logger.propagate, build_logger.filters[:] = handlers, propagate, filters
            logger.setLevel(level)
            if variable is None:
                os.environ.pop(MKDOCS_2_NOTICE, None)
            if folder is not None:
                os.chdir(folder)


def stopped(error: Exception, root: Path) -> str:
    """What stopped MkDocs, in one line, at the template file and line it happened in: the one a syntax error
    names, or else the last template in the traceback (Jinja gives a template's frames its file and line)."""
    filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if not (isinstance(filename, str) and filename):
        templates = [frame for frame in traceback.extract_tb(error.__traceback__)
                     if not frame.filename.endswith(".py") and os.path.isfile(frame.filename)]
        filename, line = (templates[-1].filename, templates[-1].lineno) if templates else (None, None)
    where = ""
    if filename:
        where = display_path(Path(filename), root) + (f":{line}" if isinstance(line, int) else "") + ": "
    # TRANSLATORS: {where} is "file:line: " or nothing; {kind} a Python exception's name (TemplateSyntaxError),
    # {error} its message in English
    return one_line(_("{where}MkDocs stopped: {kind}: {error}").format(where=where, kind=type(error).__name__,
                                                                     error=error))


def main(arguments: list[str]) -> int:
    """A worker of a parallel build: `python -m sitegen.publish.mkdocs.command SITE_DIR`, in the project folder."""
    try:
        return run_build(Path.cwd(), Path(arguments[0]))
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
