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
# own. A syllable's tone breaks ties between syllables of the same letters, in the order
# of the Vietnam Lexicography Centre's rules: none, huyền, hỏi, ngã, sắc, nặng
# (a à ả ã á ạ), which is also ICU's Vietnamese collation.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_MARKS = "\u0306\u0302\u031b"
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
# Two digits a character, so the key sorts the same under every database collation (digits
# compare alike in "C" and in the language collations, which ignore punctuation and case).
# "00" ends a word's letters and sorts below every letter, so "An" comes before "Anh";
# the word's tone digit follows it.
_CODES = {str(d): f"{d + 1:02d}" for d in range(10)}
_CODES.update({letter: f"{11 + i:02d}" for i, letter in enumerate(_ALPHABET)})
_OTHER = "99"
# Ð (Icelandic eth) and Ɖ (African D) stand in for Đ in text decoded from old code pages.
_LOOKALIKES = str.maketrans("ÐðƉɖ", "ĐđĐđ")


def _word_key(word: str) -> str:
    """The word's letters, "00", then its tone: syllable by syllable, as the dictionaries go.

    Punctuation inside a word (Ánh-Tuyết, O'Neil) is passed over, as collations do.
    """
    letters, tone = [], "0"
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _TONES:
            if tone == "0":  # one tone a syllable; a second mark is a typing slip
                tone = _TONES[ch]
        elif ch in _LETTER_MARKS and letters:
            letters[-1] += ch
        elif ch.isalnum():
            letters.append(ch)
    codes = (_CODES.get(unicodedata.normalize("NFC", letter), _OTHER) for letter in letters)
    return "".join(codes) + "00" + tone


def name_sort_key(full_name: str | None) -> str:
    """A key that puts Vietnamese names in the order of a Vietnamese staff list.

    Lists of people go by given name (the last word), then family name (the first), then
    the middle names: "Trần Văn An" before "Nguyễn Thị Bình"; all the Anh before the Ánh.
    A number or note after the name ("Nguyễn Văn An 2") does not count as the given name.
    Letters follow the Vietnamese alphabet (a ă â b c d đ …) whatever the database's
    collation; under PostgreSQL's "C" collation "Đặng" would follow "Zô", and "Ánh"
    every plain letter.
    """
    words = unicodedata.normalize("NFC", (full_name or "").translate(_LOOKALIKES)).split()
    named = [at for at, word in enumerate(words) if any(ch.isalpha() for ch in word)]
    if named and named[-1] > 0:
        given = named[-1]
        words = [words[given], words[0], *words[1:given], *words[given + 1 :]]
    return "".join(_word_key(word) for word in words)
