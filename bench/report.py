"""BENCHMARKS.md from the figures bench/run.py measured (bench/results/bench.json)."""

from __future__ import annotations

import json
import statistics
from pathlib import Path


def _median(values) -> float:
    return statistics.median(values) if values else float("nan")


def _mb(kilobytes) -> str:
    return f"{_median(kilobytes) / 1024:.0f}" if kilobytes else "–"


def _check(ok: bool) -> str:
    return "met" if ok else "**missed**"


# The goals of the performance issue, each measured below.
GOAL_SMALL_RATIO = 1.0  # sitegen site : stock build, at N = 5
GOAL_LARGE_RATIO = 0.5  # ... at N = 1000
GOAL_IDLE = 0.10  # on one core, wall time at most CPU time + 10 %
GOAL_CHECK = 0.5  # s, sitegen check on the real content
GOAL_MAKE_SITE = 2.5  # s, make site in all, warm
GOAL_PREVIEW = 0.3  # s, from saving a YAML file to the updated page
GOAL_MEMORY_MB = 206  # MB, peak of sitegen site at N = 1000: the figure (measured before bench/measure.py)


def _figure(real: dict, name: str, column: int = 0) -> float:
    """The median of one column (0 wall, 1 CPU, 2 peak KB) of a real-content figure."""
    return _median([row[column] for row in real["figures"][name]])


def _goal(rows: list, what: str, target: str, measured: str, ok: bool, why: str = "") -> None:
    rows.append(f"| {what} | {target} | {measured} | {_check(ok)}{'' if ok or not why else ': ' + why} |")


