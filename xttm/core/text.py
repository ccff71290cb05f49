"""Vietnamese text folding, so that "da nang" finds "Đà Nẵng" on every database."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics (đ → d) and collapse spaces.

    SQLite's lower() and LIKE know nothing of Vietnamese, and PostgreSQL's
    unaccent needs an extension; a stored folded column behaves the same on both.
    """
    if not text:
        return ""
    text = str(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def fold_key(text: str | None) -> str:
    """Folded text without spaces or punctuation, for matching column headers."""
    return re.sub(r"[^0-9a-z]", "", fold(text))
