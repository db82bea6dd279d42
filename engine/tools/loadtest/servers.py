"""Spawned servers: with `--spawn`, `codeset serve` (and, for `--compare-baseline`,
`codeset serve --baseline`) runs on a free loopback port, in its own session, and is
stopped at the end, whatever happens; `server_cpu_seconds` reads the CPU its processes
burned.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

LISTENING = re.compile(r"listening on ([\d.]+):(\d+) \(pid (\d+)\)")


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
        lines: queue.Queue[str | None] = queue.Queue()
        # A thread reads its stdout to the end, so the pipe never fills and blocks it.
        threading.Thread(target=_pump, args=(self.process.stdout, lines), daemon=True).start()
        seen: list[str] = []
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
        from engine.transport.client import wait_serving

        def keep_waiting() -> bool:
            return time.monotonic() <= deadline and self.process.poll() is None

        if not wait_serving(self.address, keep_waiting):
            raise RuntimeError(f"the server never turned SERVING:\n{self.logs()}")
        return self

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


def _pump(stream: Any, lines: queue.Queue[str | None]) -> None:
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
        port: int = probe.getsockname()[1]
        return port


def serve_processes(serve_args: list[str]) -> int:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--processes", type=int, default=1)
    known, _ = parser.parse_known_args(serve_args)
    processes: int = known.processes
    return max(1, processes)
