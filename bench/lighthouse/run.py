"""Lighthouse scores of the real site, as a phone sees it: the home page and a workshop page per language.

Usage:  .venv/bin/python bench/lighthouse/run.py [--runs N] [--no-gzip] [--out FILE]

Builds the site as the browser tests do (tests/browser.py: a copy of the project, `mkdocs build
--strict`, served on 127.0.0.1 like GitHub Pages) and runs Lighthouse (npm package pinned in
bench/lighthouse/package.json) with Debian's chromium on each page: Lighthouse's default
configuration, which emulates a mid-range phone (412 px, Moto G Power) on a slow 4G connection with
simulated throttling. Like GitHub Pages, the server sends text gzip-compressed (`--no-gzip`: as it
is, like `python -m http.server`). Writes the four category scores and the main metrics per page
to bench/results/lighthouse.json, each full report beside it in bench/results/lighthouse/, and
prints a Markdown table. The goal: performance at least 95, accessibility 100.

On a fresh Debian machine it installs what it needs first: nodejs and npm (with
scripts/ensure-debian-packages.sh, when `node` or `npm` is missing), then the locked npm packages
(`npm ci`, when node_modules is missing or older than package-lock.json). Nothing downloads a browser.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent.parent
sys.path.insert(0, str(REPOSITORY / "tests"))
from browser import CHROMIUM, PagesHandler, build_and_serve  # noqa: E402 - the tests' build and server
from sitegen.content.tree import load_content  # noqa: E402
from sitegen.core.urls import HOME, WORKSHOPS, page_url  # noqa: E402

RESULTS = REPOSITORY / "bench" / "results"
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
NODE_AT_LEAST = (18, 16)  # lighthouse 12.x
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {  # audit id -> name in the results
    "first-contentful-paint": "fcp_ms",
    "largest-contentful-paint": "lcp_ms",
    "total-blocking-time": "tbt_ms",
    "cumulative-layout-shift": "cls",
    "speed-index": "speed_index_ms",
    "total-byte-weight": "total_byte_weight",
}
GOALS = {"performance": 95, "accessibility": 100}
# Types GitHub Pages sends gzip-compressed.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class CompressingPagesHandler(PagesHandler):
    """GitHub Pages as the browser tests serve it, and with text gzip-compressed, as GitHub Pages sends it."""

    def send_head(self):
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        if not path.is_file() or not content_type.startswith(COMPRESSIBLE):
            return super().send_head()  # folders without a slash, missing files, images
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def ensure_lighthouse() -> None:
    """Node.js and npm from Debian when they are missing, then the locked npm packages."""
    if not (shutil.which("node") and shutil.which("npm")):
        subprocess.run(["sh", str(REPOSITORY / "scripts" / "ensure-debian-packages.sh"), "nodejs", "npm"], check=True)
    version = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True).stdout.strip()
    if tuple(int(part) for part in version.lstrip("v").split(".")[:2]) < NODE_AT_LEAST:
        sys.exit(f"Lighthouse needs Node.js {'.'.join(map(str, NODE_AT_LEAST))} or newer; this is {version}")
    installed = HERE / "node_modules" / ".package-lock.json"
    if not LIGHTHOUSE.exists() or not installed.exists() or \
            installed.stat().st_mtime < (HERE / "package-lock.json").stat().st_mtime:
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    if not Path(CHROMIUM).exists():
        subprocess.run(["sh", str(REPOSITORY / "scripts" / "ensure-debian-packages.sh"), "chromium"], check=True)


def pages() -> list[tuple[str, str, str]]:
    """(language, kind, site-relative URL): the home page and the first workshop of each language."""
    content = load_content(REPOSITORY / "content", REPOSITORY)
    slug = content.workshop_slugs[0]
    return [(language.code, kind, url) for language in content.languages
            for kind, url in (("home", page_url(language, HOME)), ("workshop", page_url(language, WORKSHOPS, slug)))]


def lighthouse(url: str, report: Path) -> dict:
    """Run Lighthouse once, in its default (mobile) configuration; return the parsed report."""
    command = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}", "--chrome-flags=--headless --no-sandbox",
               "--no-enable-error-reporting"]  # Lighthouse sends nothing anywhere
    result = subprocess.run(command, env=dict(os.environ, CHROME_PATH=CHROMIUM), capture_output=True, text=True)
    if result.returncode != 0 or not report.exists():
        sys.exit(f"Lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def summary(report: dict) -> dict:
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    metrics = {}
    for audit, name in METRICS.items():
        value = report["audits"][audit]["numericValue"]
        metrics[name] = round(value, 3) if name == "cls" else round(value)
    failed = {category: [ref["id"] for ref in report["categories"][category]["auditRefs"]
                         if ref["weight"] > 0 and (report["audits"][ref["id"]]["score"] or 0) < 1
                         and report["audits"][ref["id"]]["scoreDisplayMode"] in ("binary", "numeric", "metricSavings")]
              for category in CATEGORIES}
    return {"scores": scores, "metrics": metrics, "audits_below_full_score": {k: v for k, v in failed.items() if v}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the run with the median performance "
                                                            "score counts (default 1)")
    parser.add_argument("--no-gzip", action="store_true", help="serve text uncompressed")
    parser.add_argument("--out", type=Path, default=RESULTS / "lighthouse.json")
    args = parser.parse_args()
    ensure_lighthouse()
    args.out = args.out.resolve()
    reports_dir = args.out.with_suffix("")
    reports_dir.mkdir(parents=True, exist_ok=True)
    results, settings = [], {}
    with tempfile.TemporaryDirectory(prefix="lighthouse-bench-") as folder:
        server = build_and_serve(Path(folder))
        if not args.no_gzip:
            server.httpd.RequestHandlerClass = functools.partial(CompressingPagesHandler, directory=str(server.root))
        try:
            for language, kind, url in pages():
                runs = []
                for run in range(args.runs):
                    report_path = reports_dir / f"{language}-{kind}-{run + 1}.json"
                    runs.append((lighthouse(server.url(url), report_path), report_path))
                by_score = sorted(runs, key=lambda item: item[0]["categories"]["performance"]["score"])
                report, report_path = by_score[(len(by_score) - 1) // 2]
                settings = report["configSettings"]
                environment = report["environment"]
                entry = {"language": language, "page": kind, "url": url,
                         "report": os.path.relpath(report_path, REPOSITORY), **summary(report)}
                if args.runs > 1:
                    entry["performance_runs"] = [round(r["categories"]["performance"]["score"] * 100) for r, _ in runs]
                results.append(entry)
                print(f"{url or '/'}: " + ", ".join(f"{k} {v}" for k, v in entry["scores"].items()), file=sys.stderr)
        finally:
            server.httpd.shutdown()
    result = {
        "lighthouse": report["lighthouseVersion"],
        "browser": environment["hostUserAgent"],
        "benchmark_index": environment["benchmarkIndex"],
        "form_factor": settings["formFactor"],
        "screen": {key: settings["screenEmulation"][key] for key in ("width", "height", "deviceScaleFactor")},
        "throttling_method": settings["throttlingMethod"],
        "throttling": settings["throttling"],
        "server": "local http/1.1 on 127.0.0.1, " + ("text uncompressed" if args.no_gzip
                                                     else "text gzip-compressed like GitHub Pages"),
        "runs_per_page": args.runs,
        "goals": GOALS,
        "pages": results,
        "below_goal": [f"{entry['url'] or '/'}: {category} {entry['scores'][category]}"
                       for entry in results for category, goal in GOALS.items() if entry["scores"][category] < goal],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(result))
    for line in result["below_goal"]:
        print(f"below the goal: {line}", file=sys.stderr)
    return 0


def table(result: dict) -> str:
    """The scores as a Markdown table, for BENCHMARKS.md."""
    throttling = result["throttling"]
    lines = [f"Lighthouse {result['lighthouse']}, {result['form_factor']}, {result['throttling_method']} throttling "
             f"({throttling['rttMs']:g} ms RTT, {throttling['throughputKbps'] / 1024:.1f} Mbit/s, "
             f"CPU ×{throttling['cpuSlowdownMultiplier']:g}); {result['server']}.", "",
             "| page | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS | bytes |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for entry in result["pages"]:
        s, m = entry["scores"], entry["metrics"]
        lines.append(f"| /{entry['url']} | {s['performance']} | {s['accessibility']} | {s['best-practices']} | "
                     f"{s['seo']} | {m['fcp_ms']} ms | {m['lcp_ms']} ms | {m['tbt_ms']} ms | {m['cls']:g} | "
                     f"{m['total_byte_weight']:,} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
