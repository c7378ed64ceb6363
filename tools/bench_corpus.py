"""Write a synthetic, deterministic archive of fictional articles for the benchmark.

Every sentence comes from templates and word lists written for this file: fictional towns,
outlets, people and topics. The same seed and size always give the same bytes. Articles are
300 to 2,000 words (Chinese ones 500 to 3,000 characters), from five invented outlets, as saved
HTML pages and plain-text page dumps; topics are drawn from a vocabulary of about 2,000
phrases with a long-tailed (Zipf-like) distribution, so a few tags are popular and most rare.

Saved pages carry the weight of real ones (median about 95 KB, like the real pages of the
development evaluation set): a mega-menu, inline styles and scripts, a JSON state blob that
repeats the story, a related-stories rail, comments and a link-farm footer. Trafilatura's
time grows with the page's size and the analysis's with the text's, so pages much lighter
than real ones would misstate the pipeline's overhead.
"""

from __future__ import annotations

import html
import json
import random
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

ARTICLES_PER_DAY = 25  # the archive's span grows with its size
START = datetime(2025, 1, 6, 6, 0, tzinfo=UTC)
CJK_SHARE = 0.15  # share of Chinese articles
DUMP_SHARE = 0.3  # share of English articles saved as text dumps
CORPUS_VERSION = 2  # bump when the written bytes change, so stale corpora are rewritten
SECTIONS = (
    "News",
    "Local",
    "Business",
    "Transport",
    "Environment",
    "Politics",
    "Culture",
    "Sport",
    "Opinion",
    "Weather",
    "Travel",
    "Food",
)


@dataclass(frozen=True)
class Outlet:
    """An invented news outlet."""

    name: str
    domain: str
    language: str
    offset_hours: int


