"""The one exception the ingest readers raise internally.

Readers raise ``Unreadable`` with a short human sentence; ``read_inputs`` turns it into an ``IngestError``
value, so callers of the stage never see an exception for bad input.
"""


class Unreadable(Exception):
    """A file or record that cannot become a document; ``str(exc)`` is the reason shown to the user."""
