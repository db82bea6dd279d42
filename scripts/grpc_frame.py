#!/usr/bin/env python3
"""Writes one gRPC-framed request body for h2load / nghttp (see scripts/h2load_recipe.sh).

The body is what a gRPC client puts in the DATA frames of one call: a 1-byte compressed
flag (0), the 4-byte big-endian message length, then a serialized `codeset.v1`
ValidateBatchRequest of `--batch-size` lines (or a ValidateRequest of one line with
`--mode unary`), drawn from the same workload as `codeset loadtest` (same seed, same
invalid share, or `--lines-file`). Prints `LINES BYTES` on stdout.

    python scripts/grpc_frame.py --out body.bin --batch-size 1000
"""

from __future__ import annotations

import argparse
import struct
import sys

from engine.tools.loadtest.plan import build_payloads, workload


def frame(message: bytes) -> bytes:
    return struct.pack(">BI", 0, len(message)) + message


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", required=True, help="file to write the framed body to")
    parser.add_argument("--mode", choices=("batch", "unary"), default="batch")
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--invalid-share",
        type=float,
        default=0.1,
        help="share of broken lines (default 0.1, as `codeset loadtest`): a broken line is "
        "answered with issues on its result, in unary calls too",
    )
    parser.add_argument("--lines-file", help="input lines (one `code [modifiers]` each)")
    parser.add_argument("--index", type=int, default=0, help="unary: which line of the pool")
    args = parser.parse_args(argv)
    if args.batch_size < 1 or args.index < 0:
        parser.error("--batch-size must be positive and --index not negative")
    # The pool's first lines are the same whatever its size: same lines as `codeset loadtest`.
    args.lines = args.index + 1 if args.mode == "unary" else args.batch_size
    pool = workload(args)
    if args.mode == "unary":
        payload = build_payloads("unary", pool, 1)[args.index % len(pool)]
    else:
        payload = build_payloads("batch", pool, args.batch_size)[0]
    body = frame(payload.data)
    with open(args.out, "wb") as out:
        out.write(body)
    print(payload.lines, len(body))
    return 0


if __name__ == "__main__":
    sys.exit(main())
