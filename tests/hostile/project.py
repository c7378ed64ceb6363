"""Temp projects full of hostile articles, built with the real command line and browsed.

Articles go straight into the project's store (no extraction), so every field carries the
hostile string exactly; the site is built with `newsdigest --project DIR build` and its
pages are loaded in headless Chromium that may talk to 127.0.0.1 only.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import sync_playwright

from generator.model import Article, Published
from generator.render.html import clean
from generator.store.articles import Store

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
HOOKS_LINE = re.compile(r"^hooks:", re.MULTILINE)
# Relative paths in an inline script ("../..", ".", "../assets/..."), which differ by page
# depth only.
RELATIVE_IN_SCRIPT = re.compile(r'(?<=")(?:\.\./)*(?:\.\.?"|\.\./)')
BASE_WORDS = (
    "The harbour ferry council met on Tuesday to discuss the timetable.",
    "Officials said the harbour ferry council would publish figures next week.",
)


def make_project(
    root: Path, extra_hooks: Sequence[Path] = (), config: dict[str, Any] | None = None
) -> Path:
    """Create a project at `root` using the repository's mkdocs.yml, theme and hooks."""
    root.mkdir(parents=True, exist_ok=True)
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if not HOOKS_LINE.search(text):
        text += "\nhooks:\n  - generator/publish/hooks.py\n"
    for hook in extra_hooks:
        text = HOOKS_LINE.sub(f"hooks:\n  - {hook}", text, count=1)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "generator" / "theme", root / "generator" / "theme")
    (root / "generator" / "publish").mkdir(exist_ok=True)
    shutil.copy(
        REPO / "generator" / "publish" / "hooks.py", root / "generator" / "publish" / "hooks.py"
    )
    (root / "docs").mkdir(exist_ok=True)
    shutil.copy(REPO / "docs" / "about.md", root / "docs" / "about.md")
    settings = config or {"site": {"title": "Hostile <b>Digest</b> & co", "timezone": "UTC"}}
    (root / "newsdigest.yml").write_text(
        yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8"
    )
    return root


def storable(text: str) -> str:
    """Return the text with lone surrogates replaced: the JSON store cannot write them."""
    return text.encode("utf-8", "replace").decode("utf-8")


def hostile_article(number: int, payload: str, day: int = 10) -> Article:
    """Return an article carrying `payload` in every text field, the URL included."""
    payload = storable(payload)
    article_id = hashlib.sha256(f"hostile-{number}".encode()).hexdigest()[:12]
    url = payload if number % 3 == 0 else f"https://news.example/{number}?q={payload[:40]}"
    return Article(
        id=article_id,
        title=payload,
        text="\n\n".join((BASE_WORDS[0], payload, BASE_WORDS[1] + " " + payload)),
        url=url,
        source=payload if number % 5 == 0 else "Hostile Wire",
        published=Published(
            iso=f"2026-03-{day:02d}T{number % 24:02d}:15:00+08:00",
            local=f"2026-03-{day:02d}T{number % 24:02d}:15:00",
            signal="test",
        ),
        authors=(payload, "Staff <script>alert(0)</script>"),
        dateline=payload,
        language="en",
        origin=f"hostile/{number}",
        fetched_at=None,
    )


def add_articles(root: Path, payloads: Sequence[str]) -> list[Article]:
    """Store one hostile article per payload; return them."""
    store = Store(root / "data" / "articles")
    articles = [hostile_article(i, p, 1 + i % 28) for i, p in enumerate(payloads)]
    for article in articles:
        store.add(article)
    return articles


