"""`show` and `stories` print one JSON object per line, whatever the scraped text holds."""

from __future__ import annotations

import json

import pytest

from generator.cli.main import json_line


@pytest.mark.parametrize(
    "text",
    [
        "Harbour pilots\x85 said the tide turned",  # NEL, a line break to str.splitlines()
        "Ferry times\u2028changed",  # LINE SEPARATOR
        "Quay works\u2029begin",  # PARAGRAPH SEPARATOR
        "tab\tand\nnewline\x0bvt\x0cff\x1cfs\x1dgs\x1ers",  # escaped by json.dumps itself
        "海光通訊社 and 瀬戸内新報 stay readable",
    ],
)
def test_json_line_is_one_line_and_round_trips(text: str) -> None:
    line = json_line({"title": text})
    assert len(line.splitlines()) == 1
    assert json.loads(line) == {"title": text}


def test_json_line_keeps_cjk_as_text() -> None:
    assert "海光通訊社" in json_line({"source": "海光通訊社"})
