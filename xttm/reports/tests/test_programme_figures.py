"""The programme dashboard's figures equal a recomputation from the raw rows, for any filter."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xttm.directory.models import Province
from xttm.promotion.choices import Line
from xttm.reports import programme
from xttm.reports.filters import Filters, filters_for
from xttm.reports.formatting import vn_number

from .conftest import recompute

MEASURES = ["schemes", "schemes_approved", "budget_approved", "budget_disbursed", "budget_settled",
            "participations", "deals", "value_usd", "value_vnd"]  # fmt: skip


def _filters(draw_data, ids):
    system = draw_data.draw(st.sampled_from(["2025", "2008"]))
    start = draw_data.draw(st.integers(2009, 2016))
    end = draw_data.draw(st.integers(start, 2016))
    provinces = list(Province.objects.filter(system=system).values_list("pk", flat=True))
    return Filters(
        year_from=start,
        year_to=end,
        system=system,
        line=draw_data.draw(st.sampled_from(["", *Line.values])),
        content_type=draw_data.draw(
            st.sampled_from(["", "fair_abroad", "domestic_fair", "vn_goods_fair"])
        ),
        province=draw_data.draw(st.sampled_from([None, None, *provinces])),
        lead=draw_data.draw(st.sampled_from([None, *ids])),
        country=draw_data.draw(st.sampled_from(["", "VN", "JP", "US", "FR"])),
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_dashboard_figures_equal_a_recomputation_from_raw_rows_for_any_filter(
    data, programme_data, personas
):
    ids = [o.pk for o in programme_data.values()]
    f = _filters(data, ids)
    fig = programme.figures(personas["leadership"], f)
    want = recompute(f)
    for name in MEASURES:
        assert Decimal(fig["total"][name]) == Decimal(want["total"][name]), name
    shown = {r["province_id"]: r for r in fig["by_province"]["rows"]}
    for place, measures in want["by_province"].items():
        if place is None:
            row = fig["by_province"]["unplaced"]
        else:
            row = shown[place]
        for name in ("participations", "deals", "value_usd"):
            assert Decimal(row[name]) == Decimal(measures[name]), (place, name)
    assert sum(r["participations"] for r in fig["by_year"]) == want["total"]["participations"]
    assert sum(r["deals"] for r in fig["by_market"]) == want["total"]["deals"]


def test_old_and_new_province_groupings_give_the_same_national_totals(programme_data, personas):
    user = personas["leadership"]
    new = programme_figures(user, "2025")
    old = programme_figures(user, "2008")
    assert new["total"] == old["total"]
    for name in ("participations", "deals", "value_usd", "budget_approved"):
        new_sum = sum(r[name] for r in new["by_province"]["rows"]) + (
            (new["by_province"]["unplaced"] or {}).get(name) or 0
        )
        old_sum = sum(r[name] for r in old["by_province"]["rows"]) + (
            (old["by_province"]["unplaced"] or {}).get(name) or 0
        )
        assert new_sum == old_sum == new["total"][name]
    assert len(new["by_province"]["rows"]) == 34
    assert len(old["by_province"]["rows"]) == 63


def programme_figures(user, system):
    return programme.figures(user, Filters(year_from=2006, year_to=2030, system=system))


def test_a_partner_officer_sees_only_their_organisations_figures(programme_data, personas):
    user = personas["partner_officer"]
    _form, f = filters_for(
        user, {"year_from": "2006", "year_to": "2030", "lead": str(programme_data["other"].pk)}
    )
    assert f.lead == programme_data["partner"].pk and f.lead_forced
    fig = programme.figures(user, f)
    # Even a hand-made filter naming another lead yields nothing, never the other's figures.
    other = programme.figures(
        user, Filters(year_from=2006, year_to=2030, lead=programme_data["other"].pk)
    )
    assert other["total"]["participations"] == 0 and other["total"]["schemes"] == 0
    # Whatever lead the filter names, the summary is narrowed to the partner's own schemes.
    own = recompute(Filters(year_from=2006, year_to=2030), user_lead=programme_data["partner"].pk)
    assert fig["total"]["participations"] == own["total"]["participations"]
    assert {r["lead_id"] for r in fig["by_lead"]} <= {programme_data["partner"].pk}


def test_the_headline_sentence_is_written_from_the_figures(programme_data, personas):
    f = Filters(year_from=2010, year_to=2014)
    fig = programme.figures(personas["leadership"], f)
    t = fig["total"]
    assert fig["sentence"].startswith(
        "Giai đoạn 2010–2014, Chương trình cấp quốc gia về xúc tiến thương mại có {n} đề án được phê duyệt".format(
            n=vn_number(t["schemes_approved"])
        )
    )
    assert (
        "{n} lượt doanh nghiệp tham gia".format(n=programme_about(t["participations"]))
        in fig["sentence"]
    )
    assert "ký kết {n} hợp đồng, giao dịch".format(n=vn_number(t["deals"])) in fig["sentence"]


def programme_about(n):
    return programme.about(n)


def test_round_figures_read_as_reports_write_them():
    assert programme.about(21_345) == "hơn 21.000"
    assert programme.about(21_000) == "21.000"
    assert programme.about(999) == "999"
    assert programme.vn_amount(Decimal("5300000000")) == "5,3 tỷ"
    assert programme.vn_money(Decimal("1000000000000")) == "1.000 tỷ đồng"
    assert vn_number(1234567) == "1.234.567"


def test_white_spots_follow_the_merger_both_ways(programme_data, personas):
    from xttm.directory.factories import province
    from xttm.promotion.models import Facility

    Facility.objects.create(
        province=province("49", "2008"), kind="centre", name="Trung tâm XTTM Quảng Nam"
    )
    Facility.objects.create(province=province("79"), kind="exhibition", name="SECC")
    user = personas["leadership"]
    new = {
        r["code"]: r["white_spot"] for r in programme_figures(user, "2025")["by_province"]["rows"]
    }
    old = {
        r["code"]: r["white_spot"] for r in programme_figures(user, "2008")["by_province"]["rows"]
    }
    # Old Quảng Nam went into new Đà Nẵng: both equipped; old Đà Nẵng itself has none.
    assert (new["48"], old["49"], old["48"]) == (False, False, True)
    # Entered against new TP Hồ Chí Minh: none of its three old parts is called a white spot.
    assert (new["79"], old["79"], old["74"], old["77"]) == (False, False, False, False)
    assert new["01"] is True and sum(new.values()) == 32
