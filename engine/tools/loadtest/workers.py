"""One client worker: an asyncio client driving its share of calls over its own channels.

`drive` runs one worker's `Plan`, either in the parent process or in a spawned worker
process (`worker_process`, spawned so that no gRPC state is inherited). Its `Recorder` counts
only the calls that started in the measured window, and `check` makes sure every response
answers every line of its request, in order. Every call has a deadline (`--timeout`). The
channels, the calls on raw bytes and the checks are `engine.transport.load_client`'s.
"""

from __future__ import annotations

import asyncio
import collections
import resource
import signal
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from hdrh.histogram import HdrHistogram

from engine.tools.loadtest.plan import Payload, Plan
from engine.tools.loadtest.report import HIGHEST_US, LOWEST_US, SIGNIFICANT_DIGITS, Figures
from engine.transport.load_client import STREAM_END, Channels, check, failure_name

CONNECT_TIMEOUT = 10.0
# Counter slots each worker updates for the live progress line: calls, lines, errors.
CALLS, LINES, ERRORS = range(3)


@dataclass
class Recorder:
    """Counts one worker's calls; a call counts when it *started* in the measured window."""

    plan: Plan
    counters: Any  # shared array for the live progress line
    slot: int
    measure_from: float = 0.0
    end: float = 0.0
    issued: int = 0
    calls: int = 0
    lines: int = 0
    response_bytes: int = 0
    errors: collections.Counter[str] = field(default_factory=collections.Counter)
    histogram: HdrHistogram = field(
        default_factory=lambda: HdrHistogram(LOWEST_US, HIGHEST_US, SIGNIFICANT_DIGITS)
    )
    last_done: float = 0.0
    streams: int = 0
    next_payload: int = 0

    def ticket(self) -> bool | None:
        """None: start no more calls; else whether the call about to start is measured."""
        now = time.monotonic()
        if now >= self.end:
            return None
        if now < self.measure_from:
            return False
        if self.issued >= self.plan.calls:
            return None
        self.issued += 1
        return True

    def payload(self) -> Payload:
        payloads = self.plan.payloads
        chosen = payloads[self.next_payload % len(payloads)]
        self.next_payload += 1
        return chosen

    def done(
        self, measured: bool, seconds: float, payload: Payload, problem: str | None, size: int = 0
    ) -> None:
        base = self.slot * 3
        self.counters[base + CALLS] += 1
        if problem:
            self.counters[base + ERRORS] += 1
        else:
            self.counters[base + LINES] += payload.lines
        if not measured:
            return
        self.calls += 1
        self.last_done = time.monotonic()
        if problem:
            self.errors[problem] += 1
            return
        self.lines += payload.lines
        self.response_bytes += size
        micros = min(max(round(seconds * 1e6), LOWEST_US), HIGHEST_US)
        self.histogram.record_value(micros)


async def _calls(recorder: Recorder, method: Any) -> None:
    """One in-flight unary or batch call at a time, until the run is over."""
    plan = recorder.plan
    while (measured := recorder.ticket()) is not None:
        payload = recorder.payload()
        started = time.perf_counter()
        try:
            raw = await method(payload.data, timeout=plan.timeout)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            recorder.done(measured, 0.0, payload, problem := failure_name(error))
            if problem == "UNAVAILABLE":
                await asyncio.sleep(0.01)  # no tight loop against a server that is gone
            continue
        seconds = time.perf_counter() - started
        recorder.done(measured, seconds, payload, check(raw, payload), len(raw))


async def _stream(recorder: Recorder, method: Any) -> None:
    """One bidirectional stream with up to `window` batches in flight; reopened on failure."""
    plan = recorder.plan
    while time.monotonic() < recorder.end and recorder.issued < plan.calls:
        recorder.streams += 1
        # The stream lives as long as the run, plus one call's deadline for its last batches.
        call = method(timeout=recorder.end - time.monotonic() + plan.timeout)
        pending: collections.deque[tuple[float, bool, Payload]] = collections.deque()
        window = asyncio.Semaphore(plan.window)
        failure: list[BaseException] = []

        async def read(
            call: Any = call,
            pending: collections.deque[tuple[float, bool, Payload]] = pending,
            window: asyncio.Semaphore = window,
            failure: list[BaseException] = failure,
        ) -> None:
            try:
                while (raw := await call.read()) is not STREAM_END:
                    sent, measured, payload = pending.popleft()
                    seconds = time.perf_counter() - sent
                    problem = check(raw, payload)
                    recorder.done(measured, seconds, payload, problem, len(raw))
                    window.release()
            except Exception as error:
                failure.append(error)
            finally:
                for _ in range(plan.window):
                    window.release()  # wake the writer: this stream is over

        reader = asyncio.create_task(read())
        try:
            while True:
                await window.acquire()
                if reader.done() or (measured := recorder.ticket()) is None:
                    break
                payload = recorder.payload()
                pending.append((time.perf_counter(), measured, payload))
                await call.write(payload.data)
            if not reader.done():
                await call.done_writing()
            await asyncio.wait({reader})
        except asyncio.CancelledError:
            call.cancel()
            raise
        except Exception as error:
            failure.append(error)
            call.cancel()
            await asyncio.wait({reader})
        # Batches never answered: the stream's failure, or a stream that ended short.
        problem = failure_name(failure[0]) if failure else "INCOMPLETE"
        for _sent, measured, payload in pending:
            recorder.done(measured, 0.0, payload, problem)
        if failure:
            await asyncio.sleep(0.01)  # no tight loop against a failing server


async def drive(
    plan: Plan, counters: Any, slot: int, synchronise: Callable[[], Awaitable[float]]
) -> Figures:
    """Runs one worker's share of the load; returns its figures (histogram encoded)."""
    channels = Channels(plan.target, plan.channels, first_id=plan.channel_id_base)
    recorder = Recorder(plan, counters, slot, next_payload=plan.first_payload)
    try:
        await channels.wait_ready(CONNECT_TIMEOUT)
        start = await synchronise()
        recorder.measure_from = start + plan.warmup
        recorder.end = recorder.measure_from + plan.duration
        methods = channels.calls(plan.mode)
        task = _stream if plan.mode == "stream" else _calls

        async def measured_cpu() -> float:  # CPU used from the end of the warmup on
            await asyncio.sleep(max(0.0, recorder.measure_from - time.monotonic()))
            return _cpu_seconds()

        cpu_task = asyncio.create_task(measured_cpu())
        tasks = [
            asyncio.create_task(task(recorder, methods[index % len(methods)]))
            for index in range(plan.concurrency)
        ]
        await asyncio.gather(*tasks)
        cpu_before = await cpu_task
        cpu = _cpu_seconds() - cpu_before
    finally:
        await channels.close()
    return {
        "calls": recorder.calls,
        "lines": recorder.lines,
        "response_bytes": recorder.response_bytes,
        "errors": dict(recorder.errors),
        "histogram": recorder.histogram.encode(),
        "cpu_seconds": cpu,
        "measure_from": recorder.measure_from,
        "last_done": recorder.last_done,
        "streams": recorder.streams,
    }


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)  # every thread, gRPC's own included
    return usage.ru_utime + usage.ru_stime


def worker_process(plan: Plan, counters: Any, slot: int, connection: Any) -> None:
    """Entry point of one client worker process (spawned, so no gRPC state is inherited)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C

    async def synchronise() -> float:
        connection.send("ready")
        return await asyncio.to_thread(connection.recv)

    try:
        connection.send(("done", asyncio.run(drive(plan, counters, slot, synchronise))))
    except BaseException as error:
        connection.send(("failed", f"{type(error).__name__}: {error}"))
