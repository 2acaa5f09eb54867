"""The benchmark behind `make bench`: render step, full build, memory, overhead, live preview, Lighthouse.

Usage:  .venv/bin/python bench/run.py [--sizes 5,100,1000] [--runs 5] [--no-preview] [--no-lighthouse]

For each size N it makes a synthetic project with N workshops in every language (bench/synthetic.py:
the real workshops, copied under numbered names, so the text is real German, English and Upper
Sorbian prose) in a temporary folder, and measures, as medians over several runs, each run a fresh
process, so that nothing in memory survives from one run to the next (sitegen's compiled templates on
disk do, as they do on every machine after its first build; the stock build keeps none):

- the render step (`sitegen build` from an empty docs/): loading and validating the YAML, rendering
  the Markdown, writing the files; per page; and the peak memory (max RSS) of that process;
- the full build, `sitegen site`: MkDocs with the sitegen plugin, the languages in parallel; and
  `sitegen site --jobs 1`, the same build in one MkDocs process;
- the stock build: a plain `mkdocs build` (Material, search, mkdocs-static-i18n; no sitegen plugin)
  of the same, already rendered Markdown. The ratio of the full build to it is our overhead.

It profiles the render step at the largest N with pyinstrument, measures the live preview
(bench/preview.py) and runs Lighthouse (bench/lighthouse/run.py), and writes BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

BENCH = Path(__file__).resolve().parent
REPOSITORY = BENCH.parent
RESULTS = BENCH / "results"
PYTHON = sys.executable
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(REPOSITORY / "tests"))
from conftest import copy_site_project  # noqa: E402 - the tests' copy of a clean clone's project
from synthetic import make_project  # noqa: E402

# Each runs in a fresh process, so that nothing in memory survives from one run to the next.
# The stages of the render step: loading and validating, rendering.
STAGES_PROBE = """
import json, sys, time
from pathlib import Path
start = time.perf_counter()
from sitegen import pipeline
from sitegen.render.pages import render_pages
from sitegen.publish.mkdocs.theme_strings import render_language_partials
imported = time.perf_counter()
paths = pipeline.Paths.for_root(Path(sys.argv[1]))
content = pipeline.check(paths)
loaded = time.perf_counter()
pages = render_pages(content)
partials = render_language_partials(content)
rendered = time.perf_counter()
print(json.dumps({"import": imported - start, "load": loaded - imported, "render": rendered - loaded,
                  "pages": len(pages)}))
