import hashlib
import json

from storyline.clean import Cleaner
from storyline.records import RawDocument
from storyline.settings import CleanSettings

# An invented news page as a naive scraper saves it: navigation, a caption with its credit, a promo
# headline of another story, a newsletter prompt and a footer around a five-paragraph story.
SCRAPE = """Northfield Dam Operators Release Water After Record Rainfall - Valley Tribune

Valley Tribune

Menu

Search

News
Sport
Business
Culture
Opinion

Subscribe

Northfield Dam Operators Release Water After Record Rainfall

By Ilse Marrow

June 4, 2031

Engineers inspect the spillway of the Northfield dam on Monday.

Photo by Tomas Rey / Valley Photo Agency

Operators of the Northfield dam opened two of its four spillways on Monday after three days of record rainfall pushed the reservoir to within a metre of its crest, the regional water board said.

About 1,200 residents of the villages below the dam were asked to leave their homes as a precaution, and a shelter opened in the sports hall of the district school.

"The structure is sound, but we cannot take any risk with the volume of water still arriving from the hills," the board's chief engineer, Paulo Vence, told reporters at the site.

CITY COUNCIL VOTES TO CLOSE THREE LIBRARIES

The board said the release would continue for at least two days and that river levels downstream could rise by up to half a metre, flooding fields but not houses.

Farmers in the lower valley said they had moved livestock to higher ground overnight and criticised the board for giving them only a few hours of warning.

Read more

Sign up for our newsletter

Get the day's top stories in your inbox every morning.

Share this article

Facebook
Twitter
Email

Most read

© 2031 Valley Tribune. All rights reserved.
Privacy Policy
Terms of Use
"""

BOILERPLATE = [
    "Menu", "Search", "Subscribe", "Engineers inspect the spillway of the Northfield dam on Monday.",
    "Photo by Tomas Rey / Valley Photo Agency", "CITY COUNCIL VOTES TO CLOSE THREE LIBRARIES", "Read more",
    "Sign up for our newsletter", "Share this article", "Facebook", "Most read", "Privacy Policy",
]  # fmt: skip
STORY_STARTS = ["Operators of the Northfield dam", "About 1,200 residents", '"The structure is sound',
                "The board said the release", "Farmers in the lower valley"]  # fmt: skip


def raw(content: str, media_type: str = "text", **fields) -> RawDocument:
    digest = hashlib.sha256(content.encode()).hexdigest()
    return RawDocument(content_hash=digest, origin="test", media_type=media_type, content=content, **fields)


def test_scrape_body_keeps_the_story_and_drops_the_boilerplate():
    article = Cleaner(CleanSettings()).clean(raw(SCRAPE))
    paragraph_texts = [p.text for p in article.paragraphs]
    for start in STORY_STARTS:
        assert any(p.startswith(start) for p in paragraph_texts), start
    for line in BOILERPLATE:
        assert line not in paragraph_texts, line
    assert not any(p.isupper() for p in paragraph_texts)
    assert article.body == "\n\n".join(paragraph_texts)


def test_scrape_metadata():
    article = Cleaner(CleanSettings()).clean(raw(SCRAPE))
    assert article.title == "Northfield Dam Operators Release Water After Record Rainfall"
    assert article.published == "2031-06-04"
    assert article.author == "Ilse Marrow"
    assert article.article_id == raw(SCRAPE).content_hash


def test_paragraph_spans_come_from_the_raw_content():
    doc = raw(SCRAPE)
    article = Cleaner(CleanSettings()).clean(doc)
    for paragraph in article.paragraphs:
        assert doc.content[paragraph.raw_start : paragraph.raw_end] == paragraph.text


def test_markdown_original_url_dateline_and_agency():
    content = (
        "# Lake Ferry Service Resumes After Storm\n\nBy [NPA](#) / Reuters\n\n"
        "The ferry between the two lake towns resumed on Friday after a storm had halted it for a week, the "
        "operator said in a statement.\n\nOriginal url:\n\n<https://lakes.example.com/2031/07/11/ferry-resumes>\n"
    )
    article = Cleaner(CleanSettings()).clean(raw(content, "markdown"))
    assert article.url == "https://lakes.example.com/2031/07/11/ferry-resumes"
    assert article.published == "2031-07-11"
    assert article.outlet == "lakes.example.com"
    assert article.agency == "Reuters"
    assert "Original url" not in article.body and "https://" not in article.body
    assert article.title == "Lake Ferry Service Resumes After Storm"


def test_relative_date_resolves_against_fetch_date_only():
    content = (
        "Storm Closes Mountain Pass\n\n3 hours ago\n\n" + SCRAPE.split("Photo by Tomas Rey / Valley Photo Agency")[1]
    )
    cleaner = Cleaner(CleanSettings())
    assert cleaner.clean(raw(content, fetched="2031-02-10")).published == "2031-02-10"
    assert cleaner.clean(raw(content)).published is None


