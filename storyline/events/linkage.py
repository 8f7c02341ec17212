"""Average-linkage merging of groups, shared by the batch mode and the stream's re-decisions."""

from __future__ import annotations

import numpy as np

from storyline.events.similarity import event_score


def agglomerate(
    sums: np.ndarray,
    sizes: np.ndarray,
    dates: np.ndarray,
    threshold: float,
) -> np.ndarray:
    """Merge groups best pair first while ``event_score`` of the pair reaches the threshold; group labels.

    ``sums`` holds the summed pair similarity between groups' articles, ``dates`` the groups' date factors
    (of their closest pair of dated articles; NaN where no pair is dated, which says nothing: an undated
    article does not lift the date penalty of the group it joins). Written out because scipy's linkage only
    takes one fixed distance per pair, while the score here mixes an average (pair similarity) with a best
    pair (dates), as the streaming grouper does when it scores an article against an event.
    """
    sums, sizes, dates = sums.astype(float), sizes.astype(float), dates.copy()
    count = len(sizes)
    labels = np.arange(count)
    active = np.ones(count, dtype=bool)
    scores = event_score(sums / np.outer(sizes, sizes), np.nan_to_num(dates, nan=1.0))
    np.fill_diagonal(scores, -np.inf)
    while count > 1:
        flat = int(np.argmax(scores))
        keep, gone = divmod(flat, len(sizes))
        if scores[keep, gone] < threshold:
            break
        sums[keep] += sums[gone]
        sums[:, keep] = sums[keep]
        dates[keep] = np.fmax(dates[keep], dates[gone])
        dates[:, keep] = dates[keep]
        sizes[keep] += sizes[gone]
        labels[labels == gone] = keep
        active[gone] = False
        row = event_score(sums[keep] / (sizes[keep] * sizes), np.nan_to_num(dates[keep], nan=1.0))
        row[~active] = -np.inf
        row[keep] = -np.inf
        scores[keep], scores[:, keep] = row, row
        scores[gone], scores[:, gone] = -np.inf, -np.inf
        count -= 1
    return labels
