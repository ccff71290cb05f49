"""The chart labels are written in the templates, translated, and handed to the JS as JSON."""

import json
import re
from pathlib import Path

from django.utils import translation

PROGRAMME_KEYS = {
    "participations": "Lượt doanh nghiệp",
    "budget_approved": "Kinh phí được duyệt (đồng)",
    "target_budget": "Kinh phí kế hoạch (đồng)",
    "planned_enterprises": "Doanh nghiệp kế hoạch",
    "deals": "Hợp đồng, giao dịch",
    "planned_deals": "Hợp đồng, giao dịch kế hoạch",
    "by_year": "Theo năm",
    "by_line": "Theo nhóm chương trình",
    "value_usd": "Giá trị (USD)",
    "hoang_sa": "Quần đảo Hoàng Sa (TP Đà Nẵng)",
    "truong_sa": "Quần đảo Trường Sa (tỉnh Khánh Hòa)",
    "white_spot": "Điểm trắng",
}


def _labels(html: str, element_id: str) -> dict:
    match = re.search(
        rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S
    )
    assert match, element_id
    return json.loads(match.group(1))


def _english(msgid: str) -> str:
    with translation.override("en"):
        return translation.gettext(msgid)


def test_the_programme_chart_labels_follow_the_chosen_language(client_as, programme_data):
    client = client_as("leadership")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/reports/?year_from=2010&year_to=2014").content.decode()
    labels = _labels(html, "reports-chart-labels")
    for key, msgid in PROGRAMME_KEYS.items():
        assert labels[key] == _english(msgid), key
    assert "<script>" not in html


def test_the_programme_chart_labels_are_vietnamese_by_default(client_as, programme_data):
    html = client_as("leadership").get("/reports/?year_from=2010&year_to=2014").content.decode()
    labels = _labels(html, "reports-chart-labels")
    for key, msgid in PROGRAMME_KEYS.items():
        assert labels[key] == msgid, key


def test_the_emulation_chart_labels_follow_the_chosen_language(client_as, programme_data):
    client = client_as("leadership")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/reports/emulation/")
    assert response.status_code == 200
    labels = _labels(response.content.decode(), "emulation-chart-labels")
    assert labels == {
        "registrations": _english("Đăng ký theo trạng thái"),
        "awards": _english("Khen thưởng theo danh hiệu"),
    }


def test_the_chart_scripts_carry_no_vietnamese_label():
    here = Path(__file__).resolve().parents[2] / "static" / "reports"
    for name in ("charts.js", "emulation.js"):
        text = here.joinpath(name).read_text(encoding="utf-8")
        strings = re.findall(r'"([^"\n]*)"', text)
        assert not [s for s in strings if re.search(r"[À-ỹ]", s)], name
