"""Accessibility of every page type in Chromium: axe-core, visible focus, screenshots (issue 21).

axe-core comes from npm (`make axe`, pinned in the Makefile). Each page type is checked in
both palettes and at desktop and phone sizes; a serious or critical finding on an element
of our own markup fails the test, findings on Material's own chrome are listed apart.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from generator.render.freshness import updated_line

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
AXE_JS = REPO / "build" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "build" / "screenshots" / "pages"
REPORT = REPO / "build" / "a11y"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
SCHEMES = ("light", "dark")
SERIOUS = {"serious", "critical"}
# Material's own chrome: header, tabs, navigation drawer, search and footer. A finding there
# is Material's unless the element carries one of our classes (nd-*).
MATERIAL_CHROME = (
    "md-header",
    "md-tabs",
    "md-nav",
    "md-sidebar",
    "md-search",
    "md-footer",
    "md-top",
    "md-dialog",
)
OUR_CLASS = re.compile(r'class="[^"]*\bnd-')


def first_page(site: Path, pattern: str, contains: str = "") -> str:
    """Return the site path of the first built page (sorted) matching a glob and a text."""
    for index in sorted(site.glob(pattern)):
        if contains in index.read_text("utf-8"):
            return str(index.parent.relative_to(site)) + "/"
    raise AssertionError(f"no built page {pattern} containing {contains!r}")


# Every page type of the demo, as a function of the built site folder.
PAGE_TYPES: dict[str, Callable[[Path], str]] = {
    "home": lambda s: "",
    "article-en": lambda s: first_page(s, "articles/*/*/*/index.html", 'class="nd-title" lang="en'),
    "article-zh": lambda s: first_page(s, "articles/*/*/*/index.html", 'class="nd-title" lang="zh'),
    "article-ja": lambda s: first_page(s, "articles/*/*/*/index.html", 'class="nd-title" lang="ja'),
    "story": lambda s: first_page(s, "stories/*/index.html"),
    "digest": lambda s: first_page(s, "digest/????-??-??/index.html"),
    "week": lambda s: first_page(s, "digest/week-*/index.html"),
    "tag": lambda s: first_page(s, "tags/*/index.html"),
    "source": lambda s: first_page(s, "sources/*/index.html"),
    "archive": lambda s: first_page(s, "archive/*/index.html"),
    "tags-index": lambda s: "tags/",
    "sources-index": lambda s: "sources/",
    "status": lambda s: "sources/status/",
    "notes-index": lambda s: "editors/",
    "note": lambda s: first_page(s, "notes/*/index.html"),
    "about": lambda s: "about/",
    "404": lambda s: "404.html",
}


def run_axe(page: Any, source: str) -> list[dict[str, Any]]:
    """Inject axe-core into the page and return its serious and critical violations."""
    page.add_script_tag(content=source)
    result = page.evaluate("async () => (await axe.run(document)).violations")
    return [v for v in result if v["impact"] in SERIOUS]


def is_material(node: dict[str, Any]) -> bool:
    """Tell whether a failing node is Material's chrome rather than our markup or CSS."""
    target = " ".join(str(t) for t in node["target"])
    in_chrome = any(re.search(rf"\.{name}(\b|__)", target) for name in MATERIAL_CHROME)
    return in_chrome and not OUR_CLASS.search(node["html"]) and ".nd-" not in target


def findings(violations: list[dict[str, Any]], view: str) -> tuple[list[str], list[str]]:
    """Split violations into (ours, Material's), one line per failing element."""
    ours, material = [], []
    for violation in violations:
        for node in violation["nodes"]:
            line = (
                f"{view}: {violation['id']} ({violation['impact']}) "
                f"{' '.join(map(str, node['target']))}: {node['failureSummary'][:160]!r}"
            )
            (material if is_material(node) else ours).append(line)
    return ours, material


@pytest.fixture(scope="module")
def axe_source() -> str:
    """Return axe-core's script, installed by `make axe`."""
    if not AXE_JS.exists():
        pytest.skip(f"{AXE_JS} is absent: run `make axe`")
    return AXE_JS.read_text("utf-8")


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_axe_finds_nothing_serious_in_our_markup(
    page: Any, site_url: str, demo_project: Path, axe_source: str, kind: str
) -> None:
    path = PAGE_TYPES[kind](demo_project / "site")
    # Material remembers the first palette it chose: forget it before every load, so the
    # emulated prefers-color-scheme decides, as on a reader's first visit.
    page.context.add_init_script("localStorage.clear()")
    ours, material = [], []
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        for size, viewport in VIEWPORTS.items():
            page.set_viewport_size(viewport)
            page.goto(site_url + path)
            expected = "slate" if scheme == "dark" else "default"
            assert page.locator("body").get_attribute("data-md-color-scheme") == expected
            mine, theirs = findings(run_axe(page, axe_source), f"{kind}/{scheme}/{size}")
            ours += mine
            material += theirs
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{kind}-{scheme}-{size}.png"), full_page=True)
    REPORT.mkdir(parents=True, exist_ok=True)
    (REPORT / f"axe-{kind}.json").write_text(
        json.dumps({"ours": ours, "material": material}, indent=1), "utf-8"
    )
    print(
        f"\n{kind}: {len(ours)} serious findings in our markup, {len(material)} in Material's"
        " chrome:\n  " + "\n  ".join(material)
    )
    assert ours == [], "\n".join(ours)


