"""The parent's side of one run: `run_load` starts the client workers (the only one in
this process, or one spawned process each), opens the measured window for all of them at
once, shows the live progress line, samples the spawned servers' CPU and merges the
workers' figures into the run's.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import sys
import threading
import time
from typing import Any

from engine.tools.loadtest.plan import Payload, Plan, plans
from engine.tools.loadtest.report import Figures, summarise
from engine.tools.loadtest.servers import server_cpu_seconds
from engine.tools.loadtest.workers import (
    CALLS,
    CONNECT_TIMEOUT,
    ERRORS,
    LINES,
    drive,
    worker_process,
)


class Progress(threading.Thread):
    """Prints `elapsed, calls, lines/s, errors` on stderr about once a second; samples
    the spawned servers' CPU when the measured window opens."""

    def __init__(self, counters: Any, label: str, show: bool, server_pids: list[int]) -> None:
        super().__init__(daemon=True)
        self.counters, self.label, self.show = counters, label, show
        self.server_pids = server_pids
        self.start_at: float | None = None
        self.warmup = 0.0
        self.server_cpu_at_measure: float | None = None
        self.finished = threading.Event()
        self.shown = False

    def totals(self) -> tuple[int, int, int]:
        values = list(self.counters)
        return tuple(sum(values[kind::3]) for kind in (CALLS, LINES, ERRORS))

    def run(self) -> None:
        previous_lines, previous_time = 0, time.monotonic()
        while not self.finished.wait(0.1 if self.server_cpu_at_measure is None else 1.0):
            now = time.monotonic()
            if self.start_at is None:
                continue
            if self.server_cpu_at_measure is None and now >= self.start_at + self.warmup:
                self.server_cpu_at_measure = server_cpu_seconds(self.server_pids)
            if not self.show or now - previous_time < 0.95:
                continue
            calls, lines, errors = self.totals()
            rate = (lines - previous_lines) / (now - previous_time)
            previous_lines, previous_time = lines, now
            phase = "warmup" if now < self.start_at + self.warmup else self.label
            sys.stderr.write(
                f"\r{phase:<8} {now - self.start_at:6.1f}s  calls {calls:>11,}  "
                f"lines/s {rate:>11,.0f}  errors {errors:>7,} "
            )
            sys.stderr.flush()
            self.shown = True

    def stop(self) -> None:
        self.finished.set()
        self.join()
        if self.shown:
            sys.stderr.write("\r" + " " * 90 + "\r")
            sys.stderr.flush()


def run_load(
    args: argparse.Namespace,
    target: str,
    payloads: list[Payload],
    label: str,
    server_pids: list[int],
) -> Figures:
    """Runs the whole load against `target` (in this process or in worker processes)."""
    worker_plans = plans(args, target, payloads)
    counters = multiprocessing.RawArray("q", 3 * len(worker_plans))
    progress = Progress(counters, label, args.progress or sys.stderr.isatty(), server_pids)
    progress.warmup = args.warmup
    progress.start()
    try:
        if len(worker_plans) == 1:

            async def synchronise() -> float:
                progress.start_at = time.monotonic()
                return progress.start_at

            results = [asyncio.run(drive(worker_plans[0], counters, 0, synchronise))]
        else:
            results = _run_workers(worker_plans, counters, progress)
        server_cpu_end = server_cpu_seconds(server_pids)
    finally:
        progress.stop()
    server_cpu = None
    if server_pids and progress.server_cpu_at_measure is not None:
        server_cpu = server_cpu_end - progress.server_cpu_at_measure
    return summarise(args, results, server_cpu)


def _run_workers(worker_plans: list[Plan], counters: Any, progress: Progress) -> list[Figures]:
    context = multiprocessing.get_context("spawn")
    workers, connections = [], []
    try:
        for slot, plan in enumerate(worker_plans):
            mine, theirs = context.Pipe()
            worker = context.Process(
                target=worker_process, args=(plan, counters, slot, theirs), daemon=True
            )
            worker.start()
            workers.append(worker)
            connections.append(mine)
        for connection in connections:
            message = _receive(connection, CONNECT_TIMEOUT + 30)
            if message != "ready":
                raise ConnectionError(message[1])
        start = time.monotonic() + 0.05
        progress.start_at = start
        for connection in connections:
            connection.send(start)
        bound = worker_plans[0].warmup + worker_plans[0].duration + worker_plans[0].timeout + 60
        results = []
        for connection in connections:
            status, value = _receive(connection, bound)
            if status != "done":
                raise RuntimeError(f"a client worker failed: {value}")
            results.append(value)
        for worker in workers:
            worker.join(10)
        return results
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
                worker.join(5)


def _receive(connection: Any, timeout: float) -> Any:
    if not connection.poll(timeout):
        raise TimeoutError("a client worker did not answer in time")
    try:
        return connection.recv()
    except EOFError:
        raise RuntimeError("a client worker died") from None