def test_container_fields_win():
    doc = raw(SCRAPE, title="Given Title", published="2031-06-05T10:00:00Z", url="https://valley.example.net/x")
    article = Cleaner(CleanSettings()).clean(doc)
    assert (article.title, article.published, article.outlet) == ("Given Title", "2031-06-05", "valley.example.net")


def test_site_boilerplate_is_learned_and_survives_a_state_round_trip():
    def page(n: int) -> str:
        return (
            f"Story number {n} headline\n\nHarbour Weekly members get early access\n\n"
            f"Paragraph one of story {n} tells what happened at the harbour on day {n} in some detail, as news does.\n\n"
            f"Paragraph two of story {n} adds the reaction of the people who were there and what they expect next.\n\n"
        )

    cleaner = Cleaner(CleanSettings(boilerplate_min_pages=2))
    for n in range(3):
        cleaner.clean(raw(page(n), url=f"https://harbour.example.org/{n}"))
    state = json.loads(json.dumps(cleaner.state()))
    restored = Cleaner(CleanSettings(boilerplate_min_pages=2), state=state)
    body = restored.clean(raw(page(7), url="https://harbour.example.org/7")).body
    assert "early access" not in body
    assert "Paragraph one of story 7" in body
    other_site = Cleaner(CleanSettings(boilerplate_min_pages=2), state=state)
    assert "Paragraph one" in other_site.clean(raw(page(8), url="https://elsewhere.example.org/8")).body


def test_odd_input_never_raises():
    cleaner = Cleaner(CleanSettings())
    for content, media_type in [("", "text"), ("\n\n \n", "markdown"), ("\x00\x01 binary-ish", "text"),
                                ("<html><body><div></div></body></html>", "html"), ("<<<>>>", "html"),
                                ("", "html"), ("%PDF", "pdf")]:  # fmt: skip
        article = cleaner.clean(raw(content, media_type))
        assert isinstance(article.body, str)


def test_the_headline_is_not_taken_from_a_breadcrumb_or_a_comment_count_that_repeat_it():
    headline = "Northfield Dam Operators Release Water After Record Rainfall"
    page = SCRAPE.replace("Subscribe\n", f"Subscribe\n\nHome > News > Region > {headline}\n", 1).replace(
        "By Ilse Marrow", f"By Ilse Marrow\n\n4 Comments on {headline}", 1
    )
    assert Cleaner(CleanSettings()).clean(raw(page)).title == headline


def test_nesting_marks_the_candidates_that_contain_another_and_those_inside_another():
    from storyline.clean.title import _nesting

    folded = ["night trains | courier", "night trains", "home", "3 comments on night trains", "night trains"]
    contains, inside = _nesting(folded)
    assert contains.tolist() == [1, 0, 0, 1, 0]
    assert inside.tolist() == [0, 1, 0, 0, 1]  # a one-word candidate ("home") is never looked for


def test_a_model_file_given_in_the_settings_replaces_the_shipped_one(tmp_path):
    from pathlib import Path

    import storyline.clean.title

    data = json.loads(Path(storyline.clean.title.__file__).with_name("title_model.json").read_text())
    for tree in data["trees"]:
        tree["value"] = [0.0] * len(tree["value"])  # every candidate equally likely: the first one wins
    path = tmp_path / "flat_title_model.json"
    path.write_text(json.dumps(data))
    page = "Valley Tribune\n\n" + SCRAPE.split("\n", 1)[1]
    assert Cleaner(CleanSettings()).clean(raw(page)).title == "Northfield Dam Operators Release Water After Record Rainfall"
    assert Cleaner(CleanSettings(title_model=str(path))).clean(raw(page)).title == "Valley Tribune"


RUN_TOGETHER = (
    "A 19-year-old cyclist was struck by a delivery van on Harbor Road in Millbrook late Thursday, police said."
    "Officers found her lying near the crosswalk around 10:40 p.m. She was taken to Millbrook General in serious "
    "condition.The driver stayed at the scene and was questioned, a police spokesman said.Residents have asked the "
    "town for a signal at the crossing since 2019."
)
ENDS_WITH_AN_ADDRESS = (
    "Millbrook police have named the driver of the van that struck a cyclist on Harbor Road on Thursday. The "
    "cyclist, 19, remains in serious condition at Millbrook General. Anyone who saw the crash should call the "
    "traffic unit at 555-0142 or write to tips.millbrookpolice.example"
)


def test_an_article_scraped_as_one_run_together_block_keeps_its_text():
    article = Cleaner(CleanSettings()).clean(raw(RUN_TOGETHER))
    assert "delivery van on Harbor Road" in article.body
    assert "signal at the crossing" in article.body


def test_a_lone_paragraph_ending_in_a_contact_address_keeps_its_text():
    article = Cleaner(CleanSettings()).clean(raw(ENDS_WITH_AN_ADDRESS))
    assert "remains in serious condition" in article.body
