// storyline's only page script (served as a file: the Content-Security-Policy allows no inline script).
// It narrows the timeline as you type and marks the sentence a link pointed at. It never writes HTML:
// only classes and the hidden flag change, so no article text can become markup.
"use strict";

function narrowTimeline() {
  const input = document.getElementById("quick-filter");
  const table = document.getElementById("timeline");
  if (!input || !table) return;
  input.addEventListener("input", () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    for (const row of table.tBodies[0].rows) {
      const text = row.textContent.toLowerCase();
      row.hidden = !words.every((word) => text.includes(word));
    }
  });
}

function markTargetSentence() {
  for (const old of document.querySelectorAll(".current")) old.classList.remove("current");
  const id = decodeURIComponent(window.location.hash.slice(1));
  const anchor = id && document.getElementById(id);
  if (!anchor) return;
  const marked = anchor.classList.contains("anchor") ? anchor.nextElementSibling : anchor;
  if (marked) {
    marked.classList.add("current");
    marked.scrollIntoView({ block: "center" });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  narrowTimeline();
  markTargetSentence();
  window.addEventListener("hashchange", markTargetSentence);
});
