"""Segment Chinese with jieba (quietly, deterministically) and cut Japanese into script runs."""

from __future__ import annotations

import functools
import logging
import math
import re
from typing import NamedTuple

from generator.analyse.lexicon import CJK_STOPWORDS

# A run of two or more katakana (with the long-vowel mark): loanwords and foreign names.
KATAKANA_RUN = re.compile(r"[\u30a0-\u30ffー]{2,}")
# A run of two or more kanji: Japanese compound nouns and names.
KANJI_RUN = re.compile(r"[\u4e00-\u9fff々]{2,}")
# A time expression ("来年四月", "火曜日", "星期三"): never a topic term.
CJK_TIME = re.compile(
    r"[一二三四五六七八九十百〇\d]+[年月日]|曜日|星期|週[一二三四五六日]|[今明去来昨]年"
)
# Any hiragana or katakana: the text is Japanese rather than Chinese.
KANA = re.compile(r"[\u3040-\u30ff]")
# A CJK ideograph, kana or a Latin letter: what a term must contain.
TERM_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\w]")
# Distinct sentences whose segments are remembered (the sentences of a few long articles).
SEGMENT_CACHE = 2048
# Distinct words whose verdict as a topic term is remembered.
TERM_CACHE = 16384
# Distinct unknown runs whose HMM cut is remembered: names and words missing from jieba's
# dictionary (most traditional-character words) recur across sentences and articles.
UNKNOWN_RUN_CACHE = 16384
# finalseg's MIN_FLOAT: the log probability of an unseen emission or transition.
MIN_LOG = -3.14e100
# The HMM's transitions in the order _viterbi_tags unpacks them (previous tag, tag).
TRANSITIONS = ("EB", "SB", "MM", "BM", "BE", "ME", "SS", "ES")
# finalseg's re_han: the ideograph runs its HMM tags.
HMM_HAN = re.compile(r"([\u4E00-\u9FD5]+)")
# finalseg's re_skip: Latin letters and numbers it keeps whole between ideograph runs.
HMM_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
# jieba's re_han_default: the runs it segments with its dictionary; all else goes char by char.
JIEBA_BLOCK = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+)")
# jieba's re_skip_default: whitespace, kept whole between the characters of other runs.
JIEBA_SPACE = re.compile(r"(\r\n|\s)")


class Segmenter:
    """jieba's default cut (dictionary route, HMM for unknown runs), same words, less work.

    It follows jieba 0.42's Tokenizer.cut(text) step for step with the same float arithmetic,
    so that routes tie and win exactly as there; tests/test_analyse_segmenter.py holds it
    to jieba's own output. The savings: each word's log weight is computed once, the DAG and
    the route are built in one loop without tuples, and unknown runs' HMM cuts are remembered.
    Words deleted with jieba's del_word (its HMM force-splits) are not supported: none are.
    """

    def __init__(self, freq: dict[str, int], total: int) -> None:
        self._freq = freq
        self._log_total = math.log(total)
        self._weights: dict[str, float] = {}  # word -> log(count) - log(total), filled lazily

    def lcut(self, text: str) -> list[str]:
        """Return the words of a text, as jieba.Tokenizer(...).lcut(text) does."""
        words: list[str] = []
        for index, block in enumerate(JIEBA_BLOCK.split(text)):
            if index % 2:  # split() puts the captured runs at odd indices
                self._cut_block(block, words)
            else:
                for part, piece in enumerate(JIEBA_SPACE.split(block)):
                    if part % 2:
                        words.append(piece)
                    else:
                        words.extend(piece)
        return words

    def _cut_block(self, block: str, words: list[str]) -> None:
        """Append a run's words: its best route, single characters gathered for the HMM."""
        ends = self._best_ends(block)
        run_start = start = 0
        while start < len(block):
            end = ends[start] + 1
            if end - start > 1:
                if start > run_start:
                    self._cut_run(block[run_start:start], words)
                words.append(block[start:end])
                run_start = end
            start = end
        if run_start < len(block):
            self._cut_run(block[run_start:], words)

    def _cut_run(self, run: str, words: list[str]) -> None:
        """Append a run of single-character steps: HMM words unless jieba knows it as a word."""
        if len(run) == 1:
            words.append(run)
        elif self._freq.get(run):
            words.extend(run)
        else:
            words.extend(_unknown_run_words(run))

    def _best_ends(self, block: str) -> list[int]:
        """Return, per start, the end of the first word on the most probable route onwards.

        jieba's get_DAG and calc in one backwards loop: a word's score is its weight plus the
        best score after it; ties go to the longer word (jieba's max over (score, end)).
        """
        freq, weights, log_total = self._freq, self._weights, self._log_total
        size = len(block)
        scores = [0.0] * (size + 1)
        ends = list(range(size))
        for start in range(size - 1, -1, -1):
            best = -math.inf
            end, fragment = start, block[start]
            while fragment in freq:  # the dictionary holds every prefix of its words
                if freq[fragment]:
                    weight = weights.get(fragment)
                    if weight is None:
                        weight = weights[fragment] = math.log(freq[fragment]) - log_total
                    if weight + scores[end + 1] >= best:
                        best, ends[start] = weight + scores[end + 1], end
                end += 1
                if end == size:
                    break
                fragment = block[start : end + 1]
            if best == -math.inf:  # no word starts here: the character alone
                best = math.log(freq.get(block[start]) or 1) - log_total + scores[start + 1]
            scores[start] = best
        return ends


