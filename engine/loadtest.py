"""`codeset loadtest`: drive a codeset gRPC server with a realistic claim-line mix and report
throughput, latency percentiles, errors and the CPU the client itself burned.

    codeset loadtest --target 127.0.0.1:50051 --mode batch --duration 10
    codeset loadtest --spawn --serve-arg "--processes 2" --compare-baseline --mode stream

Every request is built and serialized before the clock starts, and sent as raw bytes, so
the client spends its CPU on gRPC, not on protobuf. Every run is bounded: by `--duration`
(at most an hour), by `--calls` (at most 10^9) and by a deadline on every call. With
`--spawn` the servers run on a free loopback port and are stopped at the end, whatever
happens; `--compare-baseline` then runs the identical load against `codeset serve
--baseline` (the same service answering without validating) and prints each figure beside
the baseline's, with the ratio engine/baseline.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import json
import math
import multiprocessing
import os
import queue
import re
import resource
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
from google.protobuf.message import DecodeError
from hdrh.histogram import HdrHistogram

from engine.api.codeset.v1 import codeset_pb2 as pb
from engine.messages import line_message
from engine.model import Line
from engine.wire_views import item_ids

SERVICE = "/codeset.v1.CodesetService/"
METHODS = {"unary": "Validate", "batch": "ValidateBatch", "stream": "ValidateStream"}
DEFAULT_CONCURRENCY = {"unary": 64, "batch": 8, "stream": 4}
MAX_DURATION = 3600.0
MAX_WARMUP = 600.0
MAX_CALLS = 10**9
MAX_MESSAGE_BYTES = 64 * 1024 * 1024
LOWEST_US, HIGHEST_US, SIGNIFICANT_DIGITS = 1, 60_000_000, 3
PERCENTILES = (("p50", 50.0), ("p90", 90.0), ("p99", 99.0), ("p99_9", 99.9))
CONNECT_TIMEOUT = 10.0
LISTENING = re.compile(r"listening on ([\d.]+):(\d+) \(pid (\d+)\)")
VIEWS = {"basic": pb.RESULT_VIEW_BASIC, "full": pb.RESULT_VIEW_FULL}
# Counter slots each worker updates for the live progress line: calls, lines, errors.
CALLS, LINES, ERRORS = range(3)


# --- the request plan: everything a worker needs, built before the clock starts -----------


@dataclass(frozen=True)
class Payload:
    data: bytes  # the serialized request message
    lines: int
    first_id: str  # correlation ids of its first and last lines, checked in the response
    last_id: str


@dataclass(frozen=True)
class Plan:
    """One worker's share of the load (picklable: sent to worker processes)."""

    target: str
    mode: str
    payloads: list[Payload]
    concurrency: int
    channels: int
    window: int
    timeout: float
    warmup: float
    duration: float
    calls: int
    first_payload: int = 0
    channel_id_base: int = 0


def build_payloads(
    mode: str,
    pool: Sequence[Line | str],
    batch_size: int,
    id_prefix: str = "",
    view: int = pb.RESULT_VIEW_UNSPECIFIED,
) -> list[Payload]:
    """Serialized requests over `pool`: one per line (unary) or batches cycling through it."""
    if mode == "unary":
        payloads = []
        for index, line in enumerate(pool):
            cid = f"{id_prefix}{index}"
            request = pb.ValidateRequest(line=line_message(line, cid), view=view)
            payloads.append(Payload(request.SerializeToString(), 1, cid, cid))
        return payloads
    message = pb.ValidateBatchRequest if mode == "batch" else pb.ValidateStreamRequest
    payloads = []
    for batch in range(max(1, math.ceil(len(pool) / batch_size))):
        first = batch * batch_size
        ids = [f"{id_prefix}{first + offset}" for offset in range(batch_size)]
        request = message(
            lines=[
                line_message(pool[(first + offset) % len(pool)], ids[offset])
                for offset in range(batch_size)
            ],
            view=view,
        )
        payloads.append(Payload(request.SerializeToString(), batch_size, ids[0], ids[-1]))
    return payloads


