"""The load tester behind `codeset loadtest`: it drives a codeset gRPC server with a
realistic claim-line mix, from one or more client processes, and reports throughput,
latency percentiles, errors and the CPU the client (and any server it spawned) burned,
beside the baseline server's figures with `--compare-baseline`. See `codeset loadtest
--help` (the docstring of `arguments`).

Its modules, one job each:

- `arguments`: the command line: `parser` and the checks on its values
- `plan`: the requests, serialized before the clock starts, and each worker's share
- `workers`: one client worker, an asyncio client driving its share of calls
- `load`: one run from the parent's side: worker processes, progress line, merged figures
- `servers`: `codeset serve` (or `--baseline`) spawned on a free loopback port
- `report`: a run's figures, the ratios engine/baseline and the table
- `run`: `main`, the whole command: one load, or rounds of engine and baseline
"""

from __future__ import annotations

from engine.tools.loadtest.run import main

__all__ = ["main"]
