"""The site's corrections to Material's browser code, served as one file made of one part per workaround.

The parts are docs/assets/javascripts/upstream/<name>.js, each named like its Python twin in
upstream/ (publish/UPGRADING.md lists them). The pages load one file, assets/javascripts/sitegen.js,
before Material's bundle (overrides/main.html), so that each part sees the bundle's requests: one
request instead of one per part, on the phones of a first visit (tests/browser/test_page_weight.py).
The adapter's own job, not a workaround: the sitegen plugin's `on_files` calls it in every language's
build; only the build that copies the site's assets (the source language's) finds the parts.
"""

from __future__ import annotations

from mkdocs.structure.files import File, Files

from sitegen.core.messages import _

SERVED = "assets/javascripts/sitegen.js"
PARTS_FOLDER = "assets/javascripts/upstream/"
# In the order they run. Both of the first two wrap XMLHttpRequest; the last two read <script id="__sitegen">.
PARTS = (
    "material_alternate_requests.js",
    "material_search_on_demand.js",
    "material_header_buttons.js",
    "material_search_result_plurals.js",
)
HEADER = """\
/*
 * Corrections to Material for MkDocs' browser code. Loaded before Material's bundle.
 * Made by sitegen from docs/assets/javascripts/upstream/*.js, one part per workaround
 * (scripts/sitegen/publish/UPGRADING.md). The texts come from content/<lang>/theme.yaml,
 * via the JSON in <script id="__sitegen">.
 */
"""


def serve_as_one(files: Files, config) -> Files:
    """Replace the parts among this build's files with the one file made of them."""
    parts = {file.src_uri[len(PARTS_FOLDER):]: file for file in files if file.src_uri.startswith(PARTS_FOLDER)}
    if not parts:
        return files
    if set(parts) != set(PARTS):
        # TRANSLATORS: {folder} is a folder, {found} and {expected} are lists of file names
        raise ValueError(_("{folder} holds {found}; sitegen/publish/mkdocs/browser_script.py expects "
                           "{expected}").format(folder=PARTS_FOLDER, found=", ".join(sorted(parts)),
                                                expected=", ".join(PARTS)))
    for file in parts.values():
        files.remove(file)
    text = HEADER + "".join(parts[name].content_string for name in PARTS)
    files.append(File.generated(config, SERVED, content=text))
    return files
