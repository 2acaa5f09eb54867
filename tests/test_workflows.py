"""The GitHub Actions workflows: valid for GitHub, clean for zizmor, pinned, least privilege, and doing what
the README promises (check, test, strict build, translation status, artifacts, Pages deployment).

Every check is a function that returns what is wrong, so that the tests can show it on a broken copy too.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPOSITORY
from sitegen.cli import COMMANDS, make_parser

WORKFLOWS = REPOSITORY / ".github" / "workflows"
PR, DEPLOY = WORKFLOWS / "pr.yml", WORKFLOWS / "deploy.yml"
BIN = Path(sys.executable).parent  # console scripts of the virtualenv the tests run in
EDIT_URL = ("${{ github.server_url }}/${{ github.repository }}/edit/"
            "${{ github.event.repository.default_branch }}/")
# `uses: owner/repo@<40 hex> # v1.2.3`, the version a human can read next to the commit that runs.
PINNED = re.compile(r"[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<reference>.*?)\s*$", re.MULTILINE)
WRITE_ALLOWED = {"deploy.yml": {"deploy": {"pages", "id-token"}}}
CHECKOUT_PIN = "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1"
DEPLOY_PAGES_COMMIT = "cd2ce8fcbc39b97be8ca5fce6e763baed58fa128"


def load(path: Path) -> dict:
    """The workflow as data; YAML 1.1 reads the key `on` as True, so it is put back."""
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in workflow:
        workflow["on"] = workflow.pop(True)
    return workflow


def steps(workflow: dict):
    """(job id, step) for every step of every job."""
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def uses(job: dict, action: str) -> dict:
    """The job's step that uses the action."""
    return next(step for step in job["steps"] if step.get("uses", "").startswith(action + "@"))


def commands(workflow: dict) -> list[list[str]]:
    """Every shell command of every `run:` as words: split at `&&`, `||` and `;`, cut at a redirection or pipe."""
    found = []
    for _, step in steps(workflow):
        for line in step.get("run", "").splitlines():
            for command in re.split(r"&&|\|\||;", line):
                words = shlex.split(command, comments=True)
                words = words[:next((i for i, word in enumerate(words) if word in {">", ">>", "|"}), len(words))]
                if words:
                    found.append(words)
    return found


def run_tool(name: str, *args: str | Path, cwd: Path = REPOSITORY) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / name), *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def broken_copy(tmp_path: Path, source: Path, *replacements: tuple[str, str]) -> Path:
    """A copy of a workflow in tmp_path/.github/workflows/ with the given text replaced."""
    text = source.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    target = tmp_path / ".github" / "workflows" / source.name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


# --- the checks -----------------------------------------------------------------------------------

def unpinned_actions(path: Path) -> list[str]:
    """Every `uses:` that is not an action pinned to a full commit with its version as a comment."""
    references = USES_LINE.findall(path.read_text(encoding="utf-8"))
    # The text search must see every `uses` the workflow has, or a differently written one would slip by.
    assert len(references) == sum(1 for _, step in steps(load(path)) if "uses" in step), path
    return [reference for reference in references if not PINNED.fullmatch(reference)]


def write_grants(path: Path) -> list[str]:
    """Permissions beyond reading: any at the top level, and in jobs other than the Pages deployment."""
    workflow = load(path)
    problems = [] if workflow.get("permissions") == {} else [f"top level: {workflow.get('permissions')!r}"]
    allowed = WRITE_ALLOWED.get(path.name, {})
    for job_id, job in workflow["jobs"].items():
        permissions = job.get("permissions", {})
        if not isinstance(permissions, dict):  # write-all, read-all
            problems.append(f"{job_id}: {permissions!r}")
            continue
        for scope, level in permissions.items():
            if level not in {"read", "none"} and scope not in allowed.get(job_id, set()):
                problems.append(f"{job_id}: {scope}: {level}")
    return problems


def expressions_in_run(path: Path) -> list[str]:
    """`run:` scripts with a `${{ }}` expression: GitHub pastes its value into the script (injection)."""
    return [f"{job_id}: {step.get('name', step['run'])}" for job_id, step in steps(load(path))
            if "${{" in step.get("run", "")]


# --- GitHub's schema and zizmor ---------------------------------------------------------------------

