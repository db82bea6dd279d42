"""The data calls answer from: snapshots of the loaded engine and of engines pinned to
editions, each with the encoder of its answers.

A call takes one snapshot when it starts (a stream: at its first message) and keeps it to
its end, so a reload never changes editions mid-call. A request that pins editions
(`editions`: system id or URI -> edition id) answers from the engine pinned to them
(`Engine.editions.pinned`), built once per distinct set of pins, off the event loop, and
kept with its own encoder (so its cache of answers is its own).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import grpc

from engine.domain.parsing import shown_input
from engine.host.editions import MAX_PINNED_ENGINES, UnknownEdition
from engine.host.engine import Engine
from engine.transport import status
from engine.transport.fast_path import ResultEncoder
from engine.transport.status import RpcFailure, invalid_argument

LineT = TypeVar("LineT")


class Encoder(Protocol[LineT]):
    """Turns a Validate request into the bytes of its response (see engine.transport.fast_path):
    `lines` decodes the request into per-line items and its `ResultView` number (raising
    DecodeError), `results` answers a run of them (field 1 repeated over `LineResult`s),
    in the full view or the basic one.

    `LineT` is the encoder's own per-line item (each line's bytes for `ResultEncoder`, a
    decoded `Line` for `BaselineEncoder`): the service only counts and slices the items
    and hands them back to the encoder that made them."""

    def lines(self, request: bytes) -> tuple[Sequence[LineT], int]: ...

    def results(self, lines: Sequence[LineT], full: bool) -> bytes: ...


# An encoder of any item type. Snapshots hold encoders of different kinds (the loaded
# engine's may be a BaselineEncoder, pinned engines' ResultEncoders), and Python's types
# cannot say "some LineT" (an existential): `Any` stands for it. The service passes each
# snapshot's items only back to that snapshot's encoder (its helpers are generic in LineT).
AnyEncoder = Encoder[Any]


@dataclass(frozen=True, eq=False)
class Snapshot:
    """The data a call answers from: an engine and the encoder of its answers."""

    engine: Engine
    encoder: AnyEncoder


def result_encoder(engine: Engine) -> Encoder[bytes]:
    return ResultEncoder(engine)


class Snapshots:
    """The loaded data's snapshot (`ready`), and those pinned from it: a few (pins are
    release names, not per-line values), dropped oldest first."""

    def __init__(self, encoder_for: Callable[[Engine], AnyEncoder] = result_encoder) -> None:
        """`encoder_for` builds the encoder of an engine pinned to editions (the loaded
        engine's comes with it, through `ready`)."""
        self._encoder_for = encoder_for
        self._current: Snapshot | None = None
        # Snapshots by (base engine, pins as sent), and encoders by engine.
        self._pinned: dict[tuple[Engine, tuple[tuple[str, str], ...]], Snapshot] = {}
        self._encoders: dict[Engine, AnyEncoder] = {}
        self._building: asyncio.Lock | None = None

    def ready(self, engine: Engine, encoder: AnyEncoder) -> None:
        """Answer new calls from `engine` (loaded, or reloaded): calls under way keep
        the snapshot they started with."""
        self._current = Snapshot(engine, encoder)
        self._pinned.clear()
        self._encoders = {engine: encoder}

    @property
    def engine(self) -> Engine | None:
        return self._current.engine if self._current else None

    def current(self) -> Snapshot:
        if self._current is None:
            raise RpcFailure(
                grpc.StatusCode.UNAVAILABLE,
                "data is still loading; retry shortly",
                status.DATA_LOADING,
            )
        return self._current

    async def pinned(self, base: Snapshot, pins: Mapping[str, str]) -> Snapshot:
        """The snapshot answering from the editions `pins` names; `base` without pins.
        INVALID_ARGUMENT for a pin `base` cannot honour."""
        if not pins:
            return base
        key = (base.engine, tuple(sorted(pins.items())))
        found = self._pinned.get(key)
        if found is not None:
            return found
        check_pins(base.engine, pins)
        if self._building is None:
            self._building = asyncio.Lock()
        async with self._building:  # one build at a time; Editions is not thread-safe
            found = self._pinned.get(key)
            if found is not None:
                return found
            try:
                # Building a pinned engine loads data: off the event loop.
                engine = await asyncio.to_thread(base.engine.editions.pinned, dict(pins))
            except UnknownEdition as error:
                raise unpinnable(base.engine, pins, error) from None
            found = self._snapshot_of(engine, base)
            if len(self._pinned) >= MAX_PINNED_ENGINES:
                self._pinned.pop(next(iter(self._pinned)))
            self._pinned[key] = found
            return found

    def _snapshot_of(self, engine: Engine, base: Snapshot) -> Snapshot:
        """`engine` (pinned from `base`'s) with its encoder: one per engine, whatever
        spelling of the pins chose it, so that they share one cache of answers."""
        if engine is base.engine:
            return base
        encoder = self._encoders.get(engine)
        if encoder is None:
            others = [known for known in self._encoders if known is not self.engine]
            if len(others) >= MAX_PINNED_ENGINES:
                del self._encoders[others[0]]
            encoder = self._encoders[engine] = self._encoder_for(engine)
        return Snapshot(engine, encoder)


def check_pins(engine: Engine, pins: Mapping[str, str]) -> None:
    """UNKNOWN_SYSTEM / UNKNOWN_EDITION naming every pin `engine` does not hold."""
    problems = engine.editions.problems(pins)
    if problems:
        first = problems[0]
        raise invalid_argument(
            status.UNKNOWN_EDITION if first.system else status.UNKNOWN_SYSTEM,
            f"cannot answer from the pinned editions: {first}",
            *((problem.field, str(problem)) for problem in problems),
        )


def unpinnable(engine: Engine, pins: Mapping[str, str], error: UnknownEdition) -> RpcFailure:
    """A pin the system's plugin cannot honour: named by the key the caller sent."""
    field = "editions"
    for name in pins:
        system = engine.system(name)
        if system is not None and repr(system.id) in error.field:
            field = f"editions[{shown_input(name)}]"
    message = f"cannot answer from the pinned editions: {error}"
    return invalid_argument(status.UNKNOWN_EDITION, message, (field, str(error)))
