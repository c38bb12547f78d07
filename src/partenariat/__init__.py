"""partenariat: build a strategic NGO–company partnership step by step (ORSE / Le RAMEAU method)."""

import gc

__version__ = "0.1.0"

# A command creates a few hundred thousand objects while it imports its libraries and loads its
# content, nearly all of which live until it exits: with CPython's default thresholds (700, 10,
# 10) the collector ran 120 young and one full collection during a `status`, 25-30 ms of its
# 200 (benchmarks/bench_startup.py). Collecting less often changes no result, only when
# unreachable cycles are freed; the wizard also freezes what it loaded (session.settle_memory).
_YOUNG, _MIDDLE, _OLD = gc.get_threshold()
if _YOUNG and _YOUNG < 10_000:  # 0 means collection is disabled: left as the user set it
    gc.set_threshold(10_000, max(_MIDDLE, 20), max(_OLD, 20))
