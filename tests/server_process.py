"""Runs the real `codeset serve` in a subprocess on an ephemeral loopback port."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time

from engine.client import CodesetClient

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
        deadline = time.monotonic() + timeout
        while len(self.addresses) < count:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError(f"server exited: {self.logs()}")
            if match := LISTENING.search(line):
                self.addresses.append(f"{match[1]}:{match[2]}")
                self.pids.append(int(match[3]))
            if time.monotonic() > deadline:
                raise TimeoutError("server did not start listening")
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
