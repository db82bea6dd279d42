"""Generated gRPC stubs: see scripts/gen_proto.py."""
