"""Under GitHub Actions every problem is also a workflow command on its line, and no text from the content
can make a command of its own. Checked with the runner's own parsing rules (actions/runner,
src/Runner.Common/ActionCommand.cs: TryParseV2 for `::command …::data` at the start of a line, TryParse
for the old `##[command …]data` anywhere in a line), written out below."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_site_project, sitegen, write
from sitegen.core.annotations import guard, neutralized, workflow_command, workflow_commands
from sitegen.core.errors import Problem, one_line

# The commands the runner knows (its command extensions and stop-commands).
RUNNER_COMMANDS = {"set-env", "set-output", "save-state", "add-mask", "add-path", "add-matcher", "remove-matcher",
                   "debug", "warning", "error", "notice", "group", "endgroup", "echo", "stop-commands"}


def _unescape(text: str, pairs: list[tuple[str, str]]) -> str:
    for token, replacement in pairs:
        text = text.replace(replacement, token)
    return text


DATA = [("\r", "%0D"), ("\n", "%0A"), ("%", "%25")]
PROPERTY = [("\r", "%0D"), ("\n", "%0A"), (":", "%3A"), (",", "%2C"), ("%", "%25")]
OLD = [(";", "%3B"), ("\r", "%0D"), ("\n", "%0A"), ("]", "%5D"), ("%", "%25")]


def parse(line: str):
    """What the runner reads in one line of output: (command, properties, data), or None."""
    message = line.lstrip()
    if message.startswith("::"):
        end = message.find("::", 2)
        if end >= 0:
            info = message[2:end]
            name, _, properties = info.partition(" ")
            if name in RUNNER_COMMANDS:
                pairs = [item.split("=", 1) for item in properties.strip().split(",") if item]
                return name, {pair[0]: _unescape(pair[1], PROPERTY) for pair in pairs if len(pair) == 2 and pair[1]}, \
                    _unescape(message[end + 2:], DATA)
    start = line.find("##[")
    if start >= 0:
        close = line.find("]", start)
        if close >= 0:
            name = line[start + 3:close].split(" ")[0]
            if name in RUNNER_COMMANDS:
                return name, {}, _unescape(line[close + 1:], OLD)
    return None


def test_a_problem_becomes_an_error_command_on_its_line():
    problem = Problem("content/de/faq.yaml", 3, 7, "unknown field 'titel'; did you mean 'title'?")
    line = workflow_command(problem)
    assert line == ("::error file=content/de/faq.yaml,line=3,col=7,title=Error in the content::"
                    "unknown field 'titel'; did you mean 'title'?")
    assert parse(line) == ("error", {"file": "content/de/faq.yaml", "line": "3", "col": "7",
                                     "title": "Error in the content"}, problem.message)


def test_a_warning_without_a_line_names_only_the_file():
    line = workflow_command(Problem("content/hsb/faq.yaml", 0, 0, "the translation is missing", level="warning"))
    assert parse(line) == ("warning", {"file": "content/hsb/faq.yaml", "title": "Warning about the content"},
                           "the translation is missing")


HOSTILE = [
    "\n::add-mask::secret",
    "\r\n::stop-commands::token",
    "50%0A::set-output name=x::y",
    "a,b:c%2C%3A=d",
    "##[add-mask]secret",
    "x ##[stop-commands]token",
    "::error file=evil.yaml,line=1::fake",
    "%25%0D%0A",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_no_text_ends_the_command_or_starts_another(text):
    problem = Problem(f"content/de/{text}.yaml", 2, 1, f"unknown field {text!r} and {text}")
    line = workflow_command(problem)
    assert "\n" not in line and "\r" not in line
    assert "##[" not in line  # the runner may read the old form anywhere in a line, a command's values too
    name, properties, data = parse(line)
    assert name == "error"
    assert properties["file"] == neutralized(one_line(problem.path))  # as the plain line prints it under Actions
    assert data == neutralized(one_line(problem.message))
    assert set(properties) == {"file", "line", "col", "title"}


@pytest.mark.parametrize("text", HOSTILE)
def test_the_guard_leaves_no_old_command_in_what_is_printed(text):
    stream = io.StringIO()
    print(f"content/de/faq.yaml:1:1: unknown field {text}", file=guard(stream, {"GITHUB_ACTIONS": "true"}))
    for line in stream.getvalue().splitlines():
        assert parse(line) is None, line
    assert neutralized("##[x]") != "##[x]" and neutralized("no command") == "no command"


def test_output_into_a_file_is_left_as_it_is(tmp_path):
    """The runner reads the log, not a file a step writes (`sitegen status --format json > status.json`)."""
    with open(tmp_path / "out.json", "w", encoding="utf-8") as stream:
        assert guard(stream, {"GITHUB_ACTIONS": "true"}) is stream
    assert isinstance(guard(io.StringIO(), {"GITHUB_ACTIONS": "true"}), io.TextIOBase)


def test_outside_github_actions_nothing_is_added_or_changed():
    problem = Problem("content/de/faq.yaml", 1, 1, "##[add-mask]x")
    assert workflow_commands([problem], {}) == []
    assert workflow_commands([problem], {"GITHUB_ACTIONS": "false"}) == []
    stream = io.StringIO()
    assert guard(stream, {}) is stream


# --- The real command, with hostile content ------------------------------------------------------------------

HOSTILE_FAQ = '''title: "Häufige Fragen"
"\\n::add-mask::geheim1": x
"##[stop-commands]token1": y
"::set-output name=leak::1,2:3%0A": z
questions:
  - question: Frage?
    answer: Antwort.
'''


def test_check_under_github_actions_prints_one_command_per_problem_and_nothing_else(project):
    write(project, "content/de/faq.yaml", HOSTILE_FAQ)
    write(project, "content/de/workshops/böse\n::add-mask::geheim2\n##[add-mask]geheim3.yaml", "title: x\n")
    plain = sitegen(project, "check")
    actions = sitegen(project, "check", env={"GITHUB_ACTIONS": "true"})
    assert plain.returncode == actions.returncode == 1
    commands = [parse(line) for line in (actions.stdout + actions.stderr).splitlines()]
    commands = [command for command in commands if command is not None]
    problems = [line for line in plain.stderr.splitlines() if line.startswith("content/")]
    assert len(problems) >= 4
    assert [name for name, _, _ in commands] == ["error"] * len(problems)
    for (_, properties, data), line in zip(commands, problems):
        assert line.startswith(properties["file"].replace("\u200b", "") + ":")
        assert line.endswith(data.replace("\u200b", ""))
        assert properties["title"] == "Error in the content"
    # What a reader of the log sees besides the commands is the same as without GitHub Actions.
    shown = [line for line in actions.stderr.splitlines() if not line.startswith("::")]
    assert [line.replace("\u200b", "") for line in shown] == plain.stderr.splitlines()
    assert "##[" not in actions.stdout + actions.stderr


def test_mkdocs_build_under_github_actions_prints_the_commands_and_nothing_else(tmp_path):
    """MkDocs prints a plugin's error itself, past sitegen's streams: the message is neutralized before."""
    project = copy_site_project(tmp_path)
    write(project, "content/de/faq.yaml", (project / "content/de/faq.yaml").read_text(encoding="utf-8").replace(
        "title:", '"##[add-mask]geheim4\\n::stop-commands::tok": x\ntitle:', 1))
    result = subprocess.run([str(Path(sys.executable).with_name("mkdocs")), "build", "--site-dir",
                             str(tmp_path / "out")], cwd=project, capture_output=True, text=True, timeout=120,
                            stdin=subprocess.DEVNULL, env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
                                                          "GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    lines = (result.stdout + result.stderr).splitlines()
    commands = [command for command in map(parse, lines) if command is not None]
    assert [(name, properties["file"], properties["line"]) for name, properties, _ in commands] == [
        ("error", "content/de/faq.yaml", "4")]
    assert "##[" not in result.stdout + result.stderr
    assert "unknown field '#\u200b#[add-mask]geheim4\\n::stop-commands::tok'" in result.stderr
