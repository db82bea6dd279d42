"""Runs the real `codeset serve` in a subprocess on an ephemeral loopback port."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time

from engine.transport.client import CodesetClient

LISTENING = re.compile(r"listening on ([\d.]+):(\d+) \(pid (\d+)\)")


class ServerProcess:
    def __init__(
        self, *args: str, env: dict[str, str] | None = None, codeset: str | None = None
    ) -> None:
        codeset = codeset or shutil.which("codeset")
        assert codeset, "the codeset console script is not installed (pip install -e .)"
        # A pipe nobody reads would fill and block the server: logs go to a file.
        self.log = tempfile.TemporaryFile("w+")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [codeset, "serve", "--host", "127.0.0.1", *args],
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
            env={**os.environ, **(env or {})},
        )
        self.addresses = []
        self.pids = []
        self.stderr = ""

    def wait_listening(self, count: int = 1, timeout: float = 30.0) -> ServerProcess:
        """Wait for `count` processes to announce their address (read without blocking)."""
        deadline = time.monotonic() + timeout
        output = ""
        stdout = self.process.stdout.fileno()
        os.set_blocking(stdout, False)
        while len(self.addresses) < count:
            with contextlib.suppress(BlockingIOError):  # nothing printed yet
                output += os.read(stdout, 65536).decode()
            found = LISTENING.findall(output)
            self.addresses = [f"{host}:{port}" for host, port, _ in found]
            self.pids = [int(pid) for _, _, pid in found]
            if len(self.addresses) >= count:
                break
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.logs()}")
            if time.monotonic() > deadline:
                self.stop()
                raise TimeoutError(f"server did not start listening: {output!r}")
            time.sleep(0.02)
        return self

    def wait_serving(self, timeout: float = 30.0) -> ServerProcess:
        with CodesetClient(self.address, timeout=2) as client:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    if client.serving():
                        return self
                except Exception:
                    if time.monotonic() > deadline:
                        raise
                time.sleep(0.05)

    @property
    def address(self) -> str:
        return self.addresses[0]

    @property
    def port(self) -> int:
        return int(self.address.rsplit(":", 1)[1])

    def terminate(self) -> None:
        self.process.send_signal(signal.SIGTERM)

    def stop(self, timeout: float = 30.0) -> int:
        if self.process.poll() is None:
            self.terminate()
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        self.stderr = self.logs()
        self.process.stdout.close()
        self.log.close()
        return code

    def logs(self) -> str:
        self.log.seek(0)
        return self.log.read()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
