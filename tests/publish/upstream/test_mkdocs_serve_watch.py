"""The live preview's observer (upstream/mkdocs_serve.py): a save is reported, a read is not."""

import time

from watchdog.events import FileSystemEventHandler

from sitegen.publish.mkdocs.upstream.mkdocs_serve import WritesObserver, _native_observer_starts


def events_while(folder, action):
    seen = []
    handler = FileSystemEventHandler()
    handler.on_any_event = seen.append
    observer = WritesObserver()
    observer.schedule(handler, str(folder), recursive=True)
    observer.start()
    try:
        time.sleep(0.1)
        action()
        time.sleep(0.3)
    finally:
        observer.stop()
        observer.join()
    return [type(event).__name__ for event in seen if not event.is_directory]


def test_a_read_is_no_change_and_a_save_is_one(tmp_path):
    assert _native_observer_starts(str(tmp_path))  # inotify, on the machines the preview is measured on
    watched = tmp_path / "content" / "faq.yaml"
    watched.parent.mkdir()
    watched.write_text("title: A\n", encoding="utf-8")
    assert events_while(watched.parent, lambda: watched.read_text(encoding="utf-8")) == []
    saved = events_while(watched.parent, lambda: watched.write_text("title: B\n", encoding="utf-8"))
    assert "FileModifiedEvent" in saved and "FileOpenedEvent" not in saved
