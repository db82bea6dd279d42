"""The gRPC server: `codeset serve`.

One process serves on asyncio; `processes > 1` forks that many before any gRPC object
exists, all bound to one port with SO_REUSEPORT (the kernel spreads connections, not
calls, across them). Health turns SERVING only once the data is loaded, and NOT_SERVING
first thing on SIGTERM/SIGINT, before in-flight calls are given `grace_seconds` to finish.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import signal
import sys
from collections.abc import Callable

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection, reflection_pb2

from engine.host.engine import Engine
from engine.transport.api.codeset.v1 import codeset_pb2
from engine.transport.baseline import BaselineEncoder
from engine.transport.fast_path import ResultEncoder
from engine.transport.service import SERVICE_NAME, CodesetService, Limits
from engine.transport.settings import ServerSettings

log = logging.getLogger("codeset.server")
DRAIN_QUIET_SECONDS = 0.25


def serve(settings: ServerSettings, load: Callable[[], Engine]) -> int:
    """Run until SIGTERM/SIGINT; returns the exit status."""
    if settings.processes <= 1:
        asyncio.run(_serve_one(settings, load, reuse_port=False))
        return 0
    if settings.port == 0:
        raise ValueError("several processes need a fixed port (--port), not 0")
    engine = load()  # loaded once, shared copy-on-write by the forked workers
    return _supervise(settings, load, engine)


async def _reload(
    service: CodesetService, settings: ServerSettings, load: Callable[[], Engine]
) -> None:
    """SIGHUP: load the configured data again (a new CMS or NCCI quarter, say) and swap
    it in; if anything is missing or malformed, keep serving what is loaded."""
    try:
        engine = await asyncio.to_thread(load)
    except Exception as error:
        log.error(
            "reload failed; still serving the data loaded before", extra={"error": str(error)}
        )
        return
    service.ready(engine, _encoder(engine, settings))
    log.info("reloaded")


def _settle_garbage_collector() -> None:
    """Keep the loaded data out of every future collection, and scan old objects rarely.

    The code-set data and the result caches are hundreds of thousands of long-lived
    objects; full collections that rescanned them were the server's p99 latency tail. The
    youngest generation stays small (a large one made every collection a long pause).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(5_000, 10, 100)


def _encoder(engine: Engine, settings: ServerSettings) -> BaselineEncoder | ResultEncoder:
    return BaselineEncoder() if settings.baseline else ResultEncoder(engine)


REFLECTION_V1 = "grpc.reflection.v1.ServerReflection"
_REFLECTION_V1_FILE = "grpc/reflection/v1/reflection.proto"


def _enable_reflection(server: grpc.aio.Server, *services: str) -> None:
    """Serve server reflection as grpc.reflection.v1 (what buf curl, grpcurl and current
    gRPC tools ask first) and v1alpha (what older ones ask), both listing `services`.

    grpcio-reflection ships only v1alpha; v1's messages are the same fields under another
    package, so one v1alpha servicer answers both services with v1alpha's (de)serializers.
    """
    _register_reflection_v1()
    names = (*services, REFLECTION_V1, reflection.SERVICE_NAME)
    servicer = reflection.aio.ReflectionServicer(names)
    method = grpc.stream_stream_rpc_method_handler(
        servicer.ServerReflectionInfo,
        request_deserializer=reflection_pb2.ServerReflectionRequest.FromString,
        response_serializer=reflection_pb2.ServerReflectionResponse.SerializeToString,
    )
    server.add_generic_rpc_handlers(
        tuple(
            grpc.method_handlers_generic_handler(name, {"ServerReflectionInfo": method})
            for name in (REFLECTION_V1, reflection.SERVICE_NAME)
        )
    )


