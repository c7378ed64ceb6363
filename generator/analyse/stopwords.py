"""Function words per language, from the `stop-words` package, for the edges of tags."""

from __future__ import annotations

import functools

import stop_words

from generator.analyse.cjk import segments
from generator.analyse.terms import CJK_RUN

# Languages whose nouns are all capitalised: a capital there is no sign of a name.
NOUN_CAPITALS = frozenset({"de", "lb"})
# Languages whose package list also holds content words ("new", "world", "fire"): there a
# capitalised word is a name's word ("New York", "World Cup"), never a function word.
BROAD_LISTS = frozenset({"en"})


def language_code(language: str) -> str:
    """Return the bare lower-case code of a language tag ("pt-BR" gives "pt"; "" gives "en")."""
    return language.replace("_", "-").split("-", maxsplit=1)[0].lower() or "en"


@functools.cache
def function_words(language: str) -> frozenset[str]:
    """Return the package's stop words of a language (empty when it has no list)."""
    try:
        return frozenset(w.lower() for w in stop_words.get_stop_words(language_code(language)))
    except stop_words.StopWordError:
        return frozenset()


def edge_words(tag: str) -> tuple[str, str]:
    """Return a tag's first and last word (for CJK text: its first and last jieba segment)."""
    if CJK_RUN.search(tag):
        cut = [w for w in segments(tag) if w.strip()]
        return (cut[0], cut[-1]) if cut else ("", "")
    words = tag.split()
    return (words[0], words[-1]) if words else ("", "")


def is_function_word(word: str, language: str, *, in_name: bool = False) -> bool:
    """Return True when a word is a function word of the language (or of English).

    A capitalised word of a name of several words, in a language with a broad list, is read
    as the name's word ("New" in "New York").
    """
    code = language_code(language)
    if in_name and word[:1].isupper() and code in BROAD_LISTS:
        return False
    low = word.lower().replace("’", "'").strip(".,;:!?'\"()")
    if "'" in low:  # elided "j'ai", "c'est": every part a function word or a lone letter
        return all(len(p) < 2 or is_function_word(p, code) for p in low.split("'"))
    return low in function_words(code) or (
        code not in BROAD_LISTS and not word[:1].isupper() and low in function_words("en")
    )


def has_function_edge(tag: str, language: str) -> bool:
    """Return True when a tag starts or ends with a function word of its language."""
    first, last = edge_words(tag)
    several = first != tag
    return is_function_word(first, language, in_name=several) or is_function_word(
        last, language, in_name=several
    )
