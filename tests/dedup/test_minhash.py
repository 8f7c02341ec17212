from dataclasses import replace

from storyline.dedup import Deduplicator
from storyline.records import Article, Paragraph
from storyline.settings import DedupSettings

WIRE = (
    "The harbour authority of Port Velmar reopened the northern channel on Tuesday after divers cleared "
    "the wreck of a grain barge that sank during last week's storm, officials said.\n\n"
    "Shipping agents said about forty vessels had waited at anchor outside the breakwater, some for six "
    "days, and that the backlog would take at least a week to clear.\n\n"
    "The barge, owned by a cooperative of inland farmers, was carrying 2,300 tonnes of barley when its "
    "moorings failed in winds of more than 120 kilometres an hour.\n\n"
    "Three crew members were rescued by a pilot boat. The authority has opened an inquiry into why the "
    "vessel was still moored at the exposed outer quay when the storm warning was issued."
)
OTHER = (
    "Members of the regional council voted on Monday to close two rural schools at the end of the year, "
    "despite a petition signed by more than 3,000 parents asking them to wait for a new census.\n\n"
    "The council's education committee said falling enrolment left the schools with fewer than twenty "
    "pupils each and that buses would take the children to a larger campus twelve kilometres away."
)


def article(article_id, body, **meta):
    return Article(article_id=article_id, origin=f"{article_id}.txt", body=body,
                   paragraphs=[Paragraph(p, 0, 0) for p in body.split("\n\n")], **meta)


def test_two_formats_of_one_story_fold_and_the_best_copy_lends_nothing_it_has():
    pdf = article("a-pdf", WIRE)
    web = article("b-web", WIRE.replace("officials said.", "officials said.\n\nPhoto: harbour divers at work"),
                  published="2026-02-03", url="https://example.org/2026/02/03/channel", agency="Wire")
    other = article("c-other", OTHER, published="2026-02-02")
    result = Deduplicator(DedupSettings()).fold([pdf, web, other], stored={})
    canonical = {a.article_id: a for a in result.canonical}
    assert set(canonical) == {"b-web", "c-other"}, "the dated web copy is canonical; the school story stands alone"
    assert canonical["b-web"].copies == ["a-pdf"]
    assert [(c.article_id, anchor) for c, anchor in result.copies] == [("a-pdf", "b-web")]


def test_a_canonical_copy_borrows_what_it_lacks():
    longer = article("a", WIRE + "\n\nThe channel carries most of the region's grain exports.")
    dated = article("b", WIRE, published="2026-02-03", url="https://example.org/x")
    result = Deduplicator(DedupSettings()).fold([longer, dated], stored={})
    (canonical,) = result.canonical
    assert canonical.article_id == "b"  # a date outweighs length
    assert canonical.url == "https://example.org/x"


def test_a_later_copy_folds_into_the_stored_article_and_lends_it_its_date():
    first = Deduplicator(DedupSettings())
    stored = first.fold([article("a", WIRE)], stored={})
    (kept,) = stored.canonical
    again = Deduplicator(DedupSettings(), signatures=stored.signatures.items())
    later = article("b", WIRE, published="2026-02-03")
    result = again.fold([later], stored={"a": kept})
    assert result.canonical == []
    (updated,) = result.updated
    assert updated.article_id == "a" and updated.published == "2026-02-03" and updated.copies == ["b"]
    assert result.copies[0][1] == "a"


def test_different_stories_of_one_outlet_stay_apart():
    first = article("a", WIRE, outlet="Harbour Daily")
    second = replace(article("b", OTHER), outlet="Harbour Daily")
    result = Deduplicator(DedupSettings()).fold([first, second], stored={})
    assert len(result.canonical) == 2 and result.copies == []
