"""The one table of page furniture: phrases and line shapes that are never article text.

Notices (privacy, cookies, copyright) are bounded in length: the longest in the fixtures is
191 characters, while the paragraphs they wrongly dropped whole (3 of the first 250 CNN/DM
articles, one paragraph each) run to thousands, holding "privacy" or "cookie" and "you".

A line is furniture when, after trimming and case-folding, it equals one of PHRASES, or it
matches one of PATTERNS. Every pattern is anchored to the whole line or needs a reader-address
cue ("you", "please", "click here"), so a real sentence that merely mentions "download" or
"privacy" is kept. Site-specific strings do not belong here: use the source's repeated lines.
"""

from __future__ import annotations

import functools
import re

# Whole lines (case-folded, trailing ":" / "." / "»" removed) that are navigation, sharing,
# advertising or player chrome.
PHRASES: frozenset[str] = frozenset(
    {
        "advertisement",
        "advertising",
        "sponsored",
        "sponsored content",
        "ad",
        "download",
        "download app",
        "get the app",
        "open in app",
        "open app",
        "share",
        "share this",
        "share this article",
        "share this story",
        "share on facebook",
        "share on twitter",
        "share on x",
        "share via email",
        "copy link",
        "link copied",
        "print",
        "email",
        "e-mail",
        "tweet",
        "facebook",
        "twitter",
        "x",
        "line",
        "whatsapp",
        "linkedin",
        "telegram",
        "reddit",
        "weibo",
        "wechat",
        "subscribe",
        "subscribe now",
        "sign up",
        "sign in",
        "log in",
        "login",
        "register",
        "read more",
        "read more stories",
        "more",
        "more stories",
        "related",
        "related articles",
        "related stories",
        "related news",
        "recommended",
        "most read",
        "most popular",
        "trending",
        "top stories",
        "latest news",
        "latest",
        "see also",
        "also read",
        "comments",
        "comment",
        "leave a comment",
        "show comments",
        "view comments",
        "listen",
        "listen to this article",
        "play",
        "pause",
        "mute",
        "unmute",
        "close",
        "fullscreen",
        "captions",
        "replay",
        "skip ad",
        "loading",
        "loading...",
        "menu",
        "home",
        "search",
        "skip to content",
        "skip to main content",
        "back to top",
        "next",
        "previous",
        "next article",
        "previous article",
        "newsletter",
        "newsletters",
        "follow us",
        "we value your privacy",
        "accept",
        "accept all",
        "reject all",
        "cookie settings",
        "manage cookies",
        "accept all cookies",
        "reject all cookies",
        "manage preferences",
        "cookie preferences",
        "privacy settings",
        "all rights reserved",
        "font size",
        "text size",
        "translate",
        "photo",
        "photos",
        "video",
        "videos",
        "gallery",
        "audio",
        "open",
        "廣告",
        "分享",
        "下載",
        "訂閱",
        "更多",
        "相關新聞",
        "延伸閱讀",
        "推薦閱讀",
        "返回頂部",
        "广告",
        "下载",
        "アプリで開く",
        "この記事を音声で聞く",
        "この記事をシェア",
        "広告",
        "シェア",
        "会員登録（無料）",
        "会員登録",
        "ログイン",
        "アクセスランキング",
        "関連記事",
        "無断転載・複製を禁じます",
        "我們重視您的隱私",
        "我们重视您的隐私",
    }
)