def workload(args: argparse.Namespace) -> list[Line | str]:
    if args.lines_file:
        path = Path(args.lines_file)
        if not path.is_file():
            raise SystemExit(f"codeset loadtest: error: no such file: {path}")
        with open(path, encoding="utf-8", errors="replace") as handle:
            pool = [text.strip() for text in handle if text.strip()]
        if not pool:
            raise SystemExit(f"codeset loadtest: error: {path} holds no input lines")
        return pool
    from engine.workload import mixed_lines
    from plugins.hcpcs.dataset import load_data

    codes = sorted(load_data(()).codes)
    return mixed_lines(args.lines, codes, seed=args.seed, invalid_share=args.invalid_share)


# --- one worker: an asyncio client driving its share of calls over its own channels ------


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
    errors: collections.Counter = field(default_factory=collections.Counter)
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


# Every Validate response keeps its results in field 1, correlation id first: the load
# generator checks completeness and order by decoding only those ids, not paying to decode
# what it does not look at (the server's results are 25x the baseline's, and the client
# shares the machine with the server).
CorrelationIds = item_ids(1)


def check(raw: bytes, payload: Payload) -> str | None:
    """What is wrong with a response, as an error name; None when it answers every line."""
    try:
        results = CorrelationIds.FromString(raw).items  # unary: one result, same shape
    except DecodeError:
        return "UNDECODABLE"
    if len(results) != payload.lines:
        return "INCOMPLETE"
    if results[0].id != payload.first_id or results[-1].id != payload.last_id:
        return "WRONG_ID"
    return None


def _problem(error: BaseException) -> str:
    if isinstance(error, grpc.aio.AioRpcError):
        return error.code().name
    return type(error).__name__


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
            recorder.done(measured, 0.0, payload, problem := _problem(error))
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
        pending: collections.deque = collections.deque()
        window = asyncio.Semaphore(plan.window)
        failure: list[BaseException] = []

        async def read(call=call, pending=pending, window=window, failure=failure) -> None:
            try:
                while (raw := await call.read()) is not grpc.aio.EOF:
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
        problem = _problem(failure[0]) if failure else "INCOMPLETE"
        for _sent, measured, payload in pending:
            recorder.done(measured, 0.0, payload, problem)
        if failure:
            await asyncio.sleep(0.01)  # no tight loop against a failing server


async def drive(plan: Plan, counters: Any, slot: int, synchronise: Callable) -> dict:
    """Runs one worker's share of the load; returns its figures (histogram encoded)."""
    channels = []
    for index in range(plan.channels):
        # A distinct channel argument keeps grpc from sharing one subchannel (connection).
        options = [
            ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
            ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
            ("grpc.use_local_subchannel_pool", 1),
            ("grpc.channel_id", plan.channel_id_base + index),
        ]
        channels.append(grpc.aio.insecure_channel(plan.target, options=options))
    recorder = Recorder(plan, counters, slot, next_payload=plan.first_payload)
    try:
        try:
            await asyncio.wait_for(
                asyncio.gather(*(channel.channel_ready() for channel in channels)),
                CONNECT_TIMEOUT,
            )
        except TimeoutError:
            raise ConnectionError(f"cannot connect to {plan.target}") from None
        start = await synchronise()
        recorder.measure_from = start + plan.warmup
        recorder.end = recorder.measure_from + plan.duration
        path = SERVICE + METHODS[plan.mode]
        if plan.mode == "stream":
            methods = [c.stream_stream(path, None, None) for c in channels]
            task = _stream
        else:
            methods = [c.unary_unary(path, None, None) for c in channels]
            task = _calls

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
        for channel in channels:
            await channel.close()
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


