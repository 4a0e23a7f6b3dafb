"""The `kaoping` command line: scripting and inspection over the same services as the desktop UI."""