# Each entry is (name, compiled pattern); names appear in tests and explain a dropped line.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "Focus Taiwan App", "Daily Courier app": a short app banner ending in "App".
    ("app banner", re.compile(r"^[\w&.' -]{2,40}\sapp$", re.IGNORECASE)),
    # "Download the Daily Courier app", "Get our app for iOS and Android".
    (
        "app prompt",
        re.compile(
            r"^(?:download|get|install|try)\s+(?:the\s+|our\s+)?[\w&.' -]{0,40}"
            r"\bapps?\b[\w&.,' -]{0,40}[.!]?$",
            re.IGNORECASE,
        ),
    ),
    # Text-to-speech, cookie and privacy notices: a privacy word plus a reader-address cue, in
    # a notice's length (400 characters): a longer paragraph is prose about privacy.
    (
        "privacy notice",
        re.compile(
            r"^(?=.{0,400}$)(?=.*\b(?:privacy|cookies?"
            r"|tracking technolog(?:y|ies)|text-to-speech)\b)"
            r"(?=.*\b(?:you|your|please|click here"
            r"|we value|consent|agree)\b).*$",
            re.IGNORECASE,
        ),
    ),
    # "CNA file photo", "Reuters photo Aug. 19, 2025", "File photo".
    (
        "photo credit",
        re.compile(
            r"^\(?(?:[A-Z][\w.&'-]*\s+){0,4}(?:file\s+)?"
            r"(?:photo|image|picture)s?"
            r"(?:\s+(?:[A-Z][a-z]{2,3}\.?|[A-Z][a-z]+)\s+\d{1,2}(?:,\s*\d{4})?)?"
            r"\)?$",
            re.IGNORECASE,
        ),
    ),
    # "Photo courtesy of ...", "Photo: Reuters", "Image by ...", "(Photo credit: ...)".
    (
        "photo source",
        re.compile(
            r"^\(?(?:photos?|images?|pictures?|videos?|graphics?)"
            r"(?:\s+credit)?\s*(?:courtesy\s+of|by|:|/)\s*.{0,80}$",
            re.IGNORECASE,
        ),
    ),
    # CJK notices: a privacy/cookie word plus consent or use ("…請先同意下方隱私權政策。").
    (
        "cjk privacy notice",
        re.compile(
            r"^(?=.*(?:隱私|隐私|プライバシー|クッキー|Cookie|語音服務))"
            r"(?=.*(?:同意|視窗|ください|使用|利用|尊重)).{0,200}$"
        ),
    ),
    # CJK photo credits: "（海光社資料照）", "淡水渡輪碼頭。（海光社資料照）", "写真：瀬戸内新報社".
    (
        "cjk photo credit",
        re.compile(
            r"^.{0,40}[（(][^（）()]{0,15}"
            r"(?:資料照|資料照片|攝|摄|撮影|提供)"
            r"[）)]$|^(?:写真|照片|圖|图)\s*[：:].{0,40}$"
        ),
    ),
    # "Get the Pacific Slope Ledger app", "Listen to this article · 4 min".
    (
        "listen prompt",
        re.compile(r"^listen\s+to\s+this\s+(?:article|story)\b.{0,20}$", re.IGNORECASE),
    ),
    # Player controls and stray counters: "0:00", "/", "0:00 / 0:00", "40", "1/12".
    ("counter", re.compile(r"^[\d\s:/.,|×x+-]*$")),
    # Engagement counters: "846 views", "1.2K views", "12 comments", "3,401 shares".
    (
        "engagement counter",
        re.compile(
            r"^[\d.,]+\s*[km]?\s+(?:views?|comments?|shares?|reads?"
            r"|likes?|reactions?)$",
            re.IGNORECASE,
        ),
    ),
    # Newsletter pitches: "Get the day's top stories straight to your inbox."
    (
        "newsletter prompt",
        re.compile(r"^.{0,80}\b(?:to|in|into)\s+your\s+inbox\b.{0,40}$", re.IGNORECASE),
    ),
    # Menus: several short items joined by separators, e.g. "Home | Politics | Business".
    ("menu", re.compile(r"^(?:[^|›»·>]{1,25}\s*[|›»·>]\s*){2,}[^|›»·>]{0,25}$")),
    # "Story continues below advertisement", "Scroll to continue with content".
    (
        "ad prompt",
        re.compile(
            r"^(?:story\s+continues\s+below|scroll\s+(?:down\s+)?to\s+continue"
            r"|continue\s+reading\s+below)\b.*$",
            re.IGNORECASE,
        ),
    ),
    # "Subscribe to our newsletter", "Sign up for the morning briefing", "Follow us on X".
    (
        "share prompt",
        re.compile(
            r"^(?:subscribe|sign\s+up|follow\s+us|share\s+(?:this|on|via)"
            r"|join\s+us\s+on|click\s+here)\b.{0,80}$",
            re.IGNORECASE,
        ),
    ),
    # "Read more: ...", "Related: ...", "Also read: ..." teaser links.
    (
        "teaser",
        re.compile(
            r"^(?:read\s+more|related|also\s+read|see\s+also|watch|more\s+on\s+this"
            r"|more\s+stories|most\s+read)\b.{0,80}:.*$|^(?:read\s+more|related"
            r"|more\s+from\s+[\w' ]{1,30}"
            r"(?:\s+(?:articles|stories|news))?|more\s+stories|most\s+read"
            r"|recommended|延伸閱讀|相關新聞)\s*:?$",
            re.IGNORECASE,
        ),
    ),
    # "© 2026 Daily Courier", "Copyright 2026 ... All rights reserved."
    (
        "copyright",
        re.compile(
            r"^(?:©|\(c\)|copyright\b).{0,120}$"
            r"|^.{0,200}\ball rights reserved\.?$",
            re.IGNORECASE,
        ),
    ),
)