def _worker_process(plan: Plan, counters: Any, slot: int, connection: Any) -> None:
    """Entry point of one client worker process (spawned, so no gRPC state is inherited)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C

    async def synchronise() -> float:
        connection.send("ready")
        return await asyncio.to_thread(connection.recv)

    try:
        connection.send(("done", asyncio.run(drive(plan, counters, slot, synchronise))))
    except BaseException as error:
        connection.send(("failed", f"{type(error).__name__}: {error}"))


# --- the parent: plans, workers, progress, servers ----------------------------------------


def split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if index < total % parts else 0) for index in range(parts)]


def plans(args: argparse.Namespace, target: str, payloads: list[Payload]) -> list[Plan]:
    workers = args.client_processes
    concurrency = split(args.concurrency, workers)
    channels = split(args.channels, workers)
    calls = split(args.calls, workers)
    return [
        Plan(
            target=target,
            mode=args.mode,
            payloads=payloads,
            concurrency=concurrency[index],
            channels=max(1, min(channels[index], concurrency[index])),
            window=args.window,
            timeout=args.timeout,
            warmup=args.warmup,
            duration=args.duration,
            calls=calls[index],
            first_payload=index * len(payloads) // workers,
            channel_id_base=index * args.channels,
        )
        for index in range(workers)
    ]


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
) -> dict:
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


def _run_workers(worker_plans: list[Plan], counters: Any, progress: Progress) -> list[dict]:
    context = multiprocessing.get_context("spawn")
    workers, connections = [], []
    try:
        for slot, plan in enumerate(worker_plans):
            mine, theirs = context.Pipe()
            worker = context.Process(
                target=_worker_process, args=(plan, counters, slot, theirs), daemon=True
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


def summarise(args: argparse.Namespace, results: list[dict], server_cpu: float | None) -> dict:
    histogram = HdrHistogram(LOWEST_US, HIGHEST_US, SIGNIFICANT_DIGITS)
    errors: collections.Counter = collections.Counter()
    for result in results:
        histogram.add(HdrHistogram.decode(result["histogram"]))
        errors.update(result["errors"])
    calls = sum(result["calls"] for result in results)
    lines = sum(result["lines"] for result in results)
    response_bytes = sum(result["response_bytes"] for result in results)
    measure_from = min(result["measure_from"] for result in results)
    last_done = max(result["last_done"] for result in results)
    wall = last_done - measure_from if calls else args.duration
    wall = max(wall, 1e-9)
    cpu = sum(result["cpu_seconds"] for result in results)
    figures: dict[str, Any] = {
        "calls": calls,
        "lines": lines,
        "response_bytes_per_line": round(response_bytes / lines, 1) if lines else None,
        "errors": sum(errors.values()),
        "errors_by_code": dict(sorted(errors.items())),
        "wall_seconds": round(wall, 3),
        "calls_per_second": round(calls / wall, 1),
        "lines_per_second": round(lines / wall, 1),
        "latency_ms": {
            **{
                name: histogram.get_value_at_percentile(percentile) / 1000
                for name, percentile in PERCENTILES
            },
            "max": histogram.get_max_value() / 1000,
            "mean": round(histogram.get_mean_value() / 1000, 3),
            "count": histogram.get_total_count(),
        },
        "client_cpu_seconds": round(cpu, 3),
        "client_cpu_per_wall": round(cpu / wall, 3),
        "client_processes": len(results),
        "client_bound": cpu / wall > 0.9 * len(results),
    }
    if args.mode == "stream":
        figures["streams"] = sum(result["streams"] for result in results)
    if server_cpu is not None:
        figures["server_cpu_seconds"] = round(server_cpu, 3)
        figures["server_cpu_per_wall"] = round(server_cpu / wall, 3)
        if lines:
            figures["server_cpu_us_per_line"] = round(server_cpu / lines * 1e6, 3)
    return figures


def server_cpu_seconds(pids: list[int]) -> float:
    """user+system CPU of running processes, from /proc (0 for any that is gone)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


