"""GooseTier's benchmark (issue 8): a roster generator and one harness, ``python -m bench.run``.

Every figure is a ratio against a baseline measured in the same run on the same machine, so the
results survive a slow or noisy computer. ``make bench`` runs the whole set at 100,000 rows and
writes ``bench/results.md``; ``tests/bench`` runs it at 5,000 rows with no timing assertions so
the harness cannot rot.
"""
