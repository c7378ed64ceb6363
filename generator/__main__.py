"""Run the command line as `python -m generator`."""

from generator.cli.main import run

run()
