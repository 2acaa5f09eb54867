"""The one place that knows how a worker of a parallel build learns what it builds: environment variables.

A worker is a separate `mkdocs build` process (parallel.py starts it), and MkDocs hands a plugin nothing
but mkdocs.yml, so the parent tells it through its environment: the code of the one language it builds,
and the file with what the sitegen plugin and mkdocs.yml need to know about the content
(render.facts.SiteFacts). Only this module reads or names these variables.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from sitegen.core.messages import _

LANGUAGE = "SITEGEN_BUILD_LANGUAGE"
FACTS = "SITEGEN_BUILD_FACTS"


@dataclass(frozen=True)
class Worker:
    """This process, as one worker of a parallel build."""

    language: str  # the code of the one language it builds

    @property
    def facts(self) -> str:
        """The file with the facts about the content this worker builds from, written by its parent."""
        path = os.environ.get(FACTS)
        if not path:
            # TRANSLATORS: {language} and {facts} are names of environment variables
            raise RuntimeError(_("{language} is set but {facts} is not; the languages are built in parallel "
                                 "by `sitegen site`").format(language=LANGUAGE, facts=FACTS))
        return path


def this_worker() -> Worker | None:
    """This process, if it is a worker of a parallel build; None in any other build."""
    language = os.environ.get(LANGUAGE)
    return Worker(language) if language else None


def worker_environment(language: str, facts: str) -> dict[str, str]:
    """The variables the parent adds to a worker's environment: build `language` from the facts in `facts`."""
    return {LANGUAGE: language, FACTS: facts}
