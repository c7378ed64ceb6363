"""Stories in headless Chromium: from the home page into a story, then on to each source."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_home_to_story_to_each_source(page: Any, site_url: str) -> None:
    page.goto(site_url)
    story = page.locator("article li.nd-story-group a.nd-story-title").first
    headline = story.inner_text()
    story.click()
    page.wait_for_load_state()
    assert "/stories/" in page.url
    assert page.locator("h1.nd-title").inner_text() == headline
    story_url = page.url
    reports = page.locator(".nd-report-title a")
    titles = reports.all_inner_texts()
    assert titles  # each original report (a republished copy is named under its original)
    assert page.locator(".nd-timeline li").count() >= len(titles)
    for i, title in enumerate(titles):
        page.locator(".nd-report-title a").nth(i).click()
        page.wait_for_load_state()
        assert "/articles/" in page.url
        assert page.locator("h1.nd-title").inner_text() == title
        whole = page.locator(".nd-story-why a")  # the article links back to its story
        assert whole.get_attribute("href") and whole.inner_text() == "the whole story"
        page.goto(story_url)
