"""Hostile strings: our own always-run set, plus the shared naughty-string corpora when present.

The shared corpora (Big List of Naughty Strings, DOMPurify's vectors, html5lib's tokenizer and
encoding tests) live in ../shared/eval-dev/badinput and are only read, never copied here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
BADINPUT = SHARED / "eval-dev" / "badinput"
# A "#data" block of html5lib's .dat files: the lines up to the next "#" header.
DAT_DATA = re.compile(r"^#data\n(.*?)\n#", re.MULTILINE | re.DOTALL)

# One case per threat named in issue 8, plus classic XSS and Markdown/YAML injections.
OWN_STRINGS: tuple[str, ...] = (
    "<script>alert('own-1')</script>",
    '"><script>alert(2)</script>',
    "'><img src=x onerror=alert(3)>",
    "<svg onload=alert(4)>",
    "<iframe src=javascript:alert(5)></iframe>",
    '<a href="javascript:alert(6)">click</a>',
    "[click me](javascript:alert(7))",
    "![img](https://tracker.example/pixel.png)",
    "<img src=https://tracker.example/p.gif>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<form action="https://evil.example/"><input name=q></form>',
    "<object data=data:text/html,<script>alert(8)</script>></object>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCg5KTwvc2NyaXB0Pg==",
    "<![CDATA[ alert(10) ]]>",
    "text with <![ in the middle",
    "<!-- comment --> and <!doctype html>",
    "</textarea><script>alert(11)</script>",
    "</title><script>alert(12)</script>",
    "{{ config.site_name }} {% raw %} {# jinja #}",
    '!!! danger "Admonition"\n    injected body',
    '--8<-- "/etc/passwd"',
    '{: onclick="alert(13)" }',
    "*emphasis* __strong__ `code` ~~strike~~ ==mark==",
    "# Heading\n\n## Second heading",
    "title: injected\nredirect: https://evil.example/\ntemplate: redirect.html",
    "---\ntitle: second front matter\n---",
    "...\nend of document",
    "- [x] task\n- [ ] list",
    "| table | injection |\n|---|---|\n| a | b |",
    "[^1]: footnote injection",
    "*[HTML]: abbreviation injection",
    "\u202eevil\u202c right-to-left override",
    "zero\u200bwidth\u200cjoiner\u200dand\ufeffBOM\u2060word\u2066isolate\u2069",
    "control \x00\x01\x07\x1b[31m\x7f\x85 chars",
    "line\rbreak\r\nstyles\u2028and\u2029separators",
    "null",
    "yes",
    "~",
    "1e3",
    "0x1F",
    "2026-03-10",
    "[1, 2, 3]",
    "{a: b}",
    "&amp; &lt;script&gt; &#x3C;img src=x onerror=alert(14)&#x3E;",
    "%3Cscript%3Ealert(15)%3C%2Fscript%3E",
    "CON",
    "NUL.txt",
    "../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    ".hidden",
    "index",
    "<style>body{display:none}</style>",
    "<base href=https://evil.example/>",
    '<link rel=stylesheet href="https://evil.example/x.css">',
    "javascript:alert(16)",
    " JaVaScRiPt:alert(17)",
    'https://example.com/"onmouseover="alert(18)',
    "𝕿𝖍𝖊 𝖖𝖚𝖎𝖈𝖐 👨‍👩‍👧 emoji ZWJ",
    "台湾 日本語 한국어 العربية עברית",
    "[" * 8000,
)


def _blns() -> list[str]:
    return [
        s
        for s in json.loads((BADINPUT / "blns" / "blns.json").read_text("utf-8"))
        if isinstance(s, str)
    ]


def _dompurify() -> list[str]:
    data = json.loads((BADINPUT / "dompurify" / "expect.json").read_text("utf-8"))
    return [item["payload"] for item in data if isinstance(item.get("payload"), str)]


def _tokenizer() -> list[str]:
    found = []
    for path in sorted((BADINPUT / "html5lib-tests" / "tokenizer").glob("*.test")):
        data = json.loads(path.read_text("utf-8"))
        for test in data.get("tests", []) + data.get("xmlViolationTests", []):
            text = test.get("input")
            if isinstance(text, str) and not test.get("doubleEscaped"):
                found.append(text)
    return found


def _encoding() -> list[str]:
    found = []
    for path in sorted((BADINPUT / "html5lib-tests" / "encoding").rglob("*.dat")):
        text = path.read_text("utf-8", errors="replace")
        found.extend(DAT_DATA.findall(text))
    return found


def shared_strings() -> list[str]:
    """Return every shared hostile string, de-duplicated in a stable order ([] when absent)."""
    if not BADINPUT.exists():
        return []
    seen: dict[str, None] = {}
    for text in (*_blns(), *_dompurify(), *_tokenizer(), *_encoding()):
        seen.setdefault(text, None)
    return list(seen)


def fast_subset(strings: list[str], size: int) -> list[str]:
    """Return an evenly spaced, deterministic sample of at most `size` strings."""
    if len(strings) <= size:
        return list(strings)
    step = len(strings) / size
    return [strings[int(i * step)] for i in range(size)]
