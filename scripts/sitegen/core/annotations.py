"""Problems as GitHub Actions workflow commands, so that a pull request shows each one on its line.

Under GitHub Actions (`GITHUB_ACTIONS=true`), each problem is printed a second time as
`::error file=…,line=…,col=…,title=…::message` (`::warning` for a warning); GitHub then shows it under
"Files changed", on the line it names. The values are escaped as GitHub's toolkit escapes them
(actions/toolkit, packages/core/src/command.ts: `escapeData`, `escapeProperty`): `%`, CR and LF in the
message, and `:` and `,` too in the properties. So no text from the content can end the command early
or start one of its own on a new line (`::add-mask::`, `::stop-commands::`, `::set-output`, …).

The runner also still reads the old form `##[command]data` anywhere in a line (actions/runner,
src/Runner.Common/ActionCommand.cs, `TryParse`: `message.IndexOf("##[")`), `##[stop-commands]` and
`##[add-mask]` included. So under GitHub Actions everything else sitegen prints goes through `guard`,
which writes `##[` with a zero-width space after the first `#`: it looks the same, and is no command.
"""

from __future__ import annotations

import io
import logging
import os
import stat
import sys
from collections.abc import Iterable, Mapping
from typing import TextIO

from sitegen.core.errors import Problem, one_line
from sitegen.core.messages import _

def wanted(environ: Mapping[str, str] | None = None) -> bool:
    """Whether this process runs as a step of GitHub Actions, which sets GITHUB_ACTIONS=true."""
    return (os.environ if environ is None else environ).get("GITHUB_ACTIONS") == "true"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(problem: Problem) -> str:
    """The problem as one workflow command line."""
    command = "error" if problem.level == "error" else "warning"
    title = _("Error in the content") if command == "error" else _("Warning about the content")
    properties = [f"file={escape_property(one_line(problem.path))}"]
    if problem.line:
        properties.append(f"line={problem.line}")
        if problem.column:
            properties.append(f"col={problem.column}")
    properties.append(f"title={escape_property(title)}")
    line = f"::{command} {','.join(properties)}::{escape_data(one_line(problem.message))}"
    # The runner reads `##[` anywhere in a line, in a command's own values too.
    return line.replace(OLD_COMMAND, NEUTRAL)


OLD_COMMAND = "##["
NEUTRAL = "#\u200b#["
COMMAND = "::"
NEUTRAL_COMMAND = ":\u200b:"


def neutralized(text: str) -> str:
    """`text` with nothing in it that GitHub's runner would read as a command: no `##[` anywhere, and no
    line that starts with `::` (after its indentation)."""
    if OLD_COMMAND in text:
        text = text.replace(OLD_COMMAND, NEUTRAL)
    if COMMAND in text:
        text = "".join(_neutral_line(line) for line in text.splitlines(keepends=True))
    return text


def _neutral_line(line: str) -> str:
    body = line.lstrip()
    if body.startswith(COMMAND):
        return line[:len(line) - len(body)] + NEUTRAL_COMMAND + body[len(COMMAND):]
    return line


class Guarded(io.TextIOBase):
    """A text stream that writes to `stream` what is written to it, neutralized (see the module). It writes
    whole lines, so that a command cannot be put together from two writes; `flush` writes the rest."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        end = self._pending.rfind("\n")
        if end >= 0:
            done, self._pending = self._pending[:end + 1], self._pending[end + 1:]
            self.stream.write(neutralized(done))
        return len(text)

    def flush(self) -> None:
        if self._pending:
            # A line that goes on after a flush (a progress message) is neutralized as a whole line too.
            self.stream.write(neutralized(self._pending))
            self._pending = ""
        self.stream.flush()

    def writable(self) -> bool:
        return True


def guard(stream: TextIO, environ: Mapping[str, str] | None = None) -> TextIO:
    """`stream`, guarded under GitHub Actions; as it is elsewhere, and also when it is a file (the runner
    reads only the log: `sitegen status --format json > status.json` keeps its data as it is)."""
    if not wanted(environ) or _is_file(stream):
        return stream
    return Guarded(stream)


def _is_file(stream: TextIO) -> bool:
    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return False


def for_output(text: str, environ: Mapping[str, str] | None = None) -> str:
    """`text`, neutralized under GitHub Actions: for a message that another program prints (MkDocs prints
    a plugin's error itself, past any guard)."""
    return neutralized(text) if wanted(environ) else text


class GuardFilter(logging.Filter):
    """For the handlers of MkDocs' logger: each message, neutralized, before it is printed."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if OLD_COMMAND in message:
            record.msg, record.args = neutralized(message), ()
        return True


def guard_logging(logger: logging.Logger, environ: Mapping[str, str] | None = None) -> None:
    """Under GitHub Actions, neutralize what every handler of `logger` prints (once per handler)."""
    if not wanted(environ):
        return
    for handler in logger.handlers:
        if not any(isinstance(existing, GuardFilter) for existing in handler.filters):
            handler.addFilter(GuardFilter())


def workflow_commands(problems: Iterable[Problem], environ: Mapping[str, str] | None = None) -> list[str]:
    """The workflow command lines for `problems` under GitHub Actions; none elsewhere."""
    return [workflow_command(problem) for problem in problems] if wanted(environ) else []


def emit(problems: Iterable[Problem], environ: Mapping[str, str] | None = None) -> None:
    """Under GitHub Actions, print `problems` as workflow commands on standard output, past the guard (which
    would neutralize them), after what was printed before them; elsewhere nothing."""
    commands = workflow_commands(problems, environ)
    if not commands:
        return
    sys.stderr.flush()
    sys.stdout.flush()
    stream = sys.stdout.stream if isinstance(sys.stdout, Guarded) else sys.stdout
    stream.write("".join(command + "\n" for command in commands))
    stream.flush()
