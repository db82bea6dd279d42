"""The plugin host: hook specs, the loader, the engine that runs what plugins register."""
