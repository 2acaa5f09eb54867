"""Run one command and measure it: wall time, CPU time and peak memory, written as JSON to a file.

Usage:  python bench/measure.py [--one-core] RESULT.json COMMAND [ARGUMENT ...]

bench/run.py starts every measured command through this small process. A process inherits the peak
memory of the one it was forked from, and keeps it across exec: a command forked from bench/run.py
itself (which holds a synthetic project of 3,000 pages) would report bench/run.py's size as its own.
Forked from this fresh interpreter instead, the command's peak memory is its own (this interpreter's
10 MB at most). --one-core: the command (and its children) may use one core only.
"""

import json
import os
import subprocess
import sys
import time


def main() -> int:
    arguments = sys.argv[1:]
    one_core = arguments[:1] == ["--one-core"]
    if one_core:
        arguments = arguments[1:]
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    result, command = arguments[0], arguments[1:]
    start = time.perf_counter()
    process = subprocess.Popen(command)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    with open(result, "w", encoding="utf-8") as stream:
        json.dump({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "maxrss_kb": usage.ru_maxrss,
                   "code": code}, stream)
    return code if code >= 0 else 1


if __name__ == "__main__":
    sys.exit(main())