# Words, one of which a line holds (case-folded) whenever the named pattern matches it: a quick
# test that spares the slow patterns most lines. Ignoring case, "İ" and "ı" match "i" but
# casefold() keeps them apart, so a line holding either is always given to the pattern.
CUES: dict[str, tuple[str, ...]] = {
    "privacy notice": ("privacy", "cookie", "tracking technolog", "text-to-speech"),
    "cjk privacy notice": ("隱私", "隐私", "プライバシー", "クッキー", "cookie", "語音服務"),
    "newsletter prompt": ("inbox",),
    "copyright": ("©", "(c)", "copyright", "all rights reserved"),
}

# Any cue at all: most lines hold none, and then no cued pattern is tried. Looked for with
# `in`, one cue after the other: faster than one regex alternation of them all.
ALL_CUES: tuple[str, ...] = tuple(cue for cues in CUES.values() for cue in cues)

# The patterns that are slow to fail (they open with a free run of characters). Each is tried
# only on lines that pass its quick test in `_guards_passed`, which every line it matches does.
GUARDED = frozenset({"app banner", "photo credit", "cjk photo credit", "menu"})
# How a photo credit ends: "photo", "images", "pictures" or a day, then perhaps ")". Ignoring
# case as the pattern does, so the letters that match "s" or "e" that way are let through too.
PHOTO_CREDIT_END = re.compile(r"[oes\d]\)?$", re.IGNORECASE)
# A menu has at least two of these; a CJK photo credit starts or ends with these.
MENU_SEPARATORS = "|›»·>"
CJK_CREDIT_STARTS = ("写真", "照片", "圖", "图")
CJK_CREDIT_ENDS = (")", "）")
# The longest line the app banner pattern matches: 40 name characters, a space, "app".
APP_BANNER_LENGTH = 44


def _guards_passed(text: str) -> list[str]:
    """Return the GUARDED patterns that may match text (the stripped line)."""
    passed = []
    if len(text) <= APP_BANNER_LENGTH:
        passed.append("app banner")
    if PHOTO_CREDIT_END.search(text[-2:]):
        passed.append("photo credit")
    if text.endswith(CJK_CREDIT_ENDS) or text.startswith(CJK_CREDIT_STARTS):
        passed.append("cjk photo credit")
    if any(map(text.__contains__, MENU_SEPARATORS)):
        passed.append("menu")
    return passed


def furniture_reason(line: str) -> str | None:
    """Return why a line is page furniture (the table entry it matched), else None."""
    text = line.strip()
    folded = text.casefold()
    if "İ" in text or "ı" in text:
        cued = list(CUES)
    elif not any(map(folded.__contains__, ALL_CUES)):  # most lines
        cued = []
    else:
        cued = [name for name, cues in CUES.items() if any(cue in folded for cue in cues)]
    active = frozenset(cued + _guards_passed(text))
    match = _table_pattern(active).match(text)
    if match is not None:
        return PATTERNS[int(str(match.lastgroup)[1:])][0]
    key = folded.rstrip(":.»› ").strip()
    return "phrase" if key in PHRASES else None


@functools.lru_cache(maxsize=256)  # one per set of active entries: 2**8 at most
def _table_pattern(active: frozenset[str]) -> re.Pattern[str]:
    """Return the table's patterns as one alternation, in table order: one match per line.

    Trying the entries one by one took 15 calls a line; the alternation tries them in the
    same order inside the regex engine, and the first that matches is the one reported (group
    "p<index>"). Entries with cues or guards are left out unless `active` names them.
    """
    parts = []
    for index, (name, pattern) in enumerate(PATTERNS):
        if (name in CUES or name in GUARDED) and name not in active:
            continue
        if pattern.groups or pattern.flags & ~(re.IGNORECASE | re.UNICODE):
            raise ValueError(f"furniture pattern {name!r} cannot join the alternation")
        scope = "(?i:" if pattern.flags & re.IGNORECASE else "(?:"
        parts.append(f"(?P<p{index}>{scope}{pattern.pattern}))")
    return re.compile("|".join(parts))