def test_workflows_match_githubs_schema():
    result = run_tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows", PR, DEPLOY)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_rejects_a_misspelt_key(tmp_path):
    broken = broken_copy(tmp_path, PR, ("    runs-on: ubuntu-latest", "    runs_on: ubuntu-latest"))
    result = run_tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows", broken)
    assert result.returncode == 1
    assert "runs_on" in result.stdout + result.stderr


def test_zizmor_finds_nothing():
    """zizmor audits the workflows (and the pre-commit configuration) offline: no findings at all."""
    result = run_tool("zizmor", "--offline", REPOSITORY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout


def test_zizmor_reports_an_unpinned_action_and_write_all(tmp_path):
    broken = broken_copy(tmp_path, PR, (CHECKOUT_PIN, "actions/checkout@v4"),
                         ("    permissions:\n      contents: read\n", "    permissions: write-all\n"))
    result = run_tool("zizmor", "--offline", broken)
    assert result.returncode != 0
    assert "unpinned-uses" in result.stdout and "excessive-permissions" in result.stdout, result.stdout


# --- pins, permissions, injection -------------------------------------------------------------------

@pytest.mark.parametrize("path", [PR, DEPLOY], ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    assert unpinned_actions(path) == []


def test_pin_check_finds_a_tag_and_a_missing_version(tmp_path):
    broken = broken_copy(tmp_path, DEPLOY, (CHECKOUT_PIN, "actions/checkout@v7"),
                         (f"@{DEPLOY_PAGES_COMMIT} # v5.0.0", f"@{DEPLOY_PAGES_COMMIT}"))
    assert unpinned_actions(broken) == ["actions/checkout@v7", f"actions/deploy-pages@{DEPLOY_PAGES_COMMIT}"]


@pytest.mark.parametrize("path", [PR, DEPLOY], ids=lambda path: path.name)
def test_only_the_pages_deployment_may_write(path):
    assert write_grants(path) == []


def test_pages_deployment_has_exactly_what_it_needs():
    deploy = load(DEPLOY)["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_permission_check_finds_write_all(tmp_path):
    broken = broken_copy(tmp_path, DEPLOY, ("permissions: {}", "permissions: write-all"),
                         ("      contents: read\n", "      contents: write\n"))
    assert write_grants(broken) == ["top level: 'write-all'", "build: contents: write"]


@pytest.mark.parametrize("path", [PR, DEPLOY], ids=lambda path: path.name)
def test_no_expression_inside_a_run_script(path):
    assert expressions_in_run(path) == []


def test_injection_check_finds_an_expression(tmp_path):
    injected = "SITE_URL=${{ steps.pages.outputs.base_url }} make site"
    broken = broken_copy(tmp_path, DEPLOY, ("        run: make site", f"        run: {injected}"))
    assert expressions_in_run(broken) == ["build: Check the content, build the site strictly"]


@pytest.mark.parametrize("path", [PR, DEPLOY], ids=lambda path: path.name)
def test_checkout_keeps_no_credentials(path):
    checkouts = [step for _, step in steps(load(path)) if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(step["with"]["persist-credentials"] is False for step in checkouts)


@pytest.mark.parametrize("path", [PR, DEPLOY], ids=lambda path: path.name)
def test_every_job_gets_the_edit_url(path):
    workflow = load(path)
    for job in workflow["jobs"].values():
        assert {**workflow.get("env", {}), **job.get("env", {})}.get("SITEGEN_EDIT_URL") == EDIT_URL


@pytest.mark.parametrize("path", [PR, DEPLOY], ids=lambda path: path.name)
def test_building_jobs_run_on_debian(path):
    """Debian's chromium and aspell dictionaries; Ubuntu's chromium is a snap stub that fails in CI."""
    for job in load(path)["jobs"].values():
        if any("make" in step.get("run", "") for step in job["steps"]):
            # A dated tag pinned by its digest: the same system on every run.
            assert re.fullmatch(r"debian:bookworm-\d{8}@sha256:[0-9a-f]{64}", job["container"]["image"])


# --- what the workflows do ---------------------------------------------------------------------------

def test_pull_requests_check_test_build_and_report():
    workflow = load(PR)
    assert set(workflow["on"]) == {"pull_request", "workflow_dispatch"}
    makes = [words[1:] for words in commands(workflow) if words[0] == "make"]
    assert makes == [["check"], ["test"], ["site"]]
    summary = [step["run"] for _, step in steps(workflow) if "GITHUB_STEP_SUMMARY" in step.get("run", "")]
    assert summary == ['git worktree add --detach "$RUNNER_TEMP/base" "origin/$GITHUB_BASE_REF"\n'
                       '.venv/bin/sitegen changes --base "$RUNNER_TEMP/base" >> "$GITHUB_STEP_SUMMARY"\n',
                       '.venv/bin/sitegen status --format markdown >> "$GITHUB_STEP_SUMMARY"']
    # The base branch is there to compare with, and the summary is written when the check failed too.
    [checkout] = [step for _, step in steps(workflow) if step.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"]["fetch-depth"] == 0
    [changes] = [step for _, step in steps(workflow) if "sitegen changes" in step.get("run", "")]
    assert changes["if"] == "(success() || failure()) && github.event_name == 'pull_request'"
    uploads = {step["with"]["path"].rstrip("/"): step for _, step in steps(workflow)
               if step.get("uses", "").startswith("actions/upload-artifact@")}
    assert set(uploads) == {"site", "test-artifacts"}
    assert uploads["site"]["with"]["if-no-files-found"] == "error"
    # The screenshots and the report matter most when a test failed.
    assert uploads["test-artifacts"]["if"] == "always()"
    assert uploads["test-artifacts"]["with"]["if-no-files-found"] == "ignore"


def test_deployment_builds_for_the_pages_address_and_deploys():
    workflow = load(DEPLOY)
    assert workflow["on"]["push"] == {"branches": ["main"]} and "workflow_dispatch" in workflow["on"]
    assert workflow["concurrency"]["cancel-in-progress"] is False
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    configure = uses(build, "actions/configure-pages")
    make_site = next(step for step in build["steps"] if step.get("run") == "make site")
    assert make_site["env"]["SITE_URL"] == "${{ steps.%s.outputs.base_url }}" % configure["id"]
    upload = uses(build, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "site"
    # The configuration and the upload come before and after the build.
    assert build["steps"].index(configure) < build["steps"].index(make_site) < build["steps"].index(upload)
    # Nothing is published while a publisher fact is missing: the release check runs before the upload.
    release = next(step for step in build["steps"] if step.get("run") == "make release-check")
    assert build["steps"].index(release) < build["steps"].index(upload)
    assert "release-check: setup" in (REPOSITORY / "Makefile").read_text(encoding="utf-8")
    assert "\t$(BIN)/sitegen check --release\n" in (REPOSITORY / "Makefile").read_text(encoding="utf-8")
    assert deploy["needs"] == "build"
    [step] = deploy["steps"]
    assert step["uses"].startswith("actions/deploy-pages@")
    assert deploy["environment"] == {"name": "github-pages", "url": "${{ steps.%s.outputs.page_url }}" % step["id"]}


def test_deployment_uses_no_cache():
    """A cache written by one run and read by the deployment could smuggle files onto the site."""
    for _, step in steps(load(DEPLOY)):
        assert "cache" not in step.get("uses", "") and "cache" not in step.get("with", {})


# --- every command a workflow runs exists ----------------------------------------------------------

def make_targets_missing(targets: set[str]) -> list[str]:
    """The targets `make` has no rule for (`make -n` only prints what it would do)."""
    return sorted(target for target in targets
                  if subprocess.run(["make", "-n", target], cwd=REPOSITORY, capture_output=True).returncode != 0)


def test_every_make_target_exists():
    targets = {word for path in (PR, DEPLOY) for words in commands(load(path)) if words[0] == "make"
               for word in words[1:]}
    assert targets == {"check", "release-check", "test", "site"}
    assert make_targets_missing(targets | {"no-such-target"}) == ["no-such-target"]


def test_every_sitegen_command_exists_with_its_options():
    used = [words[1:] for path in (PR, DEPLOY) for words in commands(load(path)) if Path(words[0]).name == "sitegen"]
    assert used == [["changes", "--base", "$RUNNER_TEMP/base"], ["schema", "--check"],
                    ["status", "--format", "markdown"]]
    for arguments in used:
        assert arguments[0] in COMMANDS
        make_parser().parse_args(arguments)  # exits (SystemExit) on an unknown command or option
    with pytest.raises(SystemExit):
        make_parser().parse_args(["status", "--format", "html"])
