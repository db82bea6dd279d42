"""Which data edition answers a line, and engines pinned to chosen editions.

A result names the edition that answered it (`LineResult.edition`): the newest edition of
its code system in effect on the date of service. A caller may instead pin an edition per
system; the engine then answers from an engine built with `<system>.edition = <id>` in
its configuration, which the system's plugin honours by loading data up to that edition
(a plugin that cannot is refused, never silently ignored). Pinned engines are built once
per distinct set of pins and kept (a few: pins are release names, not per-line values).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from engine.domain.contract import CodeSystem
from engine.domain.effective import edition_on
from engine.domain.parsing import shown_input

if TYPE_CHECKING:
    from engine.host.engine import Engine

MAX_PINNED_ENGINES = 8
Pins = Mapping[str, str]


class UnknownEdition(ValueError):
    """A pin names a system (`system` False) or an edition this engine does not hold;
    `field` names the pin as the caller wrote it."""

    def __init__(self, field: str, problem: str, *, system: bool = True) -> None:
        super().__init__(problem)
        self.field = field
        self.system = system


def zone(name: str) -> ZoneInfo:
    """The IANA timezone `name`; a ValueError naming it when it is not one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"engine.timezone: {name!r} is not an IANA timezone") from None


class Editions:
    """One engine's editions: which answers a date, and the engine pinned to others."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._pinned: dict[tuple[tuple[str, str], ...], Engine] = {}
        self.rebuild: Callable[[Mapping[str, Mapping[str, Any]]], Engine] | None = None
        # mypy does not count a Protocol type such as CodeSystem as Hashable (python/mypy
        # #11470 and kin); registered systems are ordinary objects, hashed by identity.
        cached = lru_cache(maxsize=65536)(self._answering)
        self.answering: Callable[[CodeSystem, date | None], str] = cached  # type: ignore[assignment]

    @staticmethod
    def _answering(system: CodeSystem, on: date | None) -> str:
        edition = edition_on(system.editions, on)
        return edition.id if edition else ""

    def pinned(self, pins: Pins) -> Engine:
        """The engine answering from the editions `pins` names (system id or URI -> edition
        id); this engine when every pin names what it already answers from."""
        key = tuple(sorted(self._normalised(pins).items()))
        if all(self._newest(system_id) == edition_id for system_id, edition_id in key):
            return self._engine
        if key not in self._pinned:
            if self.rebuild is None:
                raise UnknownEdition(
                    "editions", "this engine was built by hand: it cannot be pinned"
                )
            engine = self.rebuild(
                {system_id: {"edition": edition_id} for system_id, edition_id in key}
            )
            for system_id, edition_id in key:
                if engine.editions._newest(system_id) != edition_id:
                    raise UnknownEdition(
                        f"editions[{system_id!r}]",
                        f"code system {system_id!r} cannot answer from edition {edition_id!r} "
                        "alone: its plugin does not support pinning",
                    )
            if len(self._pinned) >= MAX_PINNED_ENGINES:
                self._pinned.pop(next(iter(self._pinned)))
            self._pinned[key] = engine
        return self._pinned[key]

    def problems(self, pins: Pins) -> list[UnknownEdition]:
        """Every pin this engine cannot answer from: a system it does not load (`system`
        set False) or an edition that system does not hold."""
        found = []
        for name, edition_id in sorted(pins.items()):
            field = f"editions[{shown_input(name)}]"
            system = self._engine.system(name)
            if system is None:
                known = ", ".join(s.id for s in self._engine.systems) or "none"
                problem = f"no code system {shown_input(name)!r} is loaded (loaded: {known})"
                found.append(UnknownEdition(field, problem, system=False))
            elif edition_id not in {edition.id for edition in system.editions}:
                known = ", ".join(edition.id for edition in system.editions) or "none"
                problem = (
                    f"{system.id} has no edition {shown_input(edition_id)!r} (loaded: {known})"
                )
                found.append(UnknownEdition(field, problem))
        return found

    def _normalised(self, pins: Pins) -> dict[str, str]:
        if problems := self.problems(pins):
            raise problems[0]
        return {self._engine.system(name).id: edition_id for name, edition_id in pins.items()}  # type: ignore[union-attr]

    def _newest(self, system_id: str) -> str:
        system = self._engine.system(system_id)
        return system.editions[-1].id if system is not None and system.editions else ""
