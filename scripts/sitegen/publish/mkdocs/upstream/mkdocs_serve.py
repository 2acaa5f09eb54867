"""The live preview (`mkdocs serve`): watches the sources, looks often, and survives bad content.

Works around: MkDocs 1.6 — `mkdocs serve` watches `docs/`, which the sitegen plugin itself writes, so
every edit was built twice; it polls for changes every 0.5 s, half the time an editor may wait for the
preview; and when a rebuild fails it prints a traceback and holds every request until a build succeeds,
so the preview hangs while an editor is still typing. Here `content/` and `docs/assets/` are watched
instead, every 0.1 s, and a failed rebuild says what is wrong and the last good site stays served.
Upstream: not reported (the poll interval is a private attribute of watchdog's emitters).
Delete when: MkDocs serves the last good site after a failed build and lets a plugin set what is
watched and how often; then delete this module and the sitegen plugin's `on_serve`.
Test: tests/publish/upstream/test_upstream_canaries.py::test_mkdocs_serve_still_polls_every_half_second
fails once upstream has changed its polling (tests/site/test_serve.py checks the preview itself).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import Abort, ConfigurationError

from sitegen.core.messages import _

log = logging.getLogger("mkdocs.plugins.sitegen")

WATCH_INTERVAL = 0.1  # seconds between two looks at the watched folders in the live preview


def watch_sources(server, docs_dir: str, content_dir: str) -> None:
    """Watch content/ (the source) and docs/assets/ (hand-written), not the rest of docs/ (generated),
    every WATCH_INTERVAL seconds, and serve the last good site when a rebuild fails."""
    server.unwatch(docs_dir)
    server.watch(str(Path(docs_dir) / "assets"))
    server.watch(content_dir)
    server.builder = keep_last_good_site(server.builder)
    # These folders hold a few dozen files: looking every 0.1 s costs next to nothing.
    for emitter in getattr(server.observer, "emitters", ()):
        if hasattr(emitter, "_timeout"):
            emitter._timeout = WATCH_INTERVAL


def keep_last_good_site(rebuild):
    """The live preview's rebuild, made to survive bad content.

    Content is checked before anything is written, so the pages already built are the last good
    site: say what is wrong, in the editor's `file:line` form, and go on serving them."""

    def guarded(*args, **kwargs):
        try:
            rebuild(*args, **kwargs)
        except Abort:
            pass  # MkDocs has logged why (content errors, strict-mode warnings)
        except ConfigurationError as error:  # content errors found while mkdocs.yml was read
            log.error(str(error))
        except Exception as error:  # noqa: BLE001 - a preview must not die of one bad save
            # TRANSLATORS: {kind} is the name of a Python exception (KeyError), {error} its message (in English)
            log.error(_("internal error, please report it to the maintainers: {kind}: {error}").format(
                kind=type(error).__name__, error=error))
        else:
            return
        log.error(_("The preview keeps showing the last good version of the site. "
                    "Fix the problem above and save the file again."))

    return guarded
