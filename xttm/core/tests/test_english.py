"""English, the second language: the switch works and the catalogue is complete.

The msgids are the Vietnamese interface strings; xttm/locale/en/LC_MESSAGES/django.po
gives each one its English. These tests read that catalogue as plain text (no
polib) and check it against the compiled django.mo that Django actually loads.
"""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from xttm.directory.factories import province
from xttm.directory.models import Enterprise

CATALOGUE_DIR = Path(settings.BASE_DIR) / "xttm" / "locale" / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sd]|%%|\{[A-Za-z_]\w*\}")


def read_po(path: Path) -> list[dict]:
    """The entries of a .po file: msgid, msgid_plural, msgstr (or msgstr[n]), flags."""
    entries, entry, field = [], None, None

    def finish():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if entry is None or "msgid" in entry:
                finish()
                entry, field = {"flags": set()}, None
            entry["flags"] |= {f.strip() for f in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            entry[field] += ast.literal_eval(line)
            continue
        keyword, _, literal = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and (entry is None or "msgid" in entry):
            finish()
            entry = {"flags": set()}
        if entry is None:
            entry = {"flags": set()}
        field = keyword
        entry[field] = ast.literal_eval(literal)
    finish()
    return entries


@pytest.fixture(scope="module")
def entries():
    found = read_po(CATALOGUE_DIR / "django.po")
    header = [e for e in found if e["msgid"] == ""]
    assert len(header) == 1
    return [e for e in found if e["msgid"] != ""]


def translations(entry) -> list[str]:
    return [value for key, value in entry.items() if key.startswith("msgstr")]


def english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


@pytest.mark.django_db
def test_the_switch_to_english_turns_the_login_page_english(client):
    before = client.get(reverse("login"))
    assert '<html lang="vi">' in before.text
    assert "Đăng nhập" in before.text

    response = english(client).get(reverse("login"))
    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert "Sign in" in response.text
    assert "Đăng nhập" not in response.text
    assert response.headers["Content-Language"] == "en"


def test_a_programme_officer_sees_the_enterprise_list_in_english(client_as):
    client = english(client_as("programme_officer"))
    response = client.get(reverse("directory:enterprise-list"))
    assert response.status_code == 200
    assert "<title>Enterprises · XTTM</title>" in response.text
    assert ">Enterprises</h1>" in response.text
    assert "Doanh nghiệp" not in response.text


def test_a_vietnamese_validation_message_comes_out_in_english(client_as):
    client = english(client_as("programme_officer"))
    response = client.post(
        reverse("directory:enterprise-create"),
        {"tax_code": "0100109107", "name": "Công ty Sai Mã", "province": province("01").pk},
    )
    assert response.status_code == 200
    assert "Tax code “0100109107” has an incorrect check digit." in response.text
    assert "sai chữ số kiểm tra" not in response.text
    assert Enterprise.objects.count() == 0


def test_without_the_switch_the_same_message_stays_vietnamese(client_as):
    response = client_as("programme_officer").post(
        reverse("directory:enterprise-create"),
        {"tax_code": "0100109107", "name": "Công ty Sai Mã", "province": province("01").pk},
    )
    assert "Mã số thuế “0100109107” sai chữ số kiểm tra." in response.text


def test_every_entry_of_the_english_catalogue_is_translated_and_checked(entries):
    assert len(entries) > 1000
    untranslated = [e["msgid"] for e in entries if not all(t.strip() for t in translations(e))]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_translations_keep_the_placeholders_of_their_msgid(entries):
    wrong = []
    for e in entries:
        expected = sorted(PLACEHOLDER.findall(e["msgid"]))
        for text in translations(e):
            if sorted(PLACEHOLDER.findall(text)) != expected:
                wrong.append((e["msgid"], text))
    assert wrong == []


def test_plural_entries_have_both_english_forms(entries):
    plurals = [e for e in entries if "msgid_plural" in e]
    assert plurals
    for e in plurals:
        assert set(k for k in e if k.startswith("msgstr")) == {"msgstr[0]", "msgstr[1]"}


def test_the_compiled_catalogue_matches_the_po_file(entries):
    with (CATALOGUE_DIR / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = []
    for e in entries:
        if "msgctxt" in e:
            got = compiled.pgettext(e["msgctxt"], e["msgid"])
            want = e["msgstr"]
        elif "msgid_plural" in e:
            got = [compiled.ngettext(e["msgid"], e["msgid_plural"], n) for n in (1, 2)]
            want = [e["msgstr[0]"], e["msgstr[1]"]]
        else:
            got, want = compiled.gettext(e["msgid"]), e["msgstr"]
        if got != want:
            stale.append(e["msgid"])
    assert stale == [], "run `xttm compilemessages -l en` after editing django.po"


@pytest.mark.parametrize(
    ("vietnamese", "expected"),
    [
        ("Đăng nhập", "Sign in"),
        ("Doanh nghiệp", "Enterprises"),
        ("Cục Xúc tiến thương mại", "Trade Promotion Agency"),
        ("Chương trình cấp quốc gia về XTTM", "National Trade Promotion Programme"),
        ("đơn vị chủ trì", "lead organisation"),
        ("lượt doanh nghiệp tham gia", "enterprise participation"),
        ("Thi đua – Khen thưởng", "Emulation and Commendation"),
        ("Chiến sĩ thi đua cơ sở", "Grassroots Emulation Soldier"),
        ("Bằng khen của Bộ trưởng", "Minister's Certificate of Merit"),
        ("Huân chương Lao động hạng Ba", "Labour Order, third class"),
    ],
)
def test_django_translates_glossary_terms_as_the_glossary_says(vietnamese, expected):
    with translation.override("en"):
        assert translation.gettext(vietnamese) == expected
    with translation.override("vi"):
        assert translation.gettext(vietnamese) == vietnamese
