"""The Sources status page: how each fetched source has been doing, from its health record."""

from __future__ import annotations

from collections.abc import Mapping

from ..fetch.health import Health, render_sources_status
from .listings import page

STATUS_PAGE = "sources/status.md"


def render_status_page(health: Mapping[str, Health]) -> str:
    """Return the status page, judged as of the newest recorded fetch (never "now")."""
    stamps = sorted(stamp for record in health.values()
                    for stamp in (record.last_success, record.last_error_at) if stamp)
    if not stamps:
        body = ("# Sources\n\nNo source has been fetched yet: this site's articles came from "
                "local files (`newsdigest add`). After `newsdigest fetch`, each source's last "
                "success, items and errors show here.")
    else:
        body = render_sources_status(health, stamps[-1])
    return page("Source status", "status", [body])
