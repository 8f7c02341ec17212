"""Learned site boilerplate: lines that recur across different articles of a site go, an article's own
paragraphs stay however often the same page is saved."""

from __future__ import annotations

import hashlib

from storyline.clean import Cleaner
from storyline.records import RawDocument
from storyline.settings import CleanSettings

SITE = "https://www.riverside-gazette.example"
# The site's template as a naive scraper saves it. The two sentences of the footer read like body text to the
# line classifier: only learning that they recur on every page of the site removes them.
HEADER = "Riverside Gazette\n\nHome\nNews\nCouncil\nSport\nWhat's on\n\nSubscribe\n\n"
FOOTER = (
    "\n\nThe Riverside Gazette is an independent newsroom funded by the people who read it every week.\n\n"
    "Become a member today and help us keep reporting on the decisions that shape your town.\n\n"
    "Contact us\nAdvertise\nPrivacy\n\n© 2031 Riverside Gazette\n"
)
TEMPLATE_SENTENCES = [
    "The Riverside Gazette is an independent newsroom funded by the people who read it every week.",
    "Become a member today and help us keep reporting on the decisions that shape your town.",
]
TOPICS = ["the ferry timetable", "the library roof", "the school bus contract", "the flood barrier",
          "the market square", "the swimming pool", "the tram depot"]  # fmt: skip


def page(headline: str, paragraphs: list[str], date: str = "May 3, 2031") -> str:
    return HEADER + f"{headline}\n\nBy Mara Quill\n\n{date}\n\n" + "\n\n".join(paragraphs) + FOOTER


def story(topic: str) -> str:
    return page(
        f"Council Reopens Debate on {topic.title()}",
        [
            f"Councillors voted on Tuesday evening to reopen the debate on {topic}, two months after the plan "
            "had been shelved for lack of money.",
            f"The mayor said residents had written more than three hundred letters about {topic} since the "
            "spring, most of them asking for a decision before the winter.",
            f"A final vote on {topic} is expected in June, once the finance committee has costed the options "
            "put forward by the town's engineers.",
        ],
    )


LIVE_UPDATES = [
    "Water from the burst main on Quay Street has flooded the basements of six shops, the fire service said "
    "shortly after seven this morning.",
    "Engineers from the water company have closed the valve that fed the main, and the flow has stopped, a "
    "spokesperson said at half past eight.",
    "Quay Street will stay closed to traffic until at least Thursday while the road surface is checked for "
    "damage, the council said.",
    "Shop owners affected by the flooding can claim emergency grants from the council's hardship fund from "
    "tomorrow, the mayor announced.",
    "The water company said a corroded joint had caused the burst and that the whole section of pipe would "
    "be replaced next month.",
]


def raw(content: str, name: str) -> RawDocument:
    digest = hashlib.sha256(content.encode()).hexdigest()
    return RawDocument(digest, f"{name}.txt", "text", content, url=f"{SITE}/news/{name}")


def live_copies() -> list[RawDocument]:
    """One live page saved five times, each copy with one more update than the one before."""
    return [
        raw(page("Live: Burst Water Main Floods Quay Street", LIVE_UPDATES[: n + 1]), f"quay-street-live-{n}")
        for n in range(len(LIVE_UPDATES))
    ]


def test_every_saved_copy_of_a_live_page_keeps_its_article_text():
    cleaner = Cleaner(CleanSettings())
    for topic in TOPICS[:4]:  # the site's template is learned first
        cleaner.clean(raw(story(topic), topic.replace(" ", "-")))
    for n, doc in enumerate(live_copies()):
        body = cleaner.clean(doc).body
        for update in LIVE_UPDATES[: n + 1]:
            assert update in body, (n, update)
        for sentence in TEMPLATE_SENTENCES:
            assert sentence not in body


def test_copies_saved_before_any_other_page_of_the_site_are_not_learned_as_its_boilerplate():
    cleaner = Cleaner(CleanSettings())
    for n, doc in enumerate(live_copies()):
        body = cleaner.clean(doc).body
        assert all(update in body for update in LIVE_UPDATES[: n + 1]), n
    later = cleaner.clean(raw(story(TOPICS[0]), "later")).body
    assert "reopen the debate on the ferry timetable" in later


def test_lines_repeated_across_different_articles_are_still_removed():
    learning, not_learning = Cleaner(CleanSettings()), Cleaner(CleanSettings(learn_boilerplate=False))
    for topic in TOPICS[:4]:
        learning.clean(raw(story(topic), topic))
    new = raw(story(TOPICS[5]), "pool")
    assert all(sentence in not_learning.clean(new).body for sentence in TEMPLATE_SENTENCES)  # the classifier keeps them
    body = learning.clean(new).body
    assert not any(sentence in body for sentence in TEMPLATE_SENTENCES)
    assert "reopen the debate on the swimming pool" in body


def test_learned_boilerplate_alone_never_empties_a_body():
    # A statement the council issued is printed in full under one story, then alone on a page of its own: with
    # a line counted as boilerplate after one page, every body line of the second page is "learned".
    statement = [
        "The council regrets the disruption caused to residents and businesses by the closure of the bridge "
        "and thanks them for their patience.",
        "Repairs to the bridge deck will be completed by the end of the month, and the bridge will reopen to "
        "pedestrians first.",
    ]
    cleaner = Cleaner(CleanSettings(boilerplate_min_pages=1))
    lead = "The old bridge closed on Monday after inspectors found cracks in two of its supporting beams."
    cleaner.clean(raw(page("Old Bridge Closes After Inspection", [lead, *statement]), "bridge"))
    body = cleaner.clean(raw(page("Council Statement on the Bridge", statement), "statement")).body
    assert all(paragraph in body for paragraph in statement)