OUTLETS = (
    Outlet("Harbour Light News Agency", "harbourlight.example", "en", 8),
    Outlet("Wessex Courier", "wessexcourier.example", "en", 0),
    Outlet("Pacific Slope Ledger", "pacificslope.example", "en", -8),
    Outlet("Northmere Gazette", "northmere.example", "en", 1),
    Outlet("海光通訊社", "zh.harbourlight.example", "zh", 8),
)
TOWNS = (
    "Port Ellery",
    "Calderbay",
    "Wrenford",
    "Mossgate",
    "Lindhaven",
    "Eastwick Cove",
    "Tarnmouth",
    "Brackenridge",
    "Sollen",
    "Heronsfield",
    "Marrowby",
    "Quillport",
    "Ashcombe",
    "Dunmere",
    "Kestrel Point",
    "Oakhallow",
    "Saltmarsh",
    "Veyton",
)
FIRST = (
    "Mara",
    "Tobin",
    "Ilse",
    "Corwin",
    "Priya",
    "Anselm",
    "Delphine",
    "Rafe",
    "Yuki",
    "Odette",
    "Lucan",
    "Wen",
    "Bettany",
    "Ciaran",
    "Noor",
    "Emrys",
)
LAST = (
    "Halloway",
    "Quennell",
    "Ashdown",
    "Varga",
    "Pennick",
    "Oduya",
    "Marchetti",
    "Lindqvist",
    "Tremaine",
    "Okafor",
    "Castellan",
    "Whitlow",
    "Ferreira",
    "Nakamura",
    "Brandt",
)
ORGS = (
    "Harbour Board",
    "Transit Authority",
    "Water Trust",
    "Ferry Cooperative",
    "Growers' Union",
    "Port Council",
    "Coastal Survey",
    "Rail Consortium",
    "Energy Commission",
    "Fisheries Office",
    "Schools Trust",
    "Housing Agency",
)
ADJECTIVES = (
    "tidal",
    "coastal",
    "rural",
    "municipal",
    "regional",
    "offshore",
    "upland",
    "harbour",
    "northern",
    "winter",
    "community",
    "electric",
    "night",
    "public",
    "river",
    "island",
    "valley",
    "urban",
    "heritage",
    "freight",
    "solar",
    "forest",
    "school",
    "cargo",
    "ferry",
    "hill",
    "market",
    "lake",
    "canal",
    "bridge",
    "orchard",
    "quarry",
    "lighthouse",
    "marsh",
    "dune",
    "glacier",
    "moorland",
    "estuary",
    "reef",
    "meadow",
)
NOUNS = (
    "energy",
    "fares",
    "tunnel",
    "budget",
    "housing",
    "fisheries",
    "rail",
    "flooding",
    "tourism",
    "wages",
    "drought",
    "broadband",
    "clinics",
    "bus routes",
    "tram line",
    "pier",
    "reservoir",
    "harvest",
    "shipyard",
    "wildfire",
    "dredging",
    "festival",
    "library",
    "lifeboats",
    "grid",
    "allotments",
    "parking",
    "ferries",
    "museum",
    "wind farm",
    "bakeries",
    "market hall",
    "cycle lanes",
    "water meters",
    "sea wall",
    "school meals",
    "airstrip",
    "ice rink",
    "observatory",
    "seed bank",
    "archives",
    "vineyards",
    "salt works",
    "boatyards",
    "timber mill",
    "cable car",
    "hostels",
    "hot springs",
    "orchards",
    "beekeeping",
)
VERBS = (
    "approved",
    "delayed",
    "expanded",
    "questioned",
    "funded",
    "paused",
    "reviewed",
    "welcomed",
    "opposed",
    "announced",
)
EN_TEMPLATES = (
    "The {org} of {town} said on {weekday} that its plan for {topic} would cost {money}.",
    "Officials in {town} {verb} the {topic} proposal after a meeting that ran past midnight.",
    "{person}, who chairs the {org}, told reporters that {topic} had become the council's "
    "most pressing question.",
    '"We have waited {years} years for a decision on {topic}, and people are tired of '
    'waiting," said {person}.',
    "Figures from the {org} show that spending on {topic} rose {pct} percent last year.",
    "Residents of {town} have asked for a public hearing on {topic} before the vote in {month}.",
    "The proposal covers {count} sites between {town} and {town2}, according to the {org}.",
    "Critics say the {topic} scheme leaves smaller villages such as {town2} behind.",
    "{person} said the first phase of work on {topic} could begin as early as {month}.",
    "A survey of {count} households found that most supported more money for {topic}.",
    "The {org} {verb} a separate request to study {topic} near {town2}.",
    "Work on {topic} in {town} is expected to create about {count} jobs, officials said.",
)
ZH_TOWNS = ("海灣市", "北嶺鎮", "青石港", "南渡村", "白沙灣", "霧山縣", "東岬市", "柳溪鎮")
ZH_TOPICS = (
    "潮汐發電",
    "渡輪票價",
    "離島交通",
    "漁港整修",
    "山區道路",
    "水庫蓄水",
    "茶葉外銷",
    "海堤工程",
    "夜間巴士",
    "社區醫療",
    "造船訂單",
    "觀光人數",
    "颱風防災",
    "輕軌延伸",
    "農會補助",
    "港區自動化",
    "長照據點",
    "校園午餐",
    "燈塔修復",
    "濕地保育",
)
ZH_ORGS = ("海事局", "交通處", "水利署", "港務公司", "縣議會", "農業局")
ZH_PEOPLE = ("林文秀", "陳怡蓁", "張志明", "黃雅婷", "吳俊宏", "許美玲")
ZH_TEMPLATES = (
    "{org}週{day}表示，{town}的{topic}計畫預計花費新台幣{amount}億元。",
    "{person}指出，{topic}已成為{town}居民最關心的議題之一。",
    "根據{org}的統計，去年{topic}相關支出增加{pct}%。",
    "{town}居民要求在{month}月表決前舉辦{topic}公聽會。",
    "「我們已經等了{years}年，」{person}說，「{topic}不能再拖了。」",
    "{org}說，{topic}第一期工程最快{month}月開工，將創造約{count}個工作機會。",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def vocabulary() -> tuple[str, ...]:
    """Return the topic vocabulary: every adjective + noun pair, in a fixed order."""
    return tuple(f"{a} {n}" for n in NOUNS for a in ADJECTIVES)


@dataclass(frozen=True)
class Story:
    """One synthetic article before it is saved as a page or a dump."""

    number: int
    outlet: Outlet
    title: str
    paragraphs: tuple[str, ...]
    published: datetime  # in the outlet's own offset
    author: str
    topics: tuple[str, ...]

    @property
    def url(self) -> str:
        return f"https://{self.outlet.domain}/news/{self.published:%Y%m%d}/{self.number:06d}"


def _zipf_topic(rng: random.Random, vocab: tuple[str, ...]) -> str:
    """Pick a topic so that rank r is drawn with weight about 1/r (a long tail)."""
    rank = int(len(vocab) ** rng.random()) - 1
    return vocab[min(rank, len(vocab) - 1)]


def _en_sentence(rng: random.Random, topics: tuple[str, ...]) -> str:
    town, town2 = rng.sample(TOWNS, 2)
    return rng.choice(EN_TEMPLATES).format(
        org=rng.choice(ORGS),
        town=town,
        town2=town2,
        weekday=rng.choice(WEEKDAYS),
        topic=rng.choice(topics),
        money=f"{rng.randint(2, 900)} million crowns",
        verb=rng.choice(VERBS),
        person=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        years=rng.randint(2, 30),
        pct=rng.randint(2, 60),
        month=rng.choice(MONTHS),
        count=rng.randint(3, 4000),
    )


def _zh_sentence(rng: random.Random, topics: tuple[str, ...]) -> str:
    return rng.choice(ZH_TEMPLATES).format(
        org=rng.choice(ZH_ORGS),
        town=rng.choice(ZH_TOWNS),
        topic=rng.choice(topics),
        day="一二三四五"[rng.randint(0, 4)],
        amount=rng.randint(2, 90),
        pct=rng.randint(2, 60),
        person=rng.choice(ZH_PEOPLE),
        years=rng.randint(2, 30),
        month=rng.randint(1, 12),
        count=rng.randint(30, 4000),
    )


def _body(rng: random.Random, chinese: bool, topics: tuple[str, ...]) -> tuple[str, ...]:
    """Return paragraphs of 2-5 sentences until the drawn length is reached."""
    target = rng.randint(500, 3000) if chinese else rng.randint(300, 2000)
    paragraphs: list[str] = []
    size = 0
    while size < target:
        sentences = [
            (_zh_sentence if chinese else _en_sentence)(rng, topics)
            for _ in range(rng.randint(2, 5))
        ]
        paragraph = ("" if chinese else " ").join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) if chinese else len(paragraph.split())
    return tuple(paragraphs)


