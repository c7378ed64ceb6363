"""The command line: parse arguments, take the lock, call the pipeline, report."""
