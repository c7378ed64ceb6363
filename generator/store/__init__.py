"""The article store, its index and the derived-data cache: the only state on disk."""
