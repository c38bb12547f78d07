"""partenariat: build a strategic NGO–company partnership step by step (ORSE / Le RAMEAU method)."""

import atexit
import gc

__version__ = "0.1.0"

# A command creates a few hundred thousand objects while it imports its libraries and loads its
# content, nearly all of which live until it exits: with CPython's default thresholds (700, 10,
# 10) the collector ran 120 young and one full collection during a `status`, 25-30 ms of its
# 200 (benchmarks/bench_startup.py); at 10,000 its eight young collections still took 12-15 ms
# of an export. Collecting less often changes no result, only when unreachable cycles are
# freed. The wizard, which then waits for answers, freezes what it loaded and goes back to
# smaller young collections (session.settle_memory: ``SESSION_YOUNG``), short at each prompt.
START_YOUNG, SESSION_YOUNG = 100_000, 10_000
_YOUNG, _MIDDLE, _OLD = gc.get_threshold()
if _YOUNG and _YOUNG < START_YOUNG:  # 0 means collection is disabled: left as the user set it
    gc.set_threshold(START_YOUNG, max(_MIDDLE, 20), max(_OLD, 20))

# At exit the interpreter's collections walk, and tear down, every object still alive: the
# libraries, models and content a command loaded. An export waited 70-110 ms of its 0.35 s for
# that after its last line was printed (wall time of `python -m partenariat export` with and
# without this line). Frozen objects are left alone, and the process's memory goes back to the
# system whole. atexit runs this last (it is registered first): the other exit handlers, the
# flushes and finalizers run as before.
atexit.register(gc.freeze)
