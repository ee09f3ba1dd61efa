from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

from narratives.attribution.merge import merge_attributions
from narratives.types import Attribution, Span

TEXT = (
    "The ministry said in a statement posted online that the depot was hit.\n\n"
    "A hotel was hit, according to the army.\n\n"
    "(Also read: Five injured in Odesa)\n\n"
    "The mayor said:\n\n“We will rebuild and we will not leave.”"
)


def _attribution(cue: str, content: str, *, after: int = 0) -> Attribution:
    cue_start = TEXT.index(cue, after)
    content_start = TEXT.index(content, after)
    return Attribution(
        cue=Span(cue_start, cue_start + len(cue)), sources=(),
        contents=(Span(content_start, content_start + len(content)),), kind="indirect",
    )


def test_learned_attributions_respect_paragraphs_and_boilerplate():
    doc = SimpleNamespace(text=TEXT)
    boilerplate = (Span(TEXT.index("(Also"), TEXT.index("Odesa)") + 6),)
    across = _attribution("posted", "A hotel was hit")
    inside = _attribution("read", "Five injured in Odesa")
    same_paragraph = _attribution("posted", "the depot was hit")
    continued_quote = _attribution("said", "We will rebuild", after=TEXT.index("The mayor"))
    kept = merge_attributions([], [across, inside, same_paragraph, continued_quote], doc, boilerplate=boilerplate)
    assert same_paragraph in kept and continued_quote in kept
    assert across not in kept and inside not in kept


def test_parse_wins_over_an_overlapping_learned_attribution():
    parsed = _attribution("said", "the depot was hit")
    learned = _attribution("said in", "the depot")
    assert merge_attributions([parsed], [learned], SimpleNamespace(text=TEXT)) == [parsed]


def test_a_parsed_attribution_without_source_takes_the_learned_one():
    parsed = _attribution("said", "the depot was hit")
    ministry = Span(0, len("The ministry"))
    learned = replace(_attribution("said", "the depot"), sources=(ministry,))
    (merged,) = merge_attributions([parsed], [learned], SimpleNamespace(text=TEXT))
    assert (merged.sources, merged.contents) == ((ministry,), parsed.contents)
    # a source the parse did name stays
    own = replace(parsed, sources=(Span(4, 12),))
    assert merge_attributions([own], [learned], SimpleNamespace(text=TEXT)) == [own]


def test_a_learned_attribution_reaching_across_the_headline_is_dropped():
    # The tagger read the lede's "is lying" as the cue of the headline's words.
    text = ("Ukraine at OSCE exposes Russian lies about Tochka-U missile attack on Kramatorsk. "
            "Russia's Defence Ministry is lying when it claims that the army does not use Tochka-U.")
    headline = Span(0, text.index(". Russia"))

    def at(cue, content):
        return Attribution(cue=Span(text.index(cue), text.index(cue) + len(cue)), sources=(),
                           contents=(Span(text.index(content), text.index(content) + len(content)),), kind="indirect")

    across = at("is lying", "Russian lies about Tochka-U missile attack on Kramatorsk")
    within = at("claims", "the army does not use Tochka-U")
    kept = merge_attributions([], [across, within], SimpleNamespace(text=text), headline=headline)
    assert kept == [within]
    assert merge_attributions([], [across], SimpleNamespace(text=text)) == [across]  # no headline: only paragraphs count
