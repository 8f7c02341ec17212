"""Throughput of the nlp and facts stages on synthetic news articles.

    python bench/nlp_speed.py [--articles 200] [--words 600] [--n-process 1]

Articles are stitched from invented sentence templates (about a third of them event sentences, the rest
background, quotes and colour, as in wire copy), with random names, places and numbers. Prints articles
per second for Analyzer + EntityResolver + extract_facts together, and the CPU seconds of each part.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from storyline.facts import extract_facts, parse_needs  # noqa: E402
from storyline.nlp import Analyzer, EntityResolver  # noqa: E402
from storyline.records import Article, Paragraph  # noqa: E402
from storyline.settings import FactsSettings, NlpSettings  # noqa: E402

GIVEN = ["Anna", "Pavel", "Irena", "Tomas", "Lena", "Marek", "Olga", "Viktor", "Daria", "Janis"]
FAMILY = ["Kovar", "Sokolova", "Brandt", "Milic", "Hale", "Orlova", "Dvorak", "Lind", "Varga", "Novak"]
PLACES = ["Port Avel", "Grodmark", "Talvia", "Norland", "Vessen", "Lisk", "Arden", "Marrow Bay"]
GROUPS = ["the Union", "the Council", "Clearwater", "Amnesty Watch", "the Northern League"]
EVENTS = [
    "{place} freed {n} political prisoners on {day} after talks with {group}, {group2} said.",
    "More than {n} detainees were released from jails in {place}, according to {group}.",
    "In return, {group} said it would lift sanctions on {place}'s state airline and two banks.",
    "{person}, a former journalist, was arrested in {place} on {day}.",
    "{person} met {person2} in {place} to discuss the release of remaining prisoners.",
    "{group} imposed sanctions on {n} officials of the {place} interior ministry.",
    "Dozens of activists were pardoned in {month}, {person} told reporters.",
    "{person} urged {group} to keep up pressure on the government.",
]
COLOUR = [
    "The capital was quiet on {day} morning as shops reopened after the holiday.",
    "{place} has a population of about {n} thousand and relies on timber exports.",
    "Relations between the two countries have been strained for more than a decade.",
    "{person}, {age}, has led the opposition movement since its founding.",
    "The river port, once the busiest in the region, now handles a fraction of its former trade.",
    "Analysts expect the economy to grow slowly this year, with inflation easing only gradually.",
    "Critics describe the ruling party as an instrument of one family.",
    '"It is a long road, and we are only at its beginning," {person} said in an interview.',
    "Local media carried little coverage of the decision.",
    "The government did not respond to a request for comment.",
    "Many of those still held are serving long terms on charges their families call political.",
    "Trade with neighbouring states fell sharply after the border crossings were closed.",
]


def synthetic_articles(count: int, words: int, seed: int = 0) -> list[Article]:
    rng = random.Random(seed)
    articles = []
    for number in range(count):
        paragraphs, total = [], 0
        while total < words:
            template = rng.choice(EVENTS) if rng.random() < 0.35 else rng.choice(COLOUR)
            text = template.format(
                place=rng.choice(PLACES),
                group=rng.choice(GROUPS).capitalize(),
                group2=rng.choice(GROUPS),
                person=f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
                person2=f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
                n=rng.randint(2, 400),
                age=rng.randint(30, 80),
                day=rng.choice(["Monday", "Tuesday", "Thursday", "Saturday"]),
                month=rng.choice(["June", "March", "October"]),
            )
            paragraphs.append(text)
            total += len(text.split())
        body = "\n\n".join(paragraphs)
        starts = [sum(len(p) + 2 for p in paragraphs[:i]) for i in range(len(paragraphs))]
        articles.append(
            Article(
                f"synthetic-{number}",
                "synthetic",
                body,
                [Paragraph(p, s, s + len(p)) for p, s in zip(paragraphs, starts, strict=True)],
                published="2024-05-08",
            )
        )
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--n-process", type=int, default=1)
    options = parser.parse_args()
    articles = synthetic_articles(options.articles, options.words)
    analyzer = Analyzer(NlpSettings(n_process=options.n_process), parse_needs())
    resolver, facts_settings = EntityResolver(), FactsSettings()
    for analysis, doc in analyzer.analyze(articles[:2]):  # warm-up: model load, dateparser's first parse
        extract_facts(articles[0], analysis, doc, facts_settings)
    started, cpu_started = time.perf_counter(), time.process_time()
    downstream_cpu, fact_count = 0.0, 0
    for (analysis, doc), article in zip(analyzer.analyze(articles), articles, strict=True):
        before = time.process_time()
        resolved = resolver.resolve(analysis)
        fact_count += len(extract_facts(article, resolved, doc, facts_settings))
        downstream_cpu += time.process_time() - before
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    words = sum(len(a.body.split()) for a in articles) / len(articles)
    print(f"{len(articles)} articles of {words:.0f} words, n_process={options.n_process}: {fact_count} facts")
    print(f"{len(articles) / elapsed:.1f} articles/s wall clock ({elapsed:.1f} s)")
    print(f"CPU in this process: spaCy {cpu - downstream_cpu:.1f} s, resolver + facts {downstream_cpu:.1f} s")


if __name__ == "__main__":
    main()
