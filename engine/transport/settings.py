"""The server's settings, kept apart from the server so the CLI starts without gRPC."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from engine.domain.config import Config, parse_flag

MiB = 1024 * 1024


@dataclass(frozen=True)
class ServerSettings:
    """Every knob of the server; set in section `server` of the configuration
    (`CODESET_SERVER_PORT=50051`, `-s server.port=50051`, `--port 50051`)."""

    host: str = "127.0.0.1"
    port: int = 50051
    processes: int = 1
    max_batch_lines: int = 5_000
    """Lines per ValidateBatch request, ValidateStream message, claim or claim-stream
    message (GetServerInfo's Limits.max_batch_lines): 5,000 keeps a full batch's response,
    in every view, under the 4 MiB receive limit stock gRPC clients start with."""
    max_lookup_batch: int = 1_000
    """Lookups per BatchLookup request (Limits.max_lookup_batch)."""
    max_message_bytes: int = 64 * MiB
    """The largest request the server reads and response it sends (Limits.max_request_bytes
    and max_response_bytes)."""
    max_concurrent_rpcs: int = 512
    grace_seconds: float = 10.0
    log_level: str = "info"
    baseline: bool = False
    """Answer without validating: the reference load tests compare against."""

    @classmethod
    def from_config(cls, config: Config) -> ServerSettings:
        # The fields set, by name: Any, as each field has its own type.
        values: dict[str, Any] = {}
        # How a raw value (TOML's or text) is read, by its field's annotation (text, under
        # `from __future__ import annotations`); str for any other.
        readers: dict[str, Callable[[Any], object]] = {
            "int": int,
            "float": float,
            "bool": parse_flag,
        }
        for spec in fields(cls):
            raw = config.get("server", spec.name)
            if raw is not None:
                kind = readers.get(str(spec.type), str)
                try:
                    values[spec.name] = kind(raw)
                except ValueError:
                    raise ValueError(f"server.{spec.name}: {raw!r} is not a {spec.type}") from None
        return cls(**values)
