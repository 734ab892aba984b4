"""Step 1: a vague request becomes a structured 5W2H breakdown."""

import re

# The offline reader matches about 4,000 distinct regular expressions per request: pattern strings written in its
# modules and passed to re.search & co., plus a few built from the request's own words. Python's re module keeps
# only 512 compiled patterns (re._MAXCACHE), so every request recompiled most of them; compiling was two thirds of
# the reading time. A bounded larger cache keeps them compiled (benchmarks/bench_reading.py prints the figures).
# The setting is a private one of the re module: where a Python lacks it, nothing changes but the speed.
PATTERN_CACHE = 16384
if getattr(re, "_MAXCACHE", PATTERN_CACHE) < PATTERN_CACHE:
    setattr(re, "_MAXCACHE", PATTERN_CACHE)  # noqa: B010 - typeshed does not declare the private name