def _register_reflection_v1() -> None:
    """Put grpc/reflection/v1/reflection.proto in the default descriptor pool (built from
    v1alpha's, renamed), so that reflection can describe the v1 service it lists."""
    pool = descriptor_pool.Default()
    with contextlib.suppress(KeyError):
        pool.FindFileByName(_REFLECTION_V1_FILE)
        return  # already there (a real v1 module was imported, or a second server)
    alpha, v1 = "grpc.reflection.v1alpha", "grpc.reflection.v1"
    file = descriptor_pb2.FileDescriptorProto()
    reflection_pb2.DESCRIPTOR.CopyToProto(file)
    file.name, file.package = _REFLECTION_V1_FILE, v1
    file.options.Clear()
    file.options.java_multiple_files = True
    file.options.java_package = "io.grpc.reflection.v1"
    file.options.java_outer_classname = "ServerReflectionProto"
    file.options.go_package = "google.golang.org/grpc/reflection/grpc_reflection_v1"
    for message in file.message_type:
        for field in message.field:
            if field.HasField("type_name"):
                field.type_name = field.type_name.replace(f".{alpha}.", f".{v1}.")
    for service in file.service:
        for rpc in service.method:
            rpc.input_type = rpc.input_type.replace(f".{alpha}.", f".{v1}.")
            rpc.output_type = rpc.output_type.replace(f".{alpha}.", f".{v1}.")
    pool.Add(file)


def _supervise(settings: ServerSettings, load: Callable[[], Engine], engine: Engine) -> int:
    children: list[int] = []
    for _ in range(settings.processes):
        pid = os.fork()
        if pid == 0:
            try:
                asyncio.run(_serve_one(settings, load, reuse_port=True, loaded=engine))
            finally:
                os._exit(0)
        children.append(pid)

    def forward(signum: int, _frame: object) -> None:
        for child in children:
            with contextlib.suppress(ProcessLookupError):  # already gone
                os.kill(child, signum)

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, forward)
    status = 0
    for child in children:
        _, code = os.waitpid(child, 0)
        status = status or os.waitstatus_to_exitcode(code)
    return status


async def _serve_one(
    settings: ServerSettings,
    load: Callable[[], Engine],
    *,
    reuse_port: bool,
    loaded: Engine | None = None,
) -> None:
    service = CodesetService(Limits.from_settings(settings))
    health_service = health.aio.HealthServicer()
    server = grpc.aio.server(
        options=[
            ("grpc.max_receive_message_length", settings.max_message_bytes),
            ("grpc.max_send_message_length", settings.max_message_bytes),
            ("grpc.so_reuseport", 1 if reuse_port else 0),
        ],
        maximum_concurrent_rpcs=settings.max_concurrent_rpcs,
    )
    server.add_generic_rpc_handlers((service.handler(),))
    health_pb2_grpc.add_HealthServicer_to_server(health_service, server)
    _enable_reflection(
        server,
        codeset_pb2.DESCRIPTOR.services_by_name["CodesetService"].full_name,
        health_pb2.DESCRIPTOR.services_by_name["Health"].full_name,
    )
    for name in ("", SERVICE_NAME):
        await health_service.set(name, health_pb2.HealthCheckResponse.NOT_SERVING)
    port = server.add_insecure_port(f"{settings.host}:{settings.port}")
    await server.start()
    # One write, so that several processes' announcements never interleave.
    sys.stdout.write(f"codeset serve: listening on {settings.host}:{port} (pid {os.getpid()})\n")
    sys.stdout.flush()

    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)

    try:
        engine = loaded if loaded is not None else await asyncio.to_thread(load)
    except Exception:
        await server.stop(0)
        raise
    service.ready(engine, _encoder(engine, settings))
    _settle_garbage_collector()
    for name in ("", SERVICE_NAME):
        await health_service.set(name, health_pb2.HealthCheckResponse.SERVING)
    log.info("serving", extra={"address": f"{settings.host}:{port}"})
    loop.add_signal_handler(
        signal.SIGHUP, lambda: loop.create_task(_reload(service, settings, load))
    )

    await stopping.wait()
    log.info("shutting down", extra={"grace_seconds": settings.grace_seconds})
    await health_service.enter_graceful_shutdown()
    started = loop.time()
    await service.drain(quiet=DRAIN_QUIET_SECONDS, timeout=settings.grace_seconds)
    await server.stop(max(0.0, settings.grace_seconds - (loop.time() - started)))
    log.info("stopped")
    sys.stdout.flush()
