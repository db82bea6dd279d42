"""Built-in code-set plugins, loaded through the `codeset` entry-point group like any other."""
