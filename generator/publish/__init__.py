"""Publishing beyond the site: delivering the digest to readers (email)."""
