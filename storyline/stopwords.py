"""English stop words shared by the stages that weigh words (line features, event vectors).

The list is scikit-learn's ``ENGLISH_STOP_WORDS`` (BSD-3-Clause, from the Glasgow Information Retrieval
Group), frozen in ``stop_words.txt``: the learned line and pair models were trained on exactly these
features, and importing scikit-learn for a word list costs more than a second at every start.
"""

from pathlib import Path

ENGLISH_STOP_WORDS = frozenset(Path(__file__).with_name("stop_words.txt").read_text(encoding="utf-8").split())
