"""Tell sentences that cannot stand alone in a summary: leaning openings and pull quotes."""

from __future__ import annotations

import re
from collections.abc import Mapping

from generator.analyse.lexicon import alternation

# Openings that refer back or continue an earlier sentence, per language (lower case; a
# listing may hold phrases). Leaving a wrong one out costs a reader trust; a sound one
# wrongly listed costs only a summary candidate, so the lists err on the side of leaning.
LEANING_OPENERS: Mapping[str, str] = {
    "en": """but and or so yet also still however meanwhile moreover furthermore nevertheless
        nonetheless instead then thus therefore hence besides otherwise likewise similarly
        indeed plus he she it they him her them his its their hers theirs this that these
        those such which whose whom another other others both neither either nor here
        as_a_result as_well in_addition in_contrast in_response in_turn despite_this
        even_so at_the_same_time on_the_other_hand after_that by_contrast of_these
        the_move the_decision the_announcement the_comments the_remarks the_statement
        the_latter the_former the_same the_incident the_news the_claims the_findings
        the_step the_ruling the_deal the_plan the_proposal the_measure the_changes
        the_two the_pair the_couple the_man the_woman the_boy the_girl the_victim
        the_suspect the_spokesman the_spokeswoman the_spokesperson""",
    "de": """aber doch jedoch er sie es dies diese dieser dieses dabei dazu außerdem zudem
        deshalb daher darum trotzdem allerdings damit denn auch dennoch ihm ihr ihre sein
        seine""",
    "fr": """mais il elle ils elles cela ceci ce cet cette ces cependant pourtant toutefois
        ensuite puis donc ainsi aussi en_outre par_ailleurs de_plus lui leur""",
    "es": """pero sin_embargo además esto este esta estos estas ello él ella ellos ellas
        también asimismo por_ello por_eso así su sus""",
    "it": """ma però tuttavia inoltre questo questa questi queste lui lei loro egli ella
        anche quindi perciò""",
    "pt": """mas porém contudo entretanto além_disso isso isto este esta ele ela eles elas
        também assim""",
    "nl": """maar echter hij zij ze dit deze dat die ook daarom bovendien toch""",
    "pl": """ale jednak on ona oni one ono to ten ta te także również ponadto dlatego""",
    "ru": """но однако он она они оно это этот эта эти также кроме_того поэтому при_этом""",
}


def _opening(listing: str) -> re.Pattern[str]:
    """Return a regex matching a listed opening as whole words, after any opening quote."""
    phrases = sorted({p.replace("_", " ") for p in listing.split()}, key=lambda p: (-len(p), p))
    return re.compile(rf"^[\"'“‘«„(\[]?\s*{alternation(phrases)}(?![\w-])", re.IGNORECASE)


# Listed words that other languages' texts also open with ("Ella Fitzgerald"); a word of three
# letters or fewer ("on", "to", "die", "ma") is too ambiguous to test outside its language.
NOT_ACROSS_LANGUAGES = frozenset({"ella"})
# Per language: the compiled leaning openings.
LEANING = {language: _opening(listing) for language, listing in LEANING_OPENERS.items()}
# Openings tested in a text of any language, as pages are often labelled with the wrong one.
LEANING_ANY = _opening(
    " ".join(
        word
        for listing in LEANING_OPENERS.values()
        for word in listing.split()
        if len(word) > 3 and word not in NOT_ACROSS_LANGUAGES
    )
)
# A CJK sentence opening that refers back: a pronoun, a conjunction, "this", "the said".
CJK_LEANING = re.compile(
    r"^[「『“‘]?(?:他们|他們|她们|她們|它们|它們|他|她|它|但是|但|然而|不过|不過|此外|另外|同时|"
    r"同時|因此|所以|对此|對此|随后|隨後|之后|之後|这|這|该|該|此|其|并且|並且|而且|而|"
    r"しかし|だが|また|さらに|一方|その|この|これ|それ|彼女|彼ら|彼|同社|同氏|同市|同省|"
    r"同国|同國|なお|ただ|そして|그러나|하지만|그는|그녀는|이는|또한)"
)
# A short lead-in clause then a pronoun subject ("On Monday, he said"): leans as well.
PRONOUN_AFTER_LEAD_IN = re.compile(r"^[^,;:\"“]{1,40},\s+(?:he|she|they|it)\s+[a-z]", re.IGNORECASE)
# A pronoun as the speaker of an attribution ("...," he said / "..., she added"); not "X,
# who led the band, said he would" (there the pronoun is the named subject's).
PRONOUN_SPEAKER = re.compile(
    r"(?:,|[\"'”’»])\s*(?:he|she|they)\s+(?:said|says|added|adds|told|tells|explained|"
    r"continued|wrote|insisted|warned|stated|claimed|argued|noted|asked|replied|recalled)\b",
    re.IGNORECASE,
)
# A sentence wholly inside quotation marks: words of an unnamed speaker (a pull quote).
PULL_QUOTE = re.compile(r"^[\"“‘«„「『]\s*[^\"“”«»「」『』]+[\"”’»」』]\s*(?:[.!?。！？…]\s*)?$")
# How many characters of a sentence's start the opening tests need to see.
HEAD = 60


def leans(text: str, language: str) -> bool:
    """Return True when a sentence leans on the one before it (a pronoun, "But", "The move")."""
    head = text[:HEAD]
    own = LEANING.get(language.split("-", maxsplit=1)[0].lower(), LEANING["en"])
    if own.match(head) or LEANING_ANY.match(head):
        return True
    if CJK_LEANING.match(head) or PRONOUN_AFTER_LEAD_IN.match(head):
        return True
    return PRONOUN_SPEAKER.search(text) is not None


def pull_quote(text: str) -> bool:
    """Return True for a sentence that is only a quotation, with nobody named as saying it."""
    return PULL_QUOTE.match(text) is not None
