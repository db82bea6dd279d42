"""The gRPC transport: service, server, fast path, conversions, client, stubs."""
