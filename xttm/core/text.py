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


# Vietnamese alphabetical order: the 29 letters, with f, j, w and z for foreign names.
# Breve, circumflex and horn make another letter (ă, â, ê, ô, ơ, ư); đ is a letter of its
# own. Tones only break ties, in the dictionaries' order: none, huyền, sắc, hỏi, ngã, nặng.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_MARKS = "\u0306\u0302\u031b"
_TONES = {"\u0300": "1", "\u0301": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
# Two digits a character, so the key sorts the same under every database collation (digits
# compare alike in "C" and in the language collations, which ignore punctuation and case).
# "00" parts words and, doubled, the letters from the tones: it sorts below every character,
# so "An" comes before "An Bình" and before "Anh".
_CODES = {str(d): f"{d + 1:02d}" for d in range(10)}
_CODES.update({letter: f"{11 + i:02d}" for i, letter in enumerate(_ALPHABET)})
_OTHER = "99"


def _letter_and_tone(ch: str) -> tuple[str, str]:
    base, *marks = unicodedata.normalize("NFD", ch.lower())
    letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _LETTER_MARKS))
    tone = next((_TONES[m] for m in marks if m in _TONES), "0")
    return _CODES.get(letter, _OTHER), tone


def name_sort_key(full_name: str | None) -> str:
    """A key that puts Vietnamese names in the order of a Vietnamese staff list.

    Lists of people go by given name (the last word), then family name (the first), then
    the middle names: "Trần Văn An" before "Nguyễn Thị Bình". Letters follow the Vietnamese
    alphabet (a ă â b c d đ …) whatever the database's collation; "Đặng" under PostgreSQL's
    "C" collation would otherwise follow "Z" and "Ánh" every plain letter.
    """
    words = unicodedata.normalize("NFC", full_name or "").split()
    if len(words) > 1:
        words = [words[-1], words[0], *words[1:-1]]
    letters, tones = [], []
    for word in words:
        for ch in word:
            letter, tone = _letter_and_tone(ch)
            letters.append(letter)
            tones.append(tone)
        letters.append("00")
    return "".join(letters) + "00" + "".join(tones)
