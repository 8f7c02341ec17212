from storyline.clean.blocks import split_blocks, strip_markdown_inline

WRAPPED = """ Harbour Council Approves New
Ferry Terminal
 The council of Port Meridian voted on Tuesday to approve a new ferry terminal on the east
quay, ending two years of debate over where the boats should dock and how the project would be
financed by the regional transport authority.

The vote was seven to two. Opponents said the terminal would block the view from the old
town and raise traffic on the coastal road, and promised to chal-
lenge the decision in court.
 Construction is due to begin next spring, the mayor said.
"""


def test_hard_wrapped_lines_are_unwrapped_into_paragraphs():
    blocks = split_blocks(WRAPPED)
    texts = [b.text for b in blocks]
    assert texts[0] == "Harbour Council Approves New Ferry Terminal"
    assert texts[1].startswith("The council of Port Meridian") and texts[1].endswith("transport authority.")
    assert "challenge the decision in court." in texts[2]
    assert texts[3] == "Construction is due to begin next spring, the mayor said."
    assert len(texts) == 4


def test_block_spans_point_into_the_raw_text():
    blocks = split_blocks(WRAPPED)
    for block in blocks:
        raw = WRAPPED[block.start : block.end]
        assert raw.split()[0] == block.text.split()[0]
        assert raw.split()[-1] == block.text.split()[-1]


def test_sentence_cut_by_a_stray_blank_line_is_joined():
    text = "The river rose through the night and flooded the lower streets of the town,\n\nforcing dozens to leave.\n"
    assert [b.text for b in split_blocks(text)] == [
        "The river rose through the night and flooded the lower streets of the town, forcing dozens to leave."
    ]


def test_scrape_lines_are_not_joined():
    text = "Home\nNews\nSport\n\nA long first paragraph of the story that ends properly here.\nSecond paragraph.\n"
    assert [b.text for b in split_blocks(text)] == [
        "Home",
        "News",
        "Sport",
        "A long first paragraph of the story that ends properly here.",
        "Second paragraph.",
    ]


def test_markdown_links_images_and_emphasis():
    assert (
        strip_markdown_inline("See [the report](https://x.example/r) ![chart](c.png) **now**") == "See the report  now"
    )
    blocks = split_blocks(
        "# Title here\n\n- [Item one](#)\n\nOriginal url:\n\n<https://news.example.org/a>\n", markdown=True
    )
    assert [b.text for b in blocks] == ["Title here", "Item one", "Original url:", "https://news.example.org/a"]
    assert blocks[1].bullet


def test_pdf_page_numbers_are_dropped_and_end_the_wrapped_run():
    wrapped = (
        "The harbour authority said on Monday that the new ferry berth would open in the spring and that\n"
        "two more crossings a day would be added once the dredging of the channel is complete next year.\n"
        "\n"
        "Page 2 of 3\n"
        "Harbour Weekly | Local\n"
        "\n"
        "Officials expect the extra crossings to carry about four hundred more passengers on weekdays and\n"
        "twice that at weekends, when the island's markets draw visitors from the whole of the coast.\n"
    )
    texts = [b.text for b in split_blocks(wrapped)]
    assert not any("Page 2 of 3" in t for t in texts)
    assert "Harbour Weekly | Local" in texts


def test_running_head_beside_page_numbers_is_dropped_and_the_sentence_rejoined():
    line = "The harbour authority said on Monday that the new ferry berth would open in the spring and"
    wrapped = (
        f"{line}\nthat two more crossings a day would be added.\n\nPage 1 of 2\nHarbour Weekly | Local\n\n"
        f"{line}\nthat the old quay would close once the works\n\nPage 2 of 2\nHarbour Weekly | Local\n\n"
        "are finished next year, officials said.\n"
    )
    texts = [b.text for b in split_blocks(wrapped)]
    assert not any("Harbour Weekly" in t or "Page" in t for t in texts)
    assert texts[-1].endswith("the old quay would close once the works are finished next year, officials said.")
