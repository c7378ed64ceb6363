"""What a fetch run did, per source: the exit status and the lines for logs come from here."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Problem


@dataclass(frozen=True)
class SourceReport:
    """One source's outcome: counts, per-item failures, and a whole-source error or deferral."""

    name: str
    new: int = 0
    unchanged: int = 0
    failures: tuple[Problem, ...] = ()  # one per item that could not be fetched or accepted
    error: str | None = None  # the source itself failed (feed unreachable, malformed, ...)
    deferred: str | None = None  # the source waits for the next run, and why
    not_modified: bool = False  # the feed or sitemap answered 304

    @property
    def failed(self) -> bool:
        """Return True when the source or any of its items failed."""
        return self.error is not None or bool(self.failures)

    @property
    def items(self) -> int:
        """Return how many items the source yielded this run."""
        return self.new + self.unchanged + len(self.failures)

    def line(self) -> str:
        """Return the one-line summary for a CI log."""
        parts = [f"{self.new} new", f"{self.unchanged} unchanged", f"{len(self.failures)} failed"]
        if self.not_modified:
            parts.append("not modified")
        if self.deferred:
            parts.append(f"deferred: {self.deferred}")
        if self.error:
            parts.append(f"error: {self.error}")
        return f"{self.name}: " + ", ".join(parts)


@dataclass(frozen=True)
class FetchReport:
    """All sources' outcomes, in configuration order."""

    sources: tuple[SourceReport, ...] = ()

    @property
    def exit_status(self) -> int:
        """Return 1 when any source or item failed, else 0 (deferral is not failure)."""
        return 1 if any(s.failed for s in self.sources) else 0

    def problems(self) -> tuple[Problem, ...]:
        """Return one problem per failure (errors) and per deferral (warnings), for stderr."""
        found: list[Problem] = []
        for source in self.sources:
            if source.error:
                found.append(Problem(source.name, source.error))
            found.extend(source.failures)
            if source.deferred:
                found.append(Problem(source.name, f"deferred: {source.deferred}", "warning"))
        return tuple(found)

    def source(self, name: str) -> SourceReport:
        """Return the named source's report."""
        return next(s for s in self.sources if s.name == name)