"""
# The whole render step, `sitegen build` from an empty docs/: load, validate, render, write.
BUILD_PROBE = """
import json, resource, sys, time
from pathlib import Path
from sitegen import pipeline
from sitegen.publish.mkdocs.engine import ENGINE
start = time.perf_counter()
result = pipeline.build(pipeline.Paths.for_root(Path(sys.argv[1])), ENGINE)
print(json.dumps({"build": time.perf_counter() - start, "written": len(result.pages.written),
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


@dataclass
class Size:
    workshops: int
    pages: int = 0
    render: dict[str, list[float]] = field(default_factory=dict)
    render_rss_kb: list[int] = field(default_factory=list)
    full: list[float] = field(default_factory=list)
    full_rss_kb: list[int] = field(default_factory=list)
    sequential: list[float] = field(default_factory=list)
    stock: list[float] = field(default_factory=list)
    stock_rss_kb: list[int] = field(default_factory=list)


class Run(NamedTuple):
    wall: float  # seconds
    peak_kb: int  # the largest max RSS in the command's process tree
    cpu: float  # seconds of CPU, user and system, of the command and every child it waited for
    stdout: str


def run(command: list[str], cwd: Path, env: dict | None = None, one_core: bool = False) -> Run:
    """Run `command` in a fresh process and measure it (bench/measure.py: its own peak memory, not this
    process's); `one_core`: the command (and its children) may use one core only, as on a one-core machine."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err, \
            tempfile.NamedTemporaryFile("r", suffix=".json") as figures:
        measure = [PYTHON, str(BENCH / "measure.py"), *(["--one-core"] if one_core else []), figures.name]
        process = subprocess.run(measure + command, cwd=cwd, stdout=out, stderr=err, text=True, check=False,
                                 env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
        out.seek(0), err.seek(0)
        if process.returncode != 0:
            raise SystemExit(f"bench: {' '.join(command)} failed in {cwd}:\n{err.read()[-3000:]}")
        measured = json.loads(figures.read())
        return Run(measured["wall"], measured["maxrss_kb"], measured["cpu"], out.read())


def timed(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int, str]:
    """Wall time, peak memory (the largest max RSS in the command's process tree, KB) and stdout."""
    result = run(command, cwd, env)
    return result.wall, result.peak_kb, result.stdout


def clean_generated(project: Path) -> None:
    for name in ("site", ".site.sitegen", "docs/.sitegen", "overrides/partials/languages"):
        path = project / name
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.is_dir():
            shutil.rmtree(path)
    for link in (project / "docs").iterdir():
        if link.is_symlink():
            link.unlink()


def stock_project(project: Path, target: Path) -> Path:
    """The same Markdown and theme strings as plain files, with a configuration that uses only the
    stock stack: Material, its search, mkdocs-static-i18n (plus the three-letter-code shim for hsb,
    which the stock plugin rejects, and the generated interface strings Material lacks for hsb)."""
    import yaml

    sys.path.insert(0, str(REPOSITORY / "scripts"))
    from sitegen.publish.mkdocs.config import i18n_languages

    shutil.copytree(project / "docs", target / "docs", symlinks=False,
                    ignore=shutil.ignore_patterns(".sitegen", "assets"))
    shutil.copytree(project / "overrides/partials/languages", target / "overrides/partials/languages")
    cwd = Path.cwd()
    os.chdir(project)
    try:
        languages = json.loads(json.dumps(i18n_languages("content")))  # plain strings (some are Markup)
    finally:
        os.chdir(cwd)

    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    ours = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    config = {
        "site_name": ours["site_name"], "site_url": "http://127.0.0.1:8000/", "docs_dir": "docs",
        "site_dir": "site", "use_directory_urls": True,
        "theme": {"name": "material", "custom_dir": "overrides", "language": ours["theme"]["language"],
                  "font": False, "features": ours["theme"].get("features", [])},
        "markdown_extensions": ours["markdown_extensions"],
        "plugins": ["search", {"i18n": {"docs_structure": "folder", "fallback_to_default": False,
                                        "reconfigure_material": True, "languages": languages}}],
    }
    # The shim must run while the file is read, before mkdocs-static-i18n checks the codes (as in mkdocs.yml).
    shim = "extra:\n  hsb_shim: !!python/object/apply:sitegen.publish.mkdocs.upstream.static_i18n_three_letter_locales.allow_three_letter_locales []\n"
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False) + shim,
                                       encoding="utf-8")
    return target


def measure(size: Size, runs: int, folder: Path, full_runs: int) -> None:
    project = make_project(folder / f"n{size.workshops}", size.workshops)
    sitegen = str(Path(PYTHON).with_name("sitegen"))
    for _ in range(runs):
        clean_generated(project)
        probe = json.loads(timed([PYTHON, "-c", STAGES_PROBE, str(project)], project)[2])
        size.pages = probe["pages"]
        for stage in ("import", "load", "render"):
            size.render.setdefault(stage, []).append(probe[stage])
        clean_generated(project)
        probe = json.loads(timed([PYTHON, "-c", BUILD_PROBE, str(project)], project)[2])
        size.render.setdefault("build", []).append(probe["build"])
        size.render_rss_kb.append(probe["maxrss_kb"])
    stock = stock_project(project, folder / f"n{size.workshops}-stock")
    mkdocs = str(Path(PYTHON).with_name("mkdocs"))
    for _ in range(full_runs):
        clean_generated(project)
        elapsed, rss, _ = timed([sitegen, "site"], project)
        size.full.append(elapsed)
        size.full_rss_kb.append(rss)
        clean_generated(project)
        size.sequential.append(timed([sitegen, "site", "--jobs", "1"], project)[0])
        shutil.rmtree(stock / "site", ignore_errors=True)
        elapsed, rss, _ = timed([mkdocs, "build", "-q"], stock)
        size.stock.append(elapsed)
        size.stock_rss_kb.append(rss)


REAL_RUNS = 5  # fresh processes per figure of the real site


def measure_real(folder: Path, runs: int = REAL_RUNS) -> dict:
    """The real content, as a clean clone has it, each figure a median of `runs` fresh processes measured in
    the same round: `sitegen site` (its own choice of one build or parallel ones), `sitegen site --jobs 1`
    on all cores and on one core (wall and CPU time: any idle waiting shows as wall above CPU), the stock
    build of the same Markdown (also on one core), `sitegen check`, and `make site` in the repository
    (warm: set-up done, the same check and build)."""
    project = folder / "real"
    project.mkdir()
    copy_site_project(project)
    sitegen, mkdocs = str(Path(PYTHON).with_name("sitegen")), str(Path(PYTHON).with_name("mkdocs"))
    run([sitegen, "build"], project)
    stock = stock_project(project, folder / "real-stock")
    figures: dict[str, list] = {}

    def add(name: str, result: Run) -> None:
        figures.setdefault(name, []).append([result.wall, result.cpu, result.peak_kb])

    run([sitegen, "site"], project)  # the template cache warm, as it is after the first build on a machine
    for _ in range(runs):
        add("site", run([sitegen, "site"], project))
        add("site_jobs1", run([sitegen, "site", "--jobs", "1"], project))
        add("site_one_core", run([sitegen, "site"], project, one_core=True))
        add("stock", run([mkdocs, "build", "-q"], stock))
        add("stock_one_core", run([mkdocs, "build", "-q"], stock, one_core=True))
        add("check", run([sitegen, "check"], project))
        add("make_site", run(["make", "-s", "site"], REPOSITORY))
    pages = sum(1 for _path in (project / "site").rglob("index.html"))
    return {"pages": pages, "figures": figures}


def first_make_site(folder: Path) -> dict:
    """A fresh clone's first `make site` on this machine: a new virtualenv, the packages of requirements.txt
    (from pip's cache where it has them), the catalogs, the check and the build. The Debian packages that
    make site needs are on this machine already; a machine without them adds their download and install."""
    clone = folder / "clone"
    subprocess.run(["git", "clone", "-q", str(REPOSITORY), str(clone)], check=True)
    result = run(["make", "-s", "site"], clone)
    venv = sum(path.stat().st_size for path in (clone / ".venv").rglob("*") if path.is_file())
    installed = subprocess.run([str(clone / ".venv/bin/python"), "-m", "pip", "list", "--format=freeze"],
                               capture_output=True, text=True, check=True).stdout.split()
    names = {line.split("==")[0].lower().replace("_", "-") for line in installed}
    test_tools = sorted(name for name in ("pytest", "playwright", "hypothesis", "pre-commit", "zizmor") if name in names)
    return {"wall": result.wall, "venv_mb": venv / 1e6, "packages": len(installed), "test_tools": test_tools}


def profile_render(project: Path) -> str:
    """pyinstrument's view of one render step (load, render, write), as text."""
    clean_generated(project)
    return profile(project, "render", ["build"])


def profile(project: Path, name: str, arguments: list[str]) -> str:
    """pyinstrument's view of one `sitegen ARGUMENTS` in `project`, as text (bench/results/profile-NAME.txt)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = RESULTS / f"profile-{name}.txt"
    subprocess.run([PYTHON, "-m", "pyinstrument", "--show-all", "-o", str(report), "-r", "text",
                    str(Path(PYTHON).with_name("sitegen")), "--root", str(project), *arguments],
                   check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return report.read_text(encoding="utf-8")


def preview() -> dict:
    result = subprocess.run([PYTHON, str(BENCH / "preview.py"), "--runs", "9"], capture_output=True, text=True,
                            cwd=REPOSITORY)
    if result.returncode != 0:
        return {"error": result.stderr[-500:]}
    median = re.search(r"median from saving the file to the updated page: ([0-9.]+) s", result.stdout)
    times = [float(value) for value in re.findall(r"run \d+: ([0-9.]+) s", result.stdout)]
    rebuild = re.search(r"median rebuild \(the server's log: changes detected to browsers reloaded\): ([0-9.]+) s",
                        result.stdout)
    return {"median": float(median.group(1)) if median else None, "times": times,
            "rebuild": float(rebuild.group(1)) if rebuild else None}


def lighthouse() -> dict:
    runner = BENCH / "lighthouse" / "run.py"
    if not runner.exists():
        return {"error": "bench/lighthouse/run.py is missing"}
    result = subprocess.run([PYTHON, str(runner)], capture_output=True, text=True, cwd=REPOSITORY)
    if result.returncode != 0:
        return {"error": (result.stderr or result.stdout)[-800:]}
    return json.loads((RESULTS / "lighthouse.json").read_text(encoding="utf-8"))


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    release = dict(line.split("=", 1) for line in Path("/etc/os-release").read_text().splitlines() if "=" in line)
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_mb": memory,
            "os": release.get("PRETTY_NAME", "").strip('"'), "kernel": platform.release(),
            "python": platform.python_version(),
            "packages": {name: metadata.version(name) for name in
                         ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "PyYAML", "pydantic", "Jinja2")}}


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="5,100,1000", help="workshops per language, comma-separated")
    parser.add_argument("--runs", type=int, default=5, help="runs of the render step per size")
    parser.add_argument("--full-runs", default="5:3,100:3,1000:2",
                        help="runs of the full builds per size, as size:runs (default 5:3,100:3,1000:2)")
    parser.add_argument("--no-preview", action="store_true")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-first-site", action="store_true", help="skip the fresh clone's first make site")
    parser.add_argument("--real-runs", type=int, default=REAL_RUNS, help="runs of each figure of the real site")
    parser.add_argument("--output", type=Path, default=REPOSITORY / "BENCHMARKS.md")
    parser.add_argument("--report-only", action="store_true",
                        help="measure nothing: write BENCHMARKS.md again from bench/results/")
    arguments = parser.parse_args()
    if arguments.report_only:
        results = json.loads((RESULTS / "bench.json").read_text(encoding="utf-8"))
        sizes = [Size(**size) for size in results["sizes"]]
        profiles = {name: (RESULTS / f"profile-{name}.txt").read_text(encoding="utf-8")
                    for name in ("render", "check", "site")}
        arguments.output.write_text(report(results, profiles, sizes), encoding="utf-8")
        return 0
    sizes = [Size(int(value)) for value in arguments.sizes.split(",")]
    full_runs = dict(tuple(map(int, pair.split(":"))) for pair in arguments.full_runs.split(","))
    RESULTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sitegen-bench-") as folder:
        print("bench: the real content …", file=sys.stderr, flush=True)
        real = measure_real(Path(folder), arguments.real_runs)
        profiles = {"check": profile(Path(folder) / "real", "check", ["check"]),
                    "site": profile(Path(folder) / "real", "site", ["site"])}
        first = None
        if not arguments.no_first_site:
            print("bench: a fresh clone's first make site …", file=sys.stderr, flush=True)
            first = first_make_site(Path(folder))
        for size in sizes:
            print(f"bench: N = {size.workshops} …", file=sys.stderr, flush=True)
            measure(size, arguments.runs, Path(folder), full_runs.get(size.workshops, 2))
        print("bench: profiling the render step …", file=sys.stderr, flush=True)
        profiles["render"] = profile_render(Path(folder) / f"n{sizes[-1].workshops}")
    results = {"machine": machine(), "real": real, "first_make_site": first, "sizes": [size.__dict__ for size in sizes],
               "preview": None if arguments.no_preview else preview(),
               "lighthouse": None if arguments.no_lighthouse else lighthouse()}
    (RESULTS / "bench.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    arguments.output.write_text(report(results, profiles, sizes), encoding="utf-8")
    print(f"bench: wrote {arguments.output.name} and bench/results/", file=sys.stderr)
    return 0


def report(results: dict, profiles: dict[str, str], sizes: list[Size]) -> str:
    from report import benchmarks_markdown

    return benchmarks_markdown(results, profiles, sizes)


if __name__ == "__main__":
    sys.exit(main())
