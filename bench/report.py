"""BENCHMARKS.md from the figures bench/run.py measured (bench/results/bench.json)."""

from __future__ import annotations

import json
import statistics


def _median(values) -> float:
    return statistics.median(values) if values else float("nan")


def _mb(kilobytes) -> str:
    return f"{_median(kilobytes) / 1024:.0f}" if kilobytes else "–"


def _check(ok: bool) -> str:
    return "met" if ok else "**missed**"


def benchmarks_markdown(results: dict, profile: str, sizes) -> str:
    machine = results["machine"]
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`bench/run.py`); do not edit by hand. Rerun it on the same kind of machine",
        "to compare; the figures below are medians over several runs, each run a fresh process.",
        "",
        "## How to rerun",
        "",
        "    make bench                                   # everything below, about 15 minutes on 2 cores",
        "    .venv/bin/python bench/run.py --sizes 5,100  # a quicker subset",
        "    .venv/bin/python bench/synthetic.py /tmp/n1000 -n 1000   # only the synthetic project",
        "",
        "The synthetic project (`bench/synthetic.py`) is the real project with N workshops per language: the",
        "five real workshops copied under numbered names, in German, English and Upper Sorbian, all",
        "translations recorded as current. Pages = N workshops + home, overview and FAQ, per language.",
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
        "*Ours*: `sitegen site` (what `make site` runs after `sitegen check`): MkDocs with the sitegen plugin,",
        "one MkDocs process per language in parallel, merged and swapped in for `site/`. *Sequential*:",
        "`sitegen site --jobs 1`, one MkDocs process for all languages. *Stock*: a plain `mkdocs build` of the",
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
    ratio = _median(largest.full) / _median(largest.stock)
    lines += ["", f"Target at N = {largest.workshops}: at most 0.6 × the stock build: {ratio:.2f} ×, "
                  f"{_check(ratio <= 0.6)}.", ""]
    preview = results.get("preview")
    lines += ["## Live preview", ""]
    if preview and preview.get("median") is not None:
        lines += ["`bench/preview.py`: a real `mkdocs serve` of the real site, Debian's chromium on a Sorbian",
                  "workshop page; 9 times a new title is saved into the YAML file, and the time until the open",
                  "page shows it is measured.", "",
                  f"Median {preview['median']:.2f} s (runs: {', '.join(f'{t:.2f}' for t in preview['times'])}); "
                  f"target at most 1 s: {_check(preview['median'] <= 1)}.", ""]
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
    return "\n".join(lines)


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
