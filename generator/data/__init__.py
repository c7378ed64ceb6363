"""Read-only data tables used by extraction: furniture phrases, news cities, country zones."""
