"""Tools: the command line and the load tester."""
