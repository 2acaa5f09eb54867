"""Compiled templates kept on disk (core/template_cache.py): never stale, never fatal, never growing without end."""

import os
import tempfile
import time

import jinja2
import pytest

from sitegen.core import template_cache
from sitegen.core.template_cache import TemplateCache


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # Jinja's cache folder goes below it
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "a.html").write_text("<b>{{ x }}</b>\n{% if 1 %}\n  y\n{% endif %}\n", encoding="utf-8")
    return tmp_path


def render(folder, **settings) -> str:
    """The template rendered by a new environment with a new cache, as in a new process."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder / "templates")), bytecode_cache=TemplateCache(),
                             **settings)
    return env.get_template("a.html").render(x="<i>")


def cached_files(folder) -> list[str]:
    return sorted(name for name in os.listdir(folder / f"_jinja2-cache-{os.getuid()}") if name.startswith("sitegen-"))


def test_another_process_loads_the_compiled_template_but_never_one_compiled_with_other_settings(cache_folder):
    assert render(cache_folder) == "<b><i></b>\n\n  y\n"
    assert len(cached_files(cache_folder)) == 1
    assert render(cache_folder, autoescape=True) == "<b>&lt;i&gt;</b>\n\n  y\n"
    assert render(cache_folder, autoescape=True, trim_blocks=True) == "<b>&lt;i&gt;</b>\n  y\n"
    assert len(cached_files(cache_folder)) == 3
    assert render(cache_folder) == "<b><i></b>\n\n  y\n"  # from the disk now
    assert len(cached_files(cache_folder)) == 3


def test_a_broken_cache_file_is_compiled_anew(cache_folder):
    render(cache_folder)
    (name,) = cached_files(cache_folder)
    path = cache_folder / f"_jinja2-cache-{os.getuid()}" / name
    for garbage in (b"", b"junk" * 100, path.read_bytes()[:40]):
        path.write_bytes(garbage)
        assert render(cache_folder) == "<b><i></b>\n\n  y\n"


def test_files_nobody_wrote_for_a_week_are_removed(cache_folder):
    render(cache_folder)
    (name,) = cached_files(cache_folder)
    folder = cache_folder / f"_jinja2-cache-{os.getuid()}"
    other = folder / "__jinja2_other-program.cache"
    other.write_bytes(b"x")
    old = time.time() - template_cache.PRUNE_AFTER - 60
    os.utime(folder / name, (old, old))
    os.utime(other, (old, old))
    TemplateCache()
    assert cached_files(cache_folder) == [] and other.exists()  # only sitegen's own files


def test_something_other_than_a_file_in_the_cache_is_compiled_anew(cache_folder):
    render(cache_folder)
    (name,) = cached_files(cache_folder)
    path = cache_folder / f"_jinja2-cache-{os.getuid()}" / name
    path.unlink()
    os.mkfifo(path)  # opened, it would block the build for ever
    assert render(cache_folder) == "<b><i></b>\n\n  y\n"