class SpawnedServer:
    """`codeset serve` on a free loopback port, in its own session (Ctrl-C reaches only us;
    we stop it with SIGTERM)."""

    def __init__(self, serve_args: list[str], baseline: bool, cpus: set[int] | None = None) -> None:
        self.port = _free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.pids: list[int] = []
        command = [
            _codeset(),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--log-level",
            "warning",
            *serve_args,
            *(["--baseline"] if baseline else []),
        ]
        self.command = command
        self.log = tempfile.TemporaryFile("w+")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
            start_new_session=True,
            preexec_fn=(lambda: os.sched_setaffinity(0, cpus)) if cpus else None,
        )

    def wait_ready(self, processes: int, timeout: float = 60.0) -> SpawnedServer:
        deadline = time.monotonic() + timeout
        lines: queue.Queue = queue.Queue()
        # A thread reads its stdout to the end, so the pipe never fills and blocks it.
        threading.Thread(target=_pump, args=(self.process.stdout, lines), daemon=True).start()
        seen = []
        while len(self.pids) < processes:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise TimeoutError(
                    f"the server did not start listening; it printed {seen!r}; log: {self.logs()}"
                ) from None
            if line is None:
                raise RuntimeError(f"the server exited before listening:\n{self.logs()}")
            seen.append(line)
            # Workers print concurrently: two announcements can share one line.
            self.pids = [int(match[3]) for match in LISTENING.finditer("".join(seen))]
        from engine.client import CodesetClient

        with CodesetClient(self.address, timeout=2) as client:
            while True:
                with contextlib.suppress(grpc.RpcError):
                    if client.serving():
                        return self
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError(f"the server never turned SERVING:\n{self.logs()}")
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)  # its own session: only its own
                self.process.wait()
        self.log.close()

    def logs(self) -> str:
        self.log.seek(0)
        return self.log.read()[-4000:]


def _pump(stream: Any, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def _codeset() -> str:
    beside = Path(sys.executable).parent / "codeset"
    found = str(beside) if beside.exists() else shutil.which("codeset")
    if not found:
        raise SystemExit("codeset loadtest: error: the codeset command is not installed")
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve_processes(serve_args: list[str]) -> int:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--processes", type=int, default=1)
    known, _ = parser.parse_known_args(serve_args)
    return max(1, known.processes)


# --- command line and report ---------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="codeset loadtest",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--target", metavar="HOST:PORT", help="the running server to drive")
    where.add_argument(
        "--spawn", action="store_true", help="start `codeset serve` on a free loopback port"
    )
    p.add_argument(
        "--serve-arg",
        action="append",
        default=[],
        metavar="ARGS",
        help='extra `codeset serve` arguments for --spawn, e.g. --serve-arg "--processes 2"',
    )
    p.add_argument(
        "--compare-baseline",
        action="store_true",
        help="with --spawn: run the same load against `codeset serve --baseline` right after",
    )
    p.add_argument("--mode", choices=tuple(METHODS), default="batch")
    p.add_argument("--batch-size", type=int, default=1000, help="lines per batch (default 1000)")
    p.add_argument("--window", type=int, default=4, help="stream: batches in flight per stream")
    p.add_argument(
        "--concurrency",
        type=int,
        help="calls (streams, in stream mode) in flight in total; default 64 unary, "
        "8 batch, 4 stream",
    )
    p.add_argument(
        "--channels",
        type=int,
        default=8,
        help="HTTP/2 connections (default 8; at most one per call or stream in flight). Server "
        "processes sharing a port share connections, not calls: open several",
    )
    p.add_argument("--duration", type=float, help="measured seconds (default 10; at most 3600)")
    p.add_argument(
        "--server-cpus",
        type=_cpus,
        help="with --spawn: run the servers on these CPUs only (e.g. 0), so that on a small "
        "machine server and client stop competing for the same cores",
    )
    p.add_argument("--client-cpus", type=_cpus, help="run this client on these CPUs only (e.g. 1)")
    p.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="with --compare-baseline: alternate engine and baseline runs this many times "
        "and report the round with the median lines/s ratio (default 1)",
    )
    p.add_argument("--calls", type=int, help="at most this many measured calls (stream: batches)")
    p.add_argument("--warmup", type=float, default=2.0, help="seconds not counted (default 2)")
    p.add_argument("--timeout", type=float, default=30.0, help="deadline per call, seconds")
    p.add_argument(
        "--client-processes", type=int, default=1, help="client worker processes (default 1)"
    )
    p.add_argument(
        "--view",
        choices=VIEWS,
        help="result view to ask for (default: none sent, which the server answers as basic)",
    )
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--invalid-share", type=float, default=0.1)
    p.add_argument("--lines", type=int, default=100_000, help="distinct lines in the pool")
    p.add_argument("--lines-file", help="input lines to send instead (one `code [modifiers]` each)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--progress", action="store_true", help="progress on stderr even if no TTY")
    return p


