"""The live preview's observer (upstream/mkdocs_serve.py): a save is reported, a read is not."""

import shutil
import time
from contextlib import contextmanager

from watchdog.events import FileSystemEventHandler

from sitegen.publish.mkdocs.upstream.mkdocs_serve import WritesObserver, _native_observer_starts


@contextmanager
def watching(folder):
    """The events a WritesObserver of `folder` reports while the block runs (it has started when it begins)."""
    seen = []
    handler = FileSystemEventHandler()
    handler.on_any_event = seen.append
    observer = WritesObserver()
    observer.schedule(handler, str(folder), recursive=True)
    observer.start()
    try:
        time.sleep(0.1)
        yield seen
    finally:
        observer.stop()
        observer.join()


def events_while(folder, action, wait: float = 0.3, expect: bool = True):
    with watching(folder) as seen:
        action()
        deadline = time.monotonic() + wait  # a change is reported at once; a read must stay unreported this long
        while time.monotonic() < deadline and not (expect and seen):
            time.sleep(0.01)
        time.sleep(0.05 if expect and seen else 0)  # the rest of a burst
    return [type(event).__name__ for event in seen if not event.is_directory]


def test_a_read_is_no_change_and_a_save_is_one(tmp_path):
    assert _native_observer_starts(str(tmp_path))  # inotify, on the machines the preview is measured on
    watched = tmp_path / "content" / "faq.yaml"
    watched.parent.mkdir()
    watched.write_text("title: A\n", encoding="utf-8")
    assert events_while(watched.parent, lambda: watched.read_text(encoding="utf-8"), expect=False) == []
    saved = events_while(watched.parent, lambda: watched.write_text("title: B\n", encoding="utf-8"))
    assert "FileModifiedEvent" in saved and "FileOpenedEvent" not in saved


def test_a_folder_moved_away_is_a_change(tmp_path):
    content = tmp_path / "content"
    (content / "en" / "workshops").mkdir(parents=True)
    (content / "en" / "workshops" / "a.yaml").write_text("title: A\n", encoding="utf-8")
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    # inotify reports a move out of the watched folder after half a second, when no move into it followed
    moved = events_while(content, lambda: (content / "en" / "workshops").rename(bin_ / "workshops"), wait=3)
    assert moved and all(name == "FileModifiedEvent" for name in moved)  # MkDocs acts on file events only


def test_a_watched_folder_replaced_by_a_new_one_is_watched_again(tmp_path):
    content = tmp_path / "content"
    (content / "de").mkdir(parents=True)
    (content / "de" / "faq.yaml").write_text("title: A\n", encoding="utf-8")
    with watching(content) as seen:
        shutil.rmtree(content)  # as `rm -rf content && git checkout -- content`
        (content / "de").mkdir(parents=True)
        (content / "de" / "faq.yaml").write_text("title: A\n", encoding="utf-8")
        time.sleep(0.5)
        seen.clear()
        (content / "de" / "faq.yaml").write_text("title: B\n", encoding="utf-8")  # a save in the new folder
        time.sleep(0.3)
    assert any(type(event).__name__ == "FileModifiedEvent" and event.src_path.endswith("faq.yaml") for event in seen)