def story(number: int, size: int, seed: int) -> Story:
    """Return synthetic article `number` of an archive of `size` (deterministic)."""
    rng = random.Random(f"{seed}:{number}")
    chinese = rng.random() < CJK_SHARE
    outlet = OUTLETS[4] if chinese else OUTLETS[rng.randint(0, 3)]
    span = max(5, size // ARTICLES_PER_DAY)
    moment = START + timedelta(days=number * span // max(size, 1), minutes=rng.randint(0, 900))
    local = moment.astimezone(timezone(timedelta(hours=outlet.offset_hours)))
    if chinese:
        topics = tuple(rng.sample(ZH_TOPICS, 3))
        town, org, amount = rng.choice(ZH_TOWNS), rng.choice(ZH_ORGS), rng.randint(2, 90)
        title = f"{town}{topics[0]}計畫 {org}編{amount}億元"
        author = rng.choice(ZH_PEOPLE)
    else:
        vocab = vocabulary()
        topics = tuple(dict.fromkeys(_zipf_topic(rng, vocab) for _ in range(rng.randint(3, 6))))
        title = (
            f"{rng.choice(TOWNS)} {rng.choice(VERBS)} {topics[0]} plan as "
            f"{rng.choice(ORGS)} weighs {topics[-1]}"
        )
        author = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return Story(number, outlet, title, _body(rng, chinese, topics), local, author, topics)


def _teaser(rng: random.Random) -> str:
    """Return a short fictional headline for menus, rails and footers."""
    return (
        f"{rng.choice(TOWNS)} {rng.choice(VERBS)} {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} plan"
    )


def _chrome(s: Story) -> dict[str, str]:
    """Return the page furniture of a saved page, sized like real news pages (50-150 KB)."""
    rng = random.Random(f"chrome:{s.number}")
    e = html.escape
    menu = "".join(
        f'<li class="menu-section"><a href="/{sec.lower()}">{sec}</a><ul class="submenu">'
        + "".join(
            f'<li><a href="/{sec.lower()}/{i}">{e(_teaser(rng))}</a></li>'
            for i in range(rng.randint(8, 16))
        )
        + "</ul></li>"
        for sec in SECTIONS
    )
    style = "\n".join(
        f".c{i}{{margin:{i % 7}px;padding:{i % 5}px;color:#{i * 7919 % 0xFFFFFF:06x}}}"
        for i in range(rng.randint(300, 900))
    )
    script = "\n".join(
        f'window.__cfg{i}={{"slot":"ad-{i}","sizes":[[300,250],[728,90]],'
        f'"targeting":{{"section":"{rng.choice(SECTIONS)}","pos":{i}}}}};'
        for i in range(rng.randint(80, 300))
    )
    state = json.dumps(
        {
            "article": {"headline": s.title, "body": list(s.paragraphs), "author": s.author},
            "related": [
                {"title": _teaser(rng), "url": f"/news/{rng.randint(1, 99999)}"}
                for _ in range(rng.randint(30, 90))
            ],
        },
        ensure_ascii=False,
    )
    rail = "".join(
        f'<li><a href="/news/{rng.randint(1, 99999)}">{e(_teaser(rng))}</a>'
        f"<p>{e(_en_sentence(rng, (rng.choice(NOUNS),)))}</p></li>"
        for _ in range(rng.randint(6, 14))
    )
    comments = "".join(
        f'<div class="comment"><b>{rng.choice(FIRST)}{rng.randint(1, 99)}</b>'
        f"<p>{e(_en_sentence(rng, (rng.choice(NOUNS),)))}</p>"
        f"<button>Reply</button> <button>Report</button></div>"
        for _ in range(rng.randint(0, 25))
    )
    footer = "".join(
        f'<a href="/archive/{i}">{e(_teaser(rng))}</a> ' for i in range(rng.randint(40, 120))
    )
    return {
        "menu": menu,
        "style": style,
        "script": script,
        "state": state.replace("</", "<\\/"),
        "rail": rail,
        "comments": comments,
        "footer": footer,
    }


def as_html(s: Story) -> str:
    """Return the story as a saved news page: metadata, heavy chrome, and the article body."""
    e = html.escape
    body = "\n".join(f"<p>{e(p)}</p>" for p in s.paragraphs)
    c = _chrome(s)
    return f"""<!DOCTYPE html>
<html lang="{s.outlet.language}">
<head>
<meta charset="utf-8">
<title>{e(s.title)} | {e(s.outlet.name)}</title>
<link rel="canonical" href="{s.url}">
<meta property="og:site_name" content="{e(s.outlet.name)}">
<meta property="og:title" content="{e(s.title)}">
<meta property="article:published_time" content="{s.published.isoformat()}">
<meta name="keywords" content="{e(", ".join(s.topics))}">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "{e(s.title)}", "datePublished": "{s.published.isoformat()}",
"author": {{"@type": "Person", "name": "{e(s.author)}"}}}}</script>
<style>{c["style"]}</style>
<script>{c["script"]}</script>
</head>
<body>
<div class="cookie-banner"><p>This site uses cookies to remember your reading settings.</p>
<button>Accept</button></div>
<header><a class="logo" href="/">{e(s.outlet.name)}</a><nav><ul class="menu">{c["menu"]}</ul>
</nav></header>
<div class="app-promo">Read faster in the {e(s.outlet.name)} app. <a href="/app">Install</a></div>
<main><article>
<h1>{e(s.title)}</h1>
<p class="byline">By {e(s.author)} ·
<time datetime="{s.published.isoformat()}">{s.published:%d %B %Y}</time></p>
<div class="share"><a href="/share/mail">Email</a> <a href="/share/print">Print</a></div>
{body}
<div class="newsletter"><p>Get the morning briefing in your inbox.</p><input type="email">
<button>Sign up</button></div>
</article>
<aside><h2>Most read</h2><ul class="rail">{c["rail"]}</ul></aside>
<section class="comments"><h2>Comments</h2>{c["comments"]}</section></main>
<footer><p>© 2025 {e(s.outlet.name)}. All rights reserved.</p>
<nav class="sitemap">{c["footer"]}</nav>
<a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
<script id="__STATE__" type="application/json">{c["state"]}</script>
</body>
</html>
"""


def as_dump(s: Story) -> str:
    """Return the story as a plain-text page dump with app banner, date line and end marker."""
    lines = [
        f"{s.outlet.name} App",
        "Get it on your phone",
        "",
        s.title,
        "",
        f"{s.published:%m/%d/%Y %I:%M %p}",
        "Tap the speaker icon to hear this story.",
        "",
        f"By {s.author}",
        "",
    ]
    for paragraph in s.paragraphs:
        lines += [paragraph, ""]
    lines += ["Enditem", "", "Download our app", "Privacy policy"]
    return "\n".join(lines) + "\n"


def write_story(folder: Path, s: Story) -> Path:
    """Save one story under `folder`: a text dump for some English stories, else HTML."""
    dump = s.outlet.language == "en" and random.Random(f"dump:{s.number}").random() < DUMP_SHARE
    sub = folder / ("dumps-" + s.outlet.domain.split(".")[0] if dump else "pages")
    sub.mkdir(parents=True, exist_ok=True)
    path = sub / f"{s.number:06d}.{'txt' if dump else 'html'}"
    path.write_text(as_dump(s) if dump else as_html(s), encoding="utf-8")
    return path


def write_archive(folder: Path, size: int, seed: int = 1) -> list[Path]:
    """Write an archive of `size` stories into `folder` (kept when already complete)."""
    stamp = folder / f".complete-{size}-{seed}-v{CORPUS_VERSION}"
    if stamp.exists():
        return sorted(p for p in folder.rglob("*") if p.suffix in (".html", ".txt"))
    if folder.exists():
        shutil.rmtree(folder)  # an older corpus version or an interrupted write
    paths = [write_story(folder, story(n, size, seed)) for n in range(size)]
    stamp.write_text("done\n", encoding="utf-8")
    return sorted(paths)
