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


def _needs_quote(text: str) -> bool:
    # Risky text, or text whose own leading quotes stand before risky text: the
    # latter is quoted too, so that :func:`restore` can tell the two apart.
    while text[:1] == QUOTE:
        text = text[1:]
    return is_risky(text)


def neutralise(text: str) -> str:
    """The CSV-safe form of ``text``: a leading quote when it could be a formula."""
    return QUOTE + text if _needs_quote(text) else text


def escape_quoted(text: str) -> str:
    """For xlsx, where risky text is marked with a quote prefix instead: only text that already
    starts with a quote before risky text needs one more, so :func:`restore` gives it back."""
    return QUOTE + text if text[:1] == QUOTE and _needs_quote(text) else text


def restore(text: str) -> str:
    """Undo :func:`neutralise` on text read back from a file."""
    if text[:1] == QUOTE and _needs_quote(text[1:]):
        return text[1:]
    return text