def _checked(args: argparse.Namespace, p: argparse.ArgumentParser) -> argparse.Namespace:
    if args.compare_baseline and not args.spawn:
        p.error("--compare-baseline needs --spawn (both servers are started here)")
    if args.serve_arg and not args.spawn:
        p.error("--serve-arg needs --spawn")
    if args.duration is None:
        args.duration = 10.0 if args.calls is None else MAX_DURATION
    if args.calls is None:
        args.calls = MAX_CALLS
    if args.concurrency is None:
        args.concurrency = DEFAULT_CONCURRENCY[args.mode]
    if not 0 < args.duration <= MAX_DURATION:
        p.error(f"--duration must be in (0, {MAX_DURATION:.0f}] seconds")
    if not 0 < args.calls <= MAX_CALLS:
        p.error(f"--calls must be between 1 and {MAX_CALLS:,}")
    if not 0 <= args.warmup <= MAX_WARMUP:
        p.error(f"--warmup must be in [0, {MAX_WARMUP:.0f}] seconds")
    if not 0 < args.timeout <= MAX_DURATION:
        p.error("--timeout must be positive (at most 3600 s)")
    if not 0.0 <= args.invalid_share <= 1.0:
        p.error("--invalid-share must be between 0 and 1")
    for name in ("batch_size", "window", "channels", "lines", "client_processes"):
        if getattr(args, name) < 1:
            p.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.concurrency < args.client_processes:
        p.error("--concurrency must be at least --client-processes")
    if args.target and not re.fullmatch(r"\[?[\w.:-]+\]?:\d+", args.target):
        p.error("--target wants HOST:PORT")
    args.serve_args = [word for item in args.serve_arg for word in shlex.split(item)]
    return args


def _cpus(text: str) -> set[int]:
    """CPU numbers as `0`, `0,1` or `0-3`."""
    cpus: set[int] = set()
    for part in text.split(","):
        low, _, high = part.partition("-")
        cpus.update(range(int(low), int(high or low) + 1))
    return cpus


