"""Ingest: local files and fetched pages through one path into the store."""