def newsdigest(root: Path, *args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """Run the command line on a project and return the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(root), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )


def visible(text: str) -> str:
    """Return what a reader sees of a string: cleaned, with whitespace removed."""
    return "".join(clean(text).split())


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files without logging every request."""

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output clean."""


class QuietServer(http.server.ThreadingHTTPServer):
    """Do not print a traceback when the browser drops a connection it no longer needs."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay silent on dropped connections; report anything else as usual."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 (free port) and yield its base URL."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class Findings:
    """What the browser saw across all pages."""

    pages: int = 0
    dialogs: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    navigations: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # per-page DOM findings
    texts: dict[str, str] = field(default_factory=dict)  # page path -> visible text


PAGE_CHECK = """() => {
  const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data',
                     'background', 'srcset', 'ping', 'cite', 'longdesc', 'manifest'];
  const out = [];
  const content = document.querySelector('.md-content') || document.body;
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase(), value = a.value.replace(/[\\s\\u0000-\\u001f]/g, '');
      if (name.startsWith('on')) out.push('on-attribute ' + el.tagName + ' ' + name);
      if (URL_ATTRS.includes(name) &&
          (/^(javascript|vbscript):/i.test(value) || /^data:text\\/html/i.test(value)))
        out.push('script url ' + el.tagName + ' ' + name + '=' + a.value.slice(0, 60));
    }
  }
  for (const meta of document.querySelectorAll('meta[content]'))
    if (/url\\s*=/i.test(meta.content) && meta.httpEquiv) out.push('meta refresh');
  for (const sel of ['iframe', 'object', 'embed', 'frame', 'base', 'meta[http-equiv]'])
    for (const el of document.querySelectorAll(sel)) out.push('element ' + sel);
  for (const sel of ['form', 'input', 'button', 'textarea', 'link', 'style', 'svg', 'math'])
    for (const el of content.querySelectorAll(sel)) out.push('content element ' + sel);
  for (const img of document.querySelectorAll('img')) {
    const src = img.getAttribute('src') || '';
    if (/^([a-z]+:)?\\/\\//i.test(src)) out.push('remote image ' + src.slice(0, 60));
  }
  const scripts = [...document.querySelectorAll('script')].map(s => s.src
      ? 'src:' + new URL(s.src, location.href).pathname.replace(/\\.[0-9a-f]{8}\\./, '.')
      : 'inline:' + s.type + ':' + s.textContent);
  return {problems: out, scripts: scripts,
          text: (document.querySelector('.md-content') || document.body).textContent};
}"""


def normal_script(script: str) -> str:
    """Return a script's identity with depth-dependent relative paths removed."""
    return RELATIVE_IN_SCRIPT.sub(lambda m: '."' if m.group().endswith('"') else "", script)


def structured_data(script: str) -> bool:
    """Return True for a JSON-LD block (data a browser never runs) that parses as JSON and
    holds no markup: a title that broke out of it would leave neither true."""
    prefix = "inline:application/ld+json:"
    if not script.startswith(prefix):
        return False
    text = script.removeprefix(prefix)
    try:
        json.loads(text)
    except ValueError:
        return False
    return "<" not in text


def site_pages(site: Path) -> list[str]:
    """Return the site-relative URL of every HTML page, in a stable order."""
    rels = (p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return sorted("" if rel == "." else rel + "/" for rel in rels)


def _on_request(findings: Findings, route: Any) -> None:
    host = urlsplit(route.request.url).hostname
    if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
        route.continue_()
    else:
        findings.foreign_requests.append(route.request.url)
        route.abort()


def browse(site: Path, search_terms: Sequence[str] = ("script", "alert", "img")) -> Findings:
    """Load every page of `site` in headless Chromium and collect what it saw."""
    findings = Findings()
    with serve(site) as base, sync_playwright() as play:
        browser = play.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(service_workers="block")
        context.route("**/*", functools.partial(_on_request, findings))
        page = context.new_page()
        page.on("dialog", lambda d: (findings.dialogs.append(d.message), d.dismiss()))
        page.goto(base + "about/")
        allowed = {normal_script(s) for s in page.evaluate(PAGE_CHECK)["scripts"]}
        for path in site_pages(site):
            _check_page(page, base, path, allowed, findings)
        _search(page, base, search_terms, findings)
        browser.close()
    return findings


def _check_page(page: Any, base: str, path: str, allowed: set[str], findings: Findings) -> None:
    url = base + path.lstrip("/")
    page.goto(url, wait_until="load")
    page.wait_for_timeout(20)
    result = page.evaluate(PAGE_CHECK)
    findings.pages += 1
    if page.url.split("#")[0] != url:
        findings.navigations.append(f"{url} -> {page.url}")
    findings.problems += [f"{path}: {p}" for p in result["problems"]]
    findings.problems += [
        f"{path}: foreign script {s[:80]}"
        for s in result["scripts"]
        if normal_script(s) not in allowed and not structured_data(s)
    ]
    findings.texts[path] = "".join(result["text"].split())


def _search(page: Any, base: str, terms: Sequence[str], findings: Findings) -> None:
    """Type into Material's search so its results (built from the index) render too."""
    page.goto(base)
    for term in terms:
        page.click("label.md-search__icon, .md-search__input", timeout=5000)
        page.fill("input.md-search__input", term)
        page.wait_for_timeout(600)
        result = page.evaluate(PAGE_CHECK)
        findings.problems += [f"search {term}: {p}" for p in result["problems"]]