def main(argv: Sequence[str] | None = None) -> int:
    p = parser()
    args = _checked(p.parse_args(list(argv) if argv is not None else None), p)
    if args.client_cpus:
        os.sched_setaffinity(0, args.client_cpus)  # the worker processes inherit it
    pool = workload(args)
    view = VIEWS[args.view] if args.view else pb.RESULT_VIEW_UNSPECIFIED
    payloads = build_payloads(args.mode, pool, args.batch_size, view=view)
    report: dict[str, Any] = {"settings": _settings(args, len(pool), payloads)}
    try:
        if args.target:
            report["target"] = args.target
            report["result"] = run_load(args, args.target, payloads, "engine", [])
        else:
            report.update(_spawned_rounds(args, payloads, report))
    except KeyboardInterrupt:
        print("codeset loadtest: interrupted", file=sys.stderr)
        return 130
    except (ConnectionError, RuntimeError, TimeoutError) as error:
        print(f"codeset loadtest: error: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report))
    else:
        print(table(report))
    for name in ("result", "baseline"):
        figures = report.get(name)
        if figures and figures["client_bound"]:
            print(
                f"warning: the client used {figures['client_cpu_per_wall']:.2f} CPU-seconds per "
                f"second across {figures['client_processes']} process(es) in the "
                f"{'baseline' if name == 'baseline' else 'engine'} run: it was probably the "
                "bottleneck (try --client-processes)",
                file=sys.stderr,
            )
    return 0


def _spawned_rounds(args: argparse.Namespace, payloads: list[Payload], report: dict) -> dict:
    """Engine then baseline, `--rounds` times over, against the same two running servers.

    Machines like these drift in speed within seconds, so alternating runs and reporting
    the round with the median lines/s ratio (and every round's ratio) is fairer than one
    long run of each."""
    kinds = (False, True) if args.compare_baseline else (False,)
    servers = {
        baseline: SpawnedServer(args.serve_args, baseline, args.server_cpus) for baseline in kinds
    }
    try:
        for baseline, server in servers.items():
            server.wait_ready(_serve_processes(args.serve_args))
            key = "baseline_server" if baseline else "server"
            report[key] = {"address": server.address, "command": shlex.join(server.command)}
        rounds = []
        for _ in range(args.rounds if args.compare_baseline else 1):
            measured = {
                baseline: run_load(
                    args,
                    server.address,
                    payloads,
                    "baseline" if baseline else "engine",
                    server.pids,
                )
                for baseline, server in servers.items()
            }
            if not args.compare_baseline:
                return {"result": measured[False]}
            result, baseline = measured[False], measured[True]
            rounds.append(
                {"result": result, "baseline": baseline, "ratios": ratios(result, baseline)}
            )
    finally:
        for server in servers.values():
            server.stop()
    rounds.sort(key=lambda r: r["ratios"].get("lines_per_second", 0))
    median = rounds[len(rounds) // 2]
    median["round_ratios"] = [r["ratios"].get("lines_per_second") for r in rounds]
    p99 = [r["ratios"]["latency_ms"].get("p99") for r in rounds]
    median["round_p99_ratios"] = sorted(ratio for ratio in p99 if ratio is not None)
    return median


def _settings(args: argparse.Namespace, pool: int, payloads: list[Payload]) -> dict:
    return {
        "mode": args.mode,
        "batch_size": 1 if args.mode == "unary" else args.batch_size,
        "view": args.view or "default",
        "window": args.window if args.mode == "stream" else None,
        "concurrency": args.concurrency,
        "channels": sum(  # a worker opens no more channels than it has calls in flight
            max(1, min(channels, calls))
            for channels, calls in zip(
                split(args.channels, args.client_processes),
                split(args.concurrency, args.client_processes),
                strict=True,
            )
        ),
        "client_processes": args.client_processes,
        "duration": args.duration,
        "calls_limit": args.calls,
        "warmup": args.warmup,
        "timeout": args.timeout,
        "seed": args.seed,
        "invalid_share": None if args.lines_file else args.invalid_share,
        "lines_file": args.lines_file,
        "distinct_lines": pool,
        "request_messages": len(payloads),
        "request_bytes_mean": round(sum(len(p.data) for p in payloads) / len(payloads), 1),
    }


RATIO_FIGURES = (
    "calls_per_second",
    "lines_per_second",
    "client_cpu_seconds",
    "server_cpu_seconds",
    "server_cpu_us_per_line",
)


def ratios(result: dict, baseline: dict) -> dict:
    """engine / baseline for each figure both runs have (throughput < 1: engine slower)."""
    out = {}
    for name in RATIO_FIGURES:
        if result.get(name) and baseline.get(name):
            out[name] = result[name] / baseline[name]
    latency = {
        name: value / baseline["latency_ms"][name]
        for name, value in result["latency_ms"].items()
        if name != "count" and value and baseline["latency_ms"].get(name)
    }
    out["latency_ms"] = latency
    return out


def table(report: dict) -> str:
    settings, result, baseline = report["settings"], report["result"], report.get("baseline")
    mode = settings["mode"]
    unit = "batch round trip" if mode == "stream" else "call"
    shape = "" if mode == "unary" else f", {settings['batch_size']:,} lines per batch"
    window = f", window {settings['window']}" if mode == "stream" else ""
    in_flight = "streams" if mode == "stream" else "calls in flight"
    server = report.get("server", {}).get("command") or report.get("target")
    out = [
        f"codeset loadtest: {mode}{shape}{window}; {settings['concurrency']} {in_flight} "
        f"over {settings['channels']} channels, {settings['client_processes']} client "
        f"process(es), {settings['view']} result view",
        f"server: {server}",
    ]
    if baseline:
        out.append(f"baseline: {report['baseline_server']['command']}")
    calls_name = "batches" if mode == "stream" else "calls"

    rows: list[tuple[str, str, Callable[[dict], Any]]] = [
        (f"{calls_name}/s", "{:,.1f}", lambda f: f["calls_per_second"]),
        ("lines/s", "{:,.0f}", lambda f: f["lines_per_second"]),
        *(
            (
                f"latency {name.replace('_', '.')} ms",
                "{:,.3f}",
                lambda f, n=name: f["latency_ms"][n],
            )
            for name, _ in PERCENTILES
        ),
        ("latency max ms", "{:,.3f}", lambda f: f["latency_ms"]["max"]),
        (f"{calls_name} (measured)", "{:,}", lambda f: f["calls"]),
        ("lines (answered)", "{:,}", lambda f: f["lines"]),
        ("response bytes/line", "{:,.1f}", lambda f: f["response_bytes_per_line"]),
        ("errors", "{:,}", lambda f: f["errors"]),
        ("wall s", "{:,.2f}", lambda f: f["wall_seconds"]),
        ("client CPU s", "{:,.2f}", lambda f: f["client_cpu_seconds"]),
        ("client CPU / wall", "{:,.2f}", lambda f: f["client_cpu_per_wall"]),
        ("server CPU s", "{:,.2f}", lambda f: f.get("server_cpu_seconds")),
        ("server CPU µs/line", "{:,.2f}", lambda f: f.get("server_cpu_us_per_line")),
    ]
    header = f"{'':<22}{'engine':>14}"
    if baseline:
        header += f"{'baseline':>14}{'ratio':>9}"
    out += [f"latency is per {unit}", header]
    for name, style, pick in rows:
        value = pick(result)
        if value is None:
            continue
        row = f"{name:<22}{style.format(value):>14}"
        if baseline:
            other = pick(baseline)
            row += f"{style.format(other) if other is not None else '-':>14}"
            ratio = f"{value / other:.2f}" if value and other else "-"
            row += f"{ratio:>9}"
        out.append(row)
    if len(report.get("round_ratios", ())) > 1:
        every = ", ".join(f"{ratio:.2f}" for ratio in report["round_ratios"])
        out.append(f"lines/s ratio in each round, sorted: {every} (table: the median round)")
        p99 = report["round_p99_ratios"]
        if p99:
            every = ", ".join(f"{ratio:.2f}" for ratio in p99)
            middle = statistics.median(p99)
            out.append(f"p99 latency ratio in each round, sorted: {every} (median {middle:.2f})")
    for label, figures in (("engine", result), ("baseline", baseline)):
        if figures and figures["errors_by_code"]:
            by_code = ", ".join(f"{k} {v:,}" for k, v in figures["errors_by_code"].items())
            out.append(f"errors ({label}): {by_code}")
    return "\n".join(out)


if __name__ == "__main__":
    raise SystemExit(main())
