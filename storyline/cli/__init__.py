"""The command line: `storyline --help`."""
