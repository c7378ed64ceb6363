"""decode_html on our own pages in legacy encodings, served over HTTP, and on real pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fetchserver import FetchServer, Reply, serve
from test_fetch_run import Store, fetch

from generator.extract.decode import codec_for, decode_html

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CHARDET = SHARED / "eval-dev" / "badinput" / "chardet-encodings"
ACCURACY_FLOOR = 0.95  # measured 177/177 (1.00) on the 177 pages with a Python codec

# Short fictional texts written for these tests.
TEXTS = {
    "zh-Hant": "港口小鎮的燈塔守護人在四十個冬天後退休，鎮民在碼頭為她舉行了告別茶會。"
    "新任守護人表示，會繼續每晚點亮北方的燈。",
    "ja": "山あいの村で、古い水車小屋が百年ぶりに動き出した。村の子どもたちは、"
    "回る水車を見ようと朝早くから川辺に集まった。",
    "zh-Hans": "高原上的天文台向学生开放，四十名小学生第一次用旧望远镜看到了土星的光环。"
    "台长说，明年还会举办更多参观活动。",
    "en-cp1252": "The café’s “harvest fête” raised €1,200 — the most in the village’s "
    "history… said the treasurer, Zoë Brandt.",
}


def page(text: str, meta: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>Story</title></head>"
        f"<body><article><p>{text}</p></article></body></html>"
    )


# (text, encoding the bytes are in, Content-Type header, <meta> in the page)
CASES = [
    ("zh-Hant", "big5", "text/html; charset=big5", ""),
    ("zh-Hant", "big5", "text/html", '<meta charset="big5">'),
    ("zh-Hant", "big5", "text/html", ""),
    ("ja", "shift_jis", "text/html; charset=Shift_JIS", ""),
    (
        "ja",
        "cp932",
        "text/html",
        '<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">',
    ),
    ("ja", "shift_jis", "text/html", ""),
    ("zh-Hans", "gb18030", "text/html; charset=gb2312", ""),
    ("zh-Hans", "gb18030", "text/html", '<meta charset="gbk">'),
    ("zh-Hans", "gb18030", "text/html", ""),
    ("en-cp1252", "cp1252", "text/html; charset=iso-8859-1", ""),
    ("en-cp1252", "cp1252", "text/html; charset=utf-8", '<meta charset="utf-8">'),
    ("en-cp1252", "cp1252", "text/html", '<meta charset="us-ascii">'),
    ("en-cp1252", "utf-8", "text/html", ""),
    ("zh-Hant", "utf-8", "text/html; charset=iso-8859-1", ""),  # wrong label, valid UTF-8
]


@pytest.mark.parametrize(("key", "encoding", "content_type", "meta"), CASES)
def test_decode_html_recovers_our_pages(
    key: str, encoding: str, content_type: str, meta: str
) -> None:
    text = page(TEXTS[key], meta)
    assert decode_html(text.encode(encoding), content_type) == text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"\xef\xbb\xbf<p>caf\xc3\xa9</p>", "<p>café</p>"),
        ("<p>café</p>".encode("utf-16"), "<p>café</p>"),
        ("<p>caf\u00e9 \u2014 ok</p>".encode("utf-16-be"), "<p>café — ok</p>"),
        (b"<p>\x1b$B$3$s$K$A$O\x1b(B</p>", "<p>こんにちは</p>"),
        (b"", ""),
    ],
)
def test_decode_html_boms_and_escapes(raw: bytes, expected: str) -> None:
    assert decode_html(raw, None) == expected


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("GB2312", "gb18030"),
        ("GBK", "gb18030"),
        ("x-gbk", "gb18030"),
        ("Shift_JIS", "cp932"),
        ("windows-31j", "cp932"),
        ("Big5", "big5hkscs"),
        ("ISO-8859-1", "cp1252"),
        ("US-ASCII", "cp1252"),
        ("EUC-KR", "cp949"),
        ("utf8", "utf-8"),
        ("bogus", None),
    ],
)
def test_legacy_labels_map_to_whatwg_supersets(label: str, codec: str | None) -> None:
    assert codec_for(label) == codec


@pytest.fixture
def server() -> Iterator[FetchServer]:
    yield from serve()


def test_fetched_pages_keep_bytes_and_decode(server: FetchServer, tmp_path: Path) -> None:
    urls = []
    for n, (key, encoding, content_type, meta) in enumerate(CASES):
        server.routes[f"/p{n}"] = Reply(
            body=page(TEXTS[key], meta).encode(encoding), headers=(("Content-Type", content_type),)
        )
        urls.append(server.url(f"/p{n}"))
    store = Store()
    report, _ = fetch(server, [{"name": "E", "urls": urls}], store, tmp_path)
    assert report.exit_status == 0 and len(store.items) == len(CASES)
    for n, (key, encoding, _content_type, meta) in enumerate(CASES):
        raw = store.items[urls[n]]
        assert raw.content == page(TEXTS[key], meta).encode(encoding)
        assert decode_html(raw.content, raw.content_type) == page(TEXTS[key], meta)


@pytest.mark.skipif(not SHARED.exists(), reason="../shared absent")
def test_accuracy_on_real_legacy_pages() -> None:
    total = right = 0
    misses = []
    for folder in sorted(p for p in CHARDET.iterdir() if p.is_dir()):
        truth = "utf-8-sig" if folder.name == "utf-8-sig" else codec_for(folder.name)
        if truth is None:
            continue  # EUC-TW: Python has no codec to say what is right
        for file in sorted(folder.iterdir()):
            data = file.read_bytes()
            expected = data.decode(truth, errors="replace").removeprefix("\ufeff")
            total += 1
            if decode_html(data, None) == expected:
                right += 1
            else:
                misses.append(f"{folder.name}/{file.name}")
    print(f"decode_html accuracy: {right}/{total} = {right / total:.3f}; misses: {misses}")
    assert total > 150 and right / total >= ACCURACY_FLOOR, misses
