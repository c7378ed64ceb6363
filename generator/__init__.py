"""newsdigest: turn scraped news articles into a searchable static news site."""

__version__ = "0.1.0"
