"""`python -m engine.tools.loadtest`: the same as `codeset loadtest`."""

from __future__ import annotations

from engine.tools.loadtest.run import main

if __name__ == "__main__":
    raise SystemExit(main())
