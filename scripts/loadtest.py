#!/usr/bin/env python3
"""Load generator for the codeset gRPC server; same as `codeset loadtest` (see --help)."""

from engine.tools.loadtest import main

if __name__ == "__main__":  # guarded: --client-processes re-imports this module
    raise SystemExit(main())