# What the focused element (or, for the palette's hidden radio, its label) looks like.
FOCUS_JS = """() => {
  let node = document.activeElement;
  if (node.classList.contains("md-option")) { node = node.nextElementSibling; }
  const style = getComputedStyle(node), box = node.getBoundingClientRect();
  return {tag: node.tagName, text: (node.textContent || "").trim().slice(0, 30),
          outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
          visibility: style.visibility, x: box.x, y: box.y, w: box.width, h: box.height,
          vw: innerWidth, vh: innerHeight};
}"""


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_tab_focus_is_always_visible(page: Any, site_url: str, size: str) -> None:
    page.set_viewport_size(VIEWPORTS[size])
    page.goto(site_url)
    for press in range(1, 13):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS)
        where = f"Tab {press} on {size}: {focus}"
        assert focus["outline"] != "none" and focus["width"] >= 2, where
        assert focus["visibility"] == "visible" and focus["w"] > 0 and focus["h"] > 0, where
        assert focus["x"] + focus["w"] > 0 and focus["x"] < focus["vw"], where  # on screen
        assert focus["y"] + focus["h"] > 0 and focus["y"] < focus["vh"], where


def test_times_read_relative_with_the_exact_time_on_hover(
    page: Any, site_url: str, demo_project: Path
) -> None:
    path = PAGE_TYPES["article-en"](demo_project / "site")
    built = (demo_project / "site" / path / "index.html").read_text("utf-8")
    page.goto(site_url + path)
    when = page.locator("p.nd-meta time.nd-when")
    exact = when.get_attribute("title")
    own = r"\d{1,2} \w{3} \d{4}, \d\d:\d\d UTC[+-]\d\d:\d\d"  # the source's clock
    assert exact and re.fullmatch(own + r"( \((\d{1,2} \w{3} \d{4}, )?\d\d:\d\d \S+\))?", exact)
    assert re.fullmatch(
        r"\d+ (yr|mo|wk|day|hr|min)\.? ago|yesterday|last \w+", when.inner_text()
    ), when.inner_text()
    assert f'title="{exact}" class="nd-when">{exact}</time>' in built  # the HTML stays exact


def test_traditional_chinese_article_is_zh_hant(
    page: Any, site_url: str, demo_project: Path
) -> None:
    page.goto(site_url + PAGE_TYPES["article-zh"](demo_project / "site"))
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    assert page.locator("h1.nd-title").get_attribute("lang") == "zh-Hant"
    assert page.locator("h2#summary").inner_text() == "摘要"
    assert page.locator(".nd-facts .admonition-title").inner_text() == "事實摘要"


def test_home_says_when_it_was_last_updated(page: Any, site_url: str) -> None:
    page.goto(site_url)
    updated = page.locator("p.nd-updated time")
    assert updated.get_attribute("datetime")
    # the demo is built from files, with no fetch health: old articles are no broken fetch
    assert page.locator("p.nd-stale").count() == 0


@pytest.mark.parametrize("hours_ago,visible", [(3, True), (1, False)])
def test_stale_notice_shows_after_two_schedules_without_a_fetch(
    page: Any, site_url: str, hours_ago: int, visible: bool
) -> None:
    fetched = (datetime.now(UTC) - timedelta(hours=hours_ago)).isoformat(timespec="seconds")
    line = updated_line([], "Europe/London", fetched, every_minutes=60)
    html = (
        f'<!doctype html><html lang="en"><body>{line}<script src="/assets/newsdigest.js"></script>'
    )
    page.route(
        site_url + "stale-check/", lambda route: route.fulfill(body=html, content_type="text/html")
    )
    page.goto(site_url + "stale-check/")
    assert page.locator("p.nd-updated time").inner_text().endswith("ago")  # the script ran
    assert page.locator("p.nd-stale").is_visible() == visible
    assert page.locator("p.nd-updated time").get_attribute("datetime") == fetched
