"""The linear revision of jusText's paragraph classes gives jusText's own result, and in linear time."""

from __future__ import annotations

import random
import time
from types import SimpleNamespace

from justext.core import revise_paragraph_classification as justext_revision
from justext.paragraph import Paragraph

from storyline.clean.justext_linear import revise_paragraph_classification


def paragraphs(classes: list[str], headings: set[int], texts: list[str]) -> list[Paragraph]:
    made = []
    for i, (cf_class, text) in enumerate(zip(classes, texts, strict=True)):
        paragraph = Paragraph(SimpleNamespace(dom="body.p", xpath="/body/p"))
        paragraph.text_nodes = [text]
        paragraph.cf_class = cf_class
        paragraph.heading = i in headings  # as jusText's classification sets it
        made.append(paragraph)
    return made


def test_same_classes_as_justext_on_random_pages():
    chooser = random.Random(11)
    for _ in range(400):
        n = chooser.randint(1, 40)
        classes = chooser.choices(["short", "neargood", "good", "bad"], weights=[4, 2, 1, 2], k=n)
        headings = {i for i in range(n) if chooser.random() < 0.2}
        texts = ["x" * chooser.choice([0, 10, 60, 250]) for _ in range(n)]
        expected, got = paragraphs(classes, headings, texts), paragraphs(classes, headings, texts)
        justext_revision(expected)
        revise_paragraph_classification(got)
        assert [p.class_type for p in got] == [p.class_type for p in expected], (classes, headings, texts)


def test_a_long_run_of_short_paragraphs_is_revised_at_once():
    run = paragraphs(["good"] + ["short"] * 50_000 + ["bad"], set(), ["text"] * 50_002)  # jusText: minutes
    started = time.perf_counter()
    revise_paragraph_classification(run)
    assert time.perf_counter() - started < 1
    assert {p.class_type for p in run[1:-1]} == {"bad"}
