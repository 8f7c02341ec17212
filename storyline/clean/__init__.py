"""clean: RawDocument -> Article (body paragraphs with raw spans; title, date, author, outlet, agency).

HTML goes through trafilatura; plain text and Markdown through block splitting, unwrapping, a learned
body/boilerplate block classifier and site boilerplate learned as pages arrive.
"""

from storyline.clean.cleaner import Cleaner
from storyline.clean.metadata import written_date

__all__ = ["Cleaner", "written_date"]
