"""Watch rules: named subjects a reader follows, each with its own page and feeds (issue 22)."""