def benchmarks_markdown(results: dict, profiles: dict, sizes) -> str:
    profile = profiles["render"]
    machine = results["machine"]
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`bench/run.py`); do not edit by hand. Rerun it on the same kind of machine",
        "to compare; the figures below are medians over several runs, each run a fresh process. sitegen's",
        "compiled templates, kept on disk, are warm in every run after the first, as on every machine after its",
        "first build (the stock build keeps none). Peak memory is that of the largest single process (a",
        "parallel build's parent or one of its workers). `make site` is measured in the repository itself.",
        "",
        "## How to rerun",
        "",
        "    make bench                                   # everything below, about 20 minutes on 2 cores",
        "    .venv/bin/python bench/run.py --sizes 5,100  # a quicker subset",
        "    .venv/bin/python bench/synthetic.py /tmp/n1000 -n 1000   # only the synthetic project",
        "",
        "The synthetic project (`bench/synthetic.py`) is the real project with N workshops per language: the",
        "five real workshops copied under numbered names, in German, English and Upper Sorbian, all",
        "translations recorded as current. Pages = N workshops + the site's other pages (home, overview, FAQ, the",
        "legal pages), per language.",
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
        f"| CPU | {machine['cpu']}, {machine['cores']} cores |",
        f"| memory | {machine['memory_mb']} MB |",
        f"| system | {machine['os']}, Linux {machine['kernel']} |",
        f"| Python | {machine['python']} |",
        "| packages | " + ", ".join(f"{name} {version}" for name, version in machine["packages"].items()) + " |",
        "",
    ]
    lines += _goals(results, sizes)
    lines += _real(results)
    lines += [
        "## Render step (YAML → Markdown)",
        "",
        "`sitegen build` from an empty `docs/`, in a fresh process: load and validate every YAML file, render",
        "every page, write the files (a new generation, see README). *Load* and *render* are timed in",
        "another fresh process, stage by stage; *total* is the whole `pipeline.build`. Interpreter start-up",
        "and imports are not included (about {:.2f} s).".format(_median(sizes[-1].render.get("import", [0]))),
        "",
        "| N per language | pages | load + validate (s) | render (s) | total (s) | per page (ms) | share of the full build | peak memory (MB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size in sizes:
        total = _median(size.render["build"])
        share = total / _median(size.full) if size.full else float("nan")
        lines.append(f"| {size.workshops} | {size.pages} | {_median(size.render['load']):.3f} | "
                     f"{_median(size.render['render']):.3f} | {total:.3f} | {total / size.pages * 1000:.2f} | "
                     f"{share:.1%} | {_mb(size.render_rss_kb)} |")
    largest = sizes[-1]
    per_page = _median(largest.render["build"]) / largest.pages * 1000
    share = _median(largest.render["build"]) / _median(largest.full)
    if len(sizes) >= 2:
        small, big = sizes[-2], sizes[-1]
        slope = ((_median(big.render_rss_kb) - _median(small.render_rss_kb)) / 1024
                 / max(big.pages - small.pages, 1) * 1000)
        lines += ["", f"Memory grows by about {slope:.1f} MB per 1,000 pages between N = {small.workshops} "
                      f"and N = {big.workshops} (peak RSS of the process, interpreter included)."]
    lines += [
        "",
        f"Targets at N = {largest.workshops}: at most 1 ms per page: {per_page:.2f} ms, {_check(per_page <= 1)}; "
        f"at most 10 % of the full build: {share:.1%}, {_check(share <= 0.10)}.",
        "",
        "## Full build",
        "",
        "*Ours*: `sitegen site` (what `make site` runs after `sitegen check`): MkDocs with the sitegen plugin;",
        "one build in sitegen's own process for a small site, one MkDocs process per language in parallel",
        "from 64 pages per language (merged), swapped in for `site/`. *Sequential*: `sitegen site --jobs 1`,",
        "one build for all languages. *Stock*: a plain `mkdocs build` of the",
        "same rendered Markdown with Material, search and mkdocs-static-i18n only (no sitegen plugin; the",
        "generated Sorbian interface strings and the three-letter-code shim, without which the stock plugin",
        "refuses `hsb`). Overhead = ours / stock.",
        "",
        "| N per language | pages | stock (s) | sequential (s) | ours (s) | ours / stock | peak memory ours / stock (MB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size in sizes:
        stock, ours = _median(size.stock), _median(size.full)
        lines.append(f"| {size.workshops} | {size.pages} | {stock:.2f} | {_median(size.sequential):.2f} | "
                     f"{ours:.2f} | {ours / stock:.2f} | {_mb(size.full_rss_kb)} / {_mb(size.stock_rss_kb)} |")
    lines += [""]
    for size in sizes:
        target = {5: GOAL_SMALL_RATIO, 1000: GOAL_LARGE_RATIO}.get(size.workshops)
        if target is not None and size.full and size.stock:
            ratio = _median(size.full) / _median(size.stock)
            lines += [f"Target at N = {size.workshops}: at most {target:.1f} × the stock build: {ratio:.2f} ×, "
                      f"{_check(ratio <= target)}.", ""]
    preview = results.get("preview")
    lines += ["## Live preview", ""]
    if preview and preview.get("median") is not None:
        lines += ["`bench/preview.py`: a real `mkdocs serve` of the real site, Debian's chromium on a Sorbian",
                  "workshop page; 9 times a new title is saved into the YAML file, and the time until the open",
                  "page shows it is measured.", "",
                  f"Median {preview['median']:.2f} s (runs: {', '.join(f'{t:.2f}' for t in preview['times'])}"
                  + (f"; of it, the server's rebuild {preview['rebuild']:.2f} s" if preview.get("rebuild") else "")
                  + "); "
                  f"target at most {GOAL_PREVIEW} s: {_check(preview['median'] <= GOAL_PREVIEW)}.", ""]
    else:
        lines += [f"Not measured: {preview.get('error') if preview else 'skipped (--no-preview)'}", ""]
    audits = results.get("lighthouse")
    lines += ["## Lighthouse", ""]
    if audits and "pages" in audits:
        throttling = audits.get("throttling", {})
        lines += [f"Lighthouse {audits.get('lighthouse', '')} with Debian's chromium, form factor "
                  f"{audits.get('form_factor', '')}, throttling {audits.get('throttling_method', '')} "
                  f"({json.dumps(throttling)}); the site served on 127.0.0.1 by `bench/lighthouse/run.py` with text "
                  "gzip-compressed like GitHub Pages; the median of "
                  f"{audits.get('runs_per_page', 1)} run(s) per page.", "",
                  "| page | performance | accessibility | best practices | SEO | FCP (ms) | LCP (ms) | TBT (ms) | CLS | bytes |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for page in audits["pages"]:
            scores, metrics = page["scores"], page.get("metrics", {})
            lines.append(
                f"| {page['language']} {page['page']} | {scores.get('performance', 0):.0f} | "
                f"{scores.get('accessibility', 0):.0f} | {scores.get('best-practices', 0):.0f} | "
                f"{scores.get('seo', 0):.0f} | {metrics.get('fcp_ms', '')} | {metrics.get('lcp_ms', '')} | "
                f"{metrics.get('tbt_ms', '')} | {metrics.get('cls', '')} | {metrics.get('total_byte_weight', '')} |")
        worst_performance = min(page["scores"].get("performance", 0) for page in audits["pages"])
        worst_accessibility = min(page["scores"].get("accessibility", 0) for page in audits["pages"])
        lines += ["", f"Goals: performance ≥ 95: lowest {worst_performance:.0f}, {_check(worst_performance >= 95)}; "
                      f"accessibility 100: lowest {worst_accessibility:.0f}, {_check(worst_accessibility >= 100)}.", ""]
    else:
        lines += [f"Not measured: {audits.get('error') if audits else 'skipped (--no-lighthouse)'}", ""]
    lines += ["## Where the render step spends its time", "",
              f"pyinstrument, `sitegen build` at N = {largest.workshops} from an empty `docs/` "
              "(full report: `bench/results/profile-render.txt`, not committed):", "", "```"]
    lines += _outline(profile)
    lines += ["```", ""]
    for name, what in (("check", "`sitegen check`"), ("site", "`sitegen site`")):
        if profiles.get(name):
            lines += [f"## Where {what} spends its time", "",
                      f"pyinstrument, {what} on the real content (full report: `bench/results/profile-{name}.txt`, "
                      "not committed):", "", "```"]
            lines += _outline(profiles[name])
            lines += ["```", ""]
    return "\n".join(lines)


def _goals(results: dict, sizes) -> list[str]:
    """The issue's goals, each with its figure from this run."""
    rows = ["## Goals", "", "| goal | target | measured | |", "| --- | ---: | ---: | --- |"]
    by_size = {size.workshops: size for size in sizes}
    for workshops, target in ((5, GOAL_SMALL_RATIO), (1000, GOAL_LARGE_RATIO)):
        size = by_size.get(workshops)
        if size and size.full and size.stock:
            ratio = _median(size.full) / _median(size.stock)
            _goal(rows, f"`sitegen site` : stock build, N = {workshops}", f"≤ {target:.1f} ×", f"{ratio:.2f} ×",
                  ratio <= target,
                  "three language builds share two cores, so the build takes at least half of their CPU time "
                  "(each converts the Markdown of its N pages and renders Material's page template for each, with "
                  "the navigation's links cached), plus the render step and the workers' start")
    real = results.get("real")
    if real:
        wall, cpu = _figure(real, "site_one_core"), _figure(real, "site_one_core", 1)
        _goal(rows, "no idle waiting: `sitegen site` on one core, wall time vs CPU time", f"≤ CPU + {GOAL_IDLE:.0%}",
              f"{wall:.2f} s on {cpu:.2f} s ({wall / cpu - 1:+.0%})", wall <= cpu * (1 + GOAL_IDLE))
        check = _figure(real, "check")
        _goal(rows, "`sitegen check`, real content", f"≤ {GOAL_CHECK} s", f"{check:.2f} s", check <= GOAL_CHECK)
        make = _figure(real, "make_site")
        _goal(rows, "`make site` in all, warm", f"≤ {GOAL_MAKE_SITE} s", f"{make:.2f} s", make <= GOAL_MAKE_SITE)
    preview = results.get("preview")
    if preview and preview.get("median") is not None:
        _goal(rows, "live preview, save to updated page", f"≤ {GOAL_PREVIEW} s", f"{preview['median']:.2f} s",
              preview["median"] <= GOAL_PREVIEW,
              "the rebuild renders every page of all three languages with Material's templates"
              + (f" ({preview['rebuild']:.2f} s from noticing the save to telling the browser)"
                 if preview.get("rebuild") else "")
              + ", and the browser then loads the page again; MkDocs' only shorter rebuild, `--dirty`, leaves the "
              "navigation and the search index of the other pages stale, which a preview must not")
    large = by_size.get(1000)
    if large and large.full_rss_kb:
        memory = _median(large.full_rss_kb) / 1024
        _goal(rows, "peak memory of `sitegen site`, N = 1000", f"≤ {GOAL_MEMORY_MB} MB", f"{memory:.0f} MB",
              memory <= GOAL_MEMORY_MB,
              "the peak is the parent of the parallel build while it renders all 3,000 pages (the render step "
              "alone: see *Render step*); the workers stay below it")
    first = results.get("first_make_site")
    if first:
        rows.append(f"| a fresh clone's first `make site` (see *First make site*) | light: no test tools | "
                    f"{first['wall']:.0f} s, {first['packages']} packages, {first['venv_mb']:.0f} MB | "
                    f"{_check(not first['test_tools'])}{'' if not first['test_tools'] else ': ' + ', '.join(first['test_tools'])} |")
    return rows + [""]


REAL_ROWS = (
    ("site", "`sitegen site` (its choice: one build for this size)"),
    ("site_jobs1", "`sitegen site --jobs 1`"),
    ("site_one_core", "`sitegen site` on one core"),
    ("stock", "stock `mkdocs build` of the same Markdown"),
    ("stock_one_core", "stock `mkdocs build` on one core"),
    ("check", "`sitegen check`"),
    ("make_site", "`make site` (check, then site), warm"),
)


def _real(results: dict) -> list[str]:
    real = results.get("real")
    if not real:
        return []
    stock = _figure(real, "stock")
    runs = len(real["figures"]["stock"])
    lines = ["## The real site", "",
             f"The real content ({real['pages']} pages in all languages), as a clean clone has it; every figure the "
             f"median of {runs} fresh processes, all measured in the same round, one after another. *CPU* is the "
             "user and system time of the process and every process it waited for; wall time above it is time "
             "spent waiting. The template cache (compiled Jinja templates, kept on disk) is warm, as after the "
             "first build on a machine.", "",
             "| what | wall (s) | CPU (s) | wall : stock wall | peak memory (MB) |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for name, label in REAL_ROWS:
        wall, cpu = _figure(real, name), _figure(real, name, 1)
        lines.append(f"| {label} | {wall:.2f} | {cpu:.2f} | {wall / stock:.2f} | "
                     f"{_figure(real, name, 2) / 1024:.0f} |")
    first = results.get("first_make_site")
    lines += ["", "## First make site", ""]
    if first:
        lines += ["A fresh `git clone` of this repository, then `make site` once: a new virtualenv, the pinned "
                  "packages of `requirements.txt` (pip's cache holds them after the first time on a machine), the "
                  "message catalogs, the check and the build. The Debian packages `make site` needs (aspell and "
                  "its dictionaries, gettext) are on this machine; chromium and the test tools are not part of it.",
                  "", f"{first['wall']:.1f} s; {first['packages']} Python packages, {first['venv_mb']:.0f} MB in "
                  f"`.venv/`; test tools installed: {', '.join(first['test_tools']) or 'none'}.", ""]
    else:
        lines += ["Not measured (--no-first-site).", ""]
    fresh = Path(__file__).with_name("fresh-machine.md")  # a measurement by hand, with its method
    if fresh.is_file():
        lines += ["#" + line if line.startswith("## ") else line
                  for line in fresh.read_text(encoding="utf-8").splitlines()] + [""]
    return lines


def _outline(profile: str, share: float = 0.04) -> list[str]:
    """The call tree, cut to the calls that take at least `share` of the whole run."""
    import re

    lines = [line for line in profile.splitlines() if line.strip()]
    timed = [(line, float(match.group(1))) for line in lines
             if (match := re.match(r"^[\s│├└─]*([0-9]+\.[0-9]+) ", line))]
    if not timed:
        return lines[:40]
    total = max(seconds for _, seconds in timed)
    return [line for line, seconds in timed if seconds >= share * total and "importlib" not in line]