@functools.lru_cache(maxsize=UNKNOWN_RUN_CACHE)
def _unknown_run_words(run: str) -> tuple[str, ...]:
    """Return jieba's HMM cut (finalseg.cut) of a run its dictionary does not know."""
    words: list[str] = []
    for index, block in enumerate(HMM_HAN.split(run)):
        if index % 2:  # the captured runs of ideographs
            words.extend(_hmm_words(block, _hmm()))
        else:
            words.extend(piece for piece in HMM_SKIP.split(block) if piece)
    return tuple(words)


class Hmm(NamedTuple):
    """jieba's finalseg model: log probabilities of start states, transitions, emissions."""

    start: dict[str, float]
    trans: dict[str, dict[str, float]]
    emit: dict[str, dict[str, float]]


@functools.lru_cache(maxsize=1)
def _hmm() -> Hmm:
    """Return jieba's HMM tables, imported on first use."""
    from jieba import finalseg  # noqa: PLC0415

    return Hmm(finalseg.start_P, finalseg.trans_P, finalseg.emit_P)


def _hmm_words(chars: str, hmm: Hmm) -> list[str]:
    """Return the words of a run of ideographs by its most likely B/M/E/S tags."""
    words: list[str] = []
    begin = after = 0
    for i, tag in enumerate(_viterbi_tags(chars, hmm)):
        if tag == "B":
            begin = i
        elif tag == "E":
            words.append(chars[begin : i + 1])
            after = i + 1
        elif tag == "S":
            words.append(chars[i])
            after = i + 1
    if after < len(chars):
        words.append(chars[after:])
    return words


def _viterbi_tags(chars: str, hmm: Hmm) -> str:
    """Return the most likely Begin/Middle/End/Single tag of each character.

    finalseg.viterbi unrolled over its four states, with the same sums in the same order and
    back pointers instead of copied paths; on a tie its max() takes the later letter (S, M).
    """
    emit_b, emit_m, emit_e, emit_s = (hmm.emit[tag] for tag in "BMES")
    eb, sb, mm, bm, be, me, ss, es = (hmm.trans[t[0]].get(t[1], MIN_LOG) for t in TRANSITIONS)
    b, m, e, s = (hmm.start[tag] + hmm.emit[tag].get(chars[0], MIN_LOG) for tag in "BMES")
    back: list[dict[str, str]] = []  # per character after the first: each tag's previous
    for char in chars[1:]:
        emitted = emit_b.get(char, MIN_LOG)
        b_from_e, b_from_s = e + eb + emitted, s + sb + emitted
        emitted = emit_m.get(char, MIN_LOG)
        m_from_m, m_from_b = m + mm + emitted, b + bm + emitted
        emitted = emit_e.get(char, MIN_LOG)
        e_from_b, e_from_m = b + be + emitted, m + me + emitted
        emitted = emit_s.get(char, MIN_LOG)
        s_from_s, s_from_e = s + ss + emitted, e + es + emitted
        b, before_b = (b_from_s, "S") if b_from_s >= b_from_e else (b_from_e, "E")
        m, before_m = (m_from_m, "M") if m_from_m >= m_from_b else (m_from_b, "B")
        e, before_e = (e_from_m, "M") if e_from_m >= e_from_b else (e_from_b, "B")
        s, before_s = (s_from_s, "S") if s_from_s >= s_from_e else (s_from_e, "E")
        back.append({"B": before_b, "M": before_m, "E": before_e, "S": before_s})
    tag = "S" if s >= e else "E"
    tags = [tag]
    for before in reversed(back):
        tag = before[tag]
        tags.append(tag)
    return "".join(reversed(tags))


@functools.lru_cache(maxsize=1)
def _segmenter() -> Segmenter:
    """Return a segmenter on jieba's initialised dictionary; jieba logs nothing.

    jieba is imported on first use: most runs (an unchanged archive, English text) never
    segment Chinese, and importing it costs more than the rest of an incremental run's setup.
    jieba caches its dictionary under the temp dir.
    """
    import jieba  # noqa: PLC0415

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return Segmenter(tokenizer.FREQ, tokenizer.total)


@functools.lru_cache(maxsize=SEGMENT_CACHE)
def segments(text: str) -> tuple[str, ...]:
    """Return the jieba segments of a Chinese text, covering it exactly, in order.

    Remembered per text: key phrases, organisations and places all segment each sentence.
    """
    return tuple(_segmenter().lcut(text))


def cjk_terms(text: str) -> list[str]:
    """Return the multi-character CJK terms of a text, in order, stop words removed."""
    if KANA.search(text):
        found = sorted(
            [(m.start(), m.group(0)) for m in KATAKANA_RUN.finditer(text)]
            + [(m.start(), m.group(0)) for m in KANJI_RUN.finditer(text)]
        )
        return [term for _, term in found if _is_term(term)]
    # Half the segments are one character: the length test spares them a call.
    return [w for w in segments(text) if len(w) >= 2 and _is_term(w)]


@functools.lru_cache(maxsize=TERM_CACHE)
def _is_term(word: str) -> bool:
    """Return True for a topic term: two characters or more, a letter, no stop or time word.

    Remembered per word: the same words recur through an article and across articles.
    """
    return (
        len(word) >= 2
        and word not in CJK_STOPWORDS
        and TERM_CHAR.search(word) is not None
        and not word.isdigit()
        and CJK_TIME.search(word) is None
    )
