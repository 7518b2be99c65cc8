"""Benchmarks of whosaid against the model's own speed and a plain LangChain pipeline.

Not tests: ``make bench`` runs ``python -m bench.run``, which prints a table and writes
``bench/results.json``. ``bench.generate`` writes the synthetic corpus (with its ground truth),
``bench.baseline`` is the pipeline a developer would write by hand, and ``bench.worker`` runs
each measured step in its own process so memory and start-up are measured honestly.
"""

from __future__ import annotations
