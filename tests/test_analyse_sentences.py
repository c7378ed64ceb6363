"""Table-driven tests of the sentence splitter (news English and CJK)."""

from __future__ import annotations

import pytest

from generator.analyse.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Mr. Smith arrived. He left.", "en", ["Mr. Smith arrived.", "He left."]),
        (
            "It was signed on Dec. 18, 2024. Nobody knew.",
            "en",
            ["It was signed on Dec. 18, 2024.", "Nobody knew."],
        ),
        (
            "Taipei, Aug. 19 (CNA) The ministry spoke.",
            "en",
            ["Taipei, Aug. 19 (CNA) The ministry spoke."],
        ),
        (
            "The U.S. Navy sailed. The U.S. was silent.",
            "en",
            ["The U.S. Navy sailed.", "The U.S. was silent."],
        ),
        (
            "Visits hit 7.32 million and cost $1.5 each.",
            "en",
            ["Visits hit 7.32 million and cost $1.5 each."],
        ),
        (
            "J. R. Smith and Dr. Lee met Gov. Ito at No. 10.",
            "en",
            ["J. R. Smith and Dr. Lee met Gov. Ito at No. 10."],
        ),
        (
            "It opens at 9 a.m. Tuesday in town. Then it closes.",
            "en",
            ["It opens at 9 a.m. Tuesday in town.", "Then it closes."],
        ),
        (
            '"We agree," he said. "It is an agreement." Then silence.',
            "en",
            ['"We agree," he said.', '"It is an agreement."', "Then silence."],
        ),
        (
            '"Why now?" she asked. Wait... Nobody knows.',
            "en",
            ['"Why now?" she asked.', "Wait...", "Nobody knows."],
        ),
        ("first one . second one .", "en", ["first one .", "second one ."]),
        (
            "Am 3. Oktober feiert die Stadt. Die Fähre fährt nicht.",
            "de",
            ["Am 3. Oktober feiert die Stadt.", "Die Fähre fährt nicht."],
        ),
        (
            "Sie wurde 2019 gebaut. Die Fähre fährt.",
            "de",
            ["Sie wurde 2019 gebaut.", "Die Fähre fährt."],
        ),
        (
            "Er sagte: „Wir fahren.“ Die Menge jubelte.",
            "de",
            ["Er sagte: „Wir fahren.“", "Die Menge jubelte."],
        ),
        (
            "Le maire a parlé. « Le bac partira. » La foule a applaudi.",
            "fr",
            ["Le maire a parlé.", "« Le bac partira. »", "La foule a applaudi."],
        ),
        (
            "Le bac part à 9 h. Il revient le soir.",
            "fr",
            ["Le bac part à 9 h.", "Il revient le soir."],
        ),
        ("Паром ушёл в 5 ч. Потом вернулся.", "ru", ["Паром ушёл в 5 ч.", "Потом вернулся."]),
        ("He won 2. Then he lost.", "en", ["He won 2.", "Then he lost."]),
        (
            "Es steht im Gesetzblatt Nr. 53 auf Seite 3. Das gilt ab Mai.",
            "de",
            ["Es steht im Gesetzblatt Nr. 53 auf Seite 3.", "Das gilt ab Mai."],
        ),
        (
            "Mieszka przy ul. Długiej od lat. Potem wyjechał.",
            "pl",
            ["Mieszka przy ul. Długiej od lat.", "Potem wyjechał."],
        ),
        ("Plan B. was chosen by the board.", "en", ["Plan B. was chosen by the board."]),
        (
            "台灣與日本簽署備忘錄。「這很重要！」他說。兩國將合作",
            "zh",
            ["台灣與日本簽署備忘錄。", "「這很重要！」他說。", "兩國將合作"],
        ),
        (
            "協定を結んだ。「次も続ける。」と大臣は述べた。",
            "ja",
            ["協定を結んだ。", "「次も続ける。」と大臣は述べた。"],
        ),
    ],
)
def test_split_cases(text: str, language: str, expected: list[str]) -> None:
    """Split each case as a news editor would read it."""
    assert [s.text for s in split_sentences(text, language)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "One here. Two there\n\nThree follows. Four.",
        "  Lead space.  \n\n\n  Para two.  ",
        "単独。\n\n二つ目",
    ],
)
def test_sentences_are_verbatim_and_never_span_paragraphs(text: str) -> None:
    """Keep every sentence a verbatim slice inside one paragraph, indexed in order."""
    sentences = split_sentences(text, "en")
    for i, s in enumerate(sentences):
        assert s.index == i
        assert text[s.start : s.end] == s.text
        assert "\n\n" not in s.text
    assert sentences[-1].paragraph == 1
