"""The domain core: lines, claims, results, parsing and dates. No gRPC, no plugins."""
