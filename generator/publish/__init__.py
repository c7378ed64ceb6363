"""Publishing: write docs/, build site/ with MkDocs (incrementally, leaving build-killers
out), index it for search, serve it, and mail the digest."""
