"""Ingest: read files and folders of articles in any common form into RawDocuments, unchanged.

Formats: plain text, Markdown, HTML, PDF (pdfminer.six), JSON/JSONL records, RSS/Atom feeds (feedparser),
WARC web archives (warcio), and gzipped single files. Bad input comes out as IngestError values, one per
file, record line or archive offset; PDFs are parsed in a worker process with a time and memory limit.
"""

from storyline.ingest.reader import read_inputs

__all__ = ["read_inputs"]
