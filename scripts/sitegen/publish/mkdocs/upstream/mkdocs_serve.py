"""The live preview (`mkdocs serve`): told of a save at once, rebuilds soon after, and survives bad content.

Works around: MkDocs 1.6 — `mkdocs serve` watches `docs/`, which the sitegen plugin itself writes, so
every edit was built twice; it looks for changes by polling every 0.5 s, half the time an editor may
wait for the preview, and waits 0.1 s after the last change before it builds; and when a rebuild fails
it prints a traceback and holds every request until a build succeeds, so the preview hangs while an
editor is still typing. Here `content/` and `docs/assets/` are watched instead; the operating system
tells of each saved file at once (watchdog's native observer: inotify on Linux), and only of writes,
not of the reads every build makes (a read would start the next build); where that observer cannot
start, the folders are polled every 0.1 s. A burst of saves is one build after BUILD_DELAY. A failed
rebuild says what is wrong and the last good site stays served.
Upstream: not reported (MkDocs chooses the polling observer and its interval itself).
Delete when: MkDocs serves the last good site after a failed build and lets a plugin set what is
watched and how; then delete this module and the sitegen plugin's `on_serve`.
Test: tests/publish/upstream/test_upstream_canaries.py::test_mkdocs_serve_still_polls_every_half_second
fails once upstream has changed its polling (tests/site/test_serve.py checks the preview itself).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import Abort, ConfigurationError
from watchdog import events, observers
from watchdog.observers.polling import PollingObserver

from sitegen.core.messages import _

log = logging.getLogger("mkdocs.plugins.sitegen")

WATCH_INTERVAL = 0.1  # seconds between two looks at the watched folders, where they are polled
# Seconds without a further change before the preview builds: a save that writes several files (or one
# file in several steps) is one build. The native observer reports each change within a millisecond.
BUILD_DELAY = 0.03
# What counts as a change: a file written, made, removed or renamed; not opened, read or closed unwritten.
WRITES = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileDeletedEvent, events.FileMovedEvent,
          events.FileClosedEvent, events.DirCreatedEvent, events.DirDeletedEvent, events.DirMovedEvent]


class WritesObserver(observers.Observer):
    """watchdog's native observer (inotify on Linux) that reports writes only: every build reads the
    watched files, and a read reported as a change would start the next build, for ever. A folder made,
    removed or moved is reported as a change of a file: MkDocs ignores events about folders, and a folder
    of workshops moved to the bin is reported by inotify as the folder alone, not as its files.

    inotify watches a folder, not its name: a watched folder replaced by a new one of the same name
    (`rm -rf content && git checkout -- content`) would be watched no more. So the folder that holds each
    watched folder is watched too, for that name alone; when it appears again, it is watched again."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        watch = super().schedule(_FoldersAsFiles(event_handler), path, recursive=recursive,
                                 event_filter=event_filter or WRITES, follow_symlink=follow_symlink)
        if recursive and os.path.isdir(path) and not isinstance(event_handler, _Reappearing):
            super().schedule(_Reappearing(self, event_handler, path, watch), os.path.dirname(os.path.abspath(path)),
                             recursive=False, event_filter=WRITES)
        return watch


class _Reappearing(events.FileSystemEventHandler):
    """Watches a watched folder's name in the folder above it: when a folder of that name appears again
    (made, or moved there), the old watch is dropped, the new folder is watched, and `handler` is told."""

    def __init__(self, observer: WritesObserver, handler: events.FileSystemEventHandler, path: str, watch):
        self.observer, self.handler, self.path, self.watch = observer, handler, os.path.abspath(path), watch

    def dispatch(self, event: events.FileSystemEvent) -> None:
        named = {os.path.abspath(event.src_path), os.path.abspath(getattr(event, "dest_path", "") or event.src_path)}
        if self.path not in named:
            return  # another file beside it (docs/ beside docs/assets/: written by every build)
        if os.path.isdir(self.path):
            try:
                self.observer.unschedule(self.watch)
            except (KeyError, OSError):  # gone already with its folder
                pass
            self.watch = super(WritesObserver, self.observer).schedule(
                _FoldersAsFiles(self.handler), self.path, recursive=True, event_filter=WRITES)
        self.handler.dispatch(events.FileModifiedEvent(self.path))


class _FoldersAsFiles(events.FileSystemEventHandler):
    """Hands every event on to `handler`, a folder's as a change of a file in its place."""

    def __init__(self, handler: events.FileSystemEventHandler):
        self.handler = handler

    def dispatch(self, event: events.FileSystemEvent) -> None:
        if event.is_directory:
            event = events.FileModifiedEvent(event.src_path)
        self.handler.dispatch(event)


def watch_sources(server, docs_dir: str, content_dir: str) -> None:
    """Watch content/ (the source) and docs/assets/ (hand-written), not the rest of docs/ (generated), with
    the native observer where it can start (else by polling every WATCH_INTERVAL seconds), build BUILD_DELAY
    after the last change, and serve the last good site when a rebuild fails."""
    server.unwatch(docs_dir)
    server.watch(str(Path(docs_dir) / "assets"))
    server.watch(content_dir)
    server.builder = keep_last_good_site(server.builder)
    server.build_delay = BUILD_DELAY
    if _native_observer_starts(content_dir):
        watched = dict(server._watched_paths)  # what MkDocs and the plugins watch: moved to the new observer
        for path, count in watched.items():
            for _time in range(count):
                server.unwatch(path)
        server.observer = WritesObserver()
        for path, count in watched.items():
            for _time in range(count):
                server.watch(path)
        return
    # These folders hold a few dozen files: looking every 0.1 s costs next to nothing.
    for emitter in getattr(server.observer, "emitters", ()):
        if hasattr(emitter, "_timeout"):
            emitter._timeout = WATCH_INTERVAL


def _native_observer_starts(folder: str) -> bool:
    """Whether the native observer can watch `folder` here: not where watchdog has none (it polls), nor
    where inotify cannot start (its limit of watches reached); the preview polls instead."""
    if issubclass(observers.Observer, PollingObserver):
        return False
    probe = WritesObserver()
    try:
        probe.schedule(events.FileSystemEventHandler(), folder, recursive=True)
        probe.start()
    except (OSError, RuntimeError):
        return False
    finally:
        if probe.is_alive():
            probe.stop()
            probe.join()
    return True


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
