"""Formula injection: text that a spreadsheet program could run as a formula.

A cell whose text starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or
carriage return, which some programs skip before looking) is read by Excel
and LibreOffice as a formula when it reaches them as typed text. A name
like ``=HYPERLINK("http://…")`` typed by a member of the public must stay
a name in every sheet Commrel writes.

The choice, per format:

* **xlsx** — such text is written as an inline string cell (``t="inlineStr"``,
  never a ``<f>`` formula element) with Excel's *quote prefix* style, which is
  what Excel itself stores when someone types ``'=1+1``. The value stays
  exactly as stored (a phone number ``+44 20…`` is not altered), the
  program shows it as text, and editing the cell keeps it text.
* **CSV** — there are no cell types, so the text is prefixed with a single
  quote ``'`` (the OWASP recommendation). Importing strips that quote again
  when it stands before one of the characters above, so a round trip gives
  back what was stored.
"""
from __future__ import annotations

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def is_risky(text: str) -> bool:
    """True when ``text`` would be read as a formula by a spreadsheet program."""
    return bool(text) and text[0] in TRIGGERS


def neutralise(text: str) -> str:
    """The CSV-safe form of ``text``: a leading quote when it could be a formula."""
    return QUOTE + text if is_risky(text) else text


def restore(text: str) -> str:
    """Undo :func:`neutralise` on text read back from a file."""
    if len(text) > 1 and text[0] == QUOTE and text[1] in TRIGGERS:
        return text[1:]
    return text
