"""`xttm eligibility FILE.json`: the JSON report on stdout, exit 2 and the JSON path on a bad file.

pytest-django refuses database access in tests not marked for it, so every
test here also shows that the command never touches the database.
"""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

DATA = Path(__file__).parent / "data"
PROJECT = Path(__file__).resolve().parents[3]


def run(*args: str) -> dict:
    out = StringIO()
    call_command("eligibility", *args, stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


def refusal(*args: str) -> tuple[CommandError, str]:
    out = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("eligibility", *args, stdout=out, stderr=StringIO())
    return caught.value, out.getvalue()


def expected(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def test_the_documented_example_file_gives_exactly_the_expected_report():
    assert run(str(DATA / "example.json")) == expected("example.expected.json")


def test_lang_en_explains_the_report_in_english():
    report = run(str(DATA / "scenario1_cstd_bo.json"), "--lang", "en")

    assert report == expected("scenario1_cstd_bo.en.expected.json")
    cstd_bo = report["results"][2]
    assert (cstd_bo["subject"], cstd_bo["code"], cstd_bo["verdict"]) == (
        "P1",
        "CSTD_BO",
        "eligible",
    )
    assert cstd_bo["uses"] == ["SK-2023-04"]


def test_a_late_recruit_gets_exactly_this_ldtt_result():
    report = run(str(DATA / "recruited_late_2024.json"))

    assert (report["year"], report["regime"]) == (2024, "law2022")
    assert report["results"][0] == {
        "subject": "P9",
        "code": "LDTT",
        "verdict": "not_eligible",
        "conditions": [
            {"rule": "Xếp loại HTTNV trở lên năm 2024", "met": True, "evidence": ["2024=HTTNV"]},
            {
                "rule": "Có từ 6 tháng công tác trở lên trong năm 2024 (tính cả thời gian nghỉ thai "
                "sản, điều trị thương tích, đào tạo, bồi dưỡng dưới 12 tháng)",
                "met": False,
                "evidence": ["recruited_on=2024-08-15", "working_days=139", "required_days=184"],
            },
            {
                "rule": "Không bị kỷ luật từ mức khiển trách trở lên trong năm 2024",
                "met": True,
                "evidence": [],
            },
        ],
        "missing": [
            "tuyển dụng ngày 15/08/2024 nên chỉ có 139 ngày công tác trong năm 2024; "
            "cần ít nhất 6 tháng (184 ngày)"
        ],
        "uses": [],
    }
    assert [(r["subject"], r["code"]) for r in report["results"]] == [
        ("P9", code)
        for code in ("LDTT", "CSTDCS", "CSTD_BO", "CSTD_TQ", "BK_BO", "BK_TTG", "HCLD_3")
    ]


def test_the_year_option_overrides_the_year_in_the_file():
    report = run(str(DATA / "scenario1_cstd_bo.json"), "--year", "2025")

    assert (report["year"], report["regime"]) == (2025, "law2022")
    assert report["results"][0]["missing"] == [
        "cần xếp loại HTTNV trở lên năm 2025 (hiện tại: chưa có)"
    ]


def test_the_2020_quota_file_cuts_the_fourth_candidate_and_says_why():
    results = {(r["subject"], r["code"]): r for r in run(str(DATA / "quota_2020.json"))["results"]}

    assert [results[(p, "CSTDCS")]["verdict"] for p in ("P05", "P02", "P01", "P03")] == [
        "eligible",
        "eligible",
        "eligible",
        "not_eligible",
    ]
    assert results[("P03", "CSTDCS")]["missing"] == [
        "vượt tỷ lệ 15%: Phòng Xúc tiến xuất khẩu có 20 người đạt Lao động tiên tiến nên chỉ "
        "được 3 Chiến sĩ thi đua cơ sở; xếp thứ 4/4 ứng viên"
    ]


@pytest.mark.parametrize(
    "name, message",
    [
        (
            "invalid_unknown_key.json",
            "people[0].nmae: khóa không hợp lệ; các khóa được phép: id, name, gender, unit, "
            "recruited_on, ratings, titles, awards, initiatives, discipline, leave, under_review",
        ),
        (
            "invalid_date.json",
            'people[0].recruited_on: "2024-02-30" không phải ngày hợp lệ dạng YYYY-MM-DD',
        ),
        (
            "invalid_rating.json",
            'people[0].ratings.2024: "HTXX" không phải mức xếp loại hợp lệ '
            "(HTXSNV, HTTNV, HTNV, KHTNV)",
        ),
        (
            "invalid_code.json",
            'people[0].titles[0].code: "CSTD_XX" không phải mã danh hiệu cá nhân hợp lệ '
            "(LDTT, CSTDCS, CSTD_BO, CSTD_TQ)",
        ),
        ("invalid_type.json", 'year: "2024" không phải số nguyên'),
        ("invalid_uses_type.json", "people[0].awards[0].uses: phải là một danh sách [...]"),
    ],
    ids=["unknown-key", "bad-date", "bad-rating", "bad-code", "wrong-type", "uses-not-a-list"],
)
def test_an_invalid_file_exits_with_code_2_naming_the_json_path(name, message):
    error, printed = refusal(str(DATA / name))

    assert error.returncode == 2
    assert str(error) == message
    assert printed == ""


def test_errors_are_explained_in_english_with_lang_en():
    error, _ = refusal(str(DATA / "invalid_rating.json"), "--lang", "en")

    assert str(error) == (
        'people[0].ratings.2024: "HTXX" is not a valid rating (HTXSNV, HTTNV, HTNV, KHTNV)'
    )


def test_a_file_without_a_year_needs_the_year_option(tmp_path):
    facts = tmp_path / "no-year.json"
    facts.write_text('{"people": [{"id": "P1"}]}', encoding="utf-8")

    error, _ = refusal(str(facts))

    assert error.returncode == 2
    assert str(error) == 'year: chưa có năm xét: ghi "year" trong tệp hoặc dùng --year'
    assert run(str(facts), "--year", "2024")["year"] == 2024


def test_a_repeated_key_is_refused_rather_than_silently_overwritten(tmp_path):
    facts = tmp_path / "twice.json"
    facts.write_text(
        '{"year": 2024, "people": [{"id": "P1", "ratings": {"2024": "HTNV", "2024": "HTXSNV"}}]}',
        encoding="utf-8",
    )

    error, _ = refusal(str(facts))

    assert str(error) == "people[0].ratings.2024: khóa bị lặp lại"


def test_broken_json_is_refused_with_its_line_and_column(tmp_path):
    facts = tmp_path / "broken.json"
    facts.write_text('{"year": 2024,\n "people": [}', encoding="utf-8")

    error, _ = refusal(str(facts))

    assert error.returncode == 2
    assert str(error) == "$: không phải JSON hợp lệ: Expecting value (dòng 2, cột 13)"


def test_a_missing_file_exits_with_code_2(tmp_path):
    error, _ = refusal(str(tmp_path / "nowhere.json"))

    assert error.returncode == 2
    assert str(error).startswith(f"{tmp_path / 'nowhere.json'}: không đọc được tệp: ")


def test_from_the_shell_a_valid_file_exits_0_and_an_invalid_one_exits_2(tmp_path):
    # The database URL points into a directory that does not exist: any attempt
    # to open the database would fail, so success proves the command never does.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "xttm.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path}/no-such-dir/xttm.sqlite3",
        "XTTM_VAR_DIR": str(tmp_path / "var"),
    }

    def shell(name: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "django", "eligibility", str(DATA / name)],
            cwd=PROJECT,
            env=env,
            capture_output=True,
            encoding="utf-8",
            timeout=120,
        )

    valid = shell("example.json")
    invalid = shell("invalid_rating.json")

    assert valid.returncode == 0, valid.stderr
    assert json.loads(valid.stdout) == expected("example.expected.json")
    assert invalid.returncode == 2
    assert invalid.stdout == ""
    assert invalid.stderr.strip().endswith(
        'people[0].ratings.2024: "HTXX" không phải mức xếp loại hợp lệ (HTXSNV, HTTNV, HTNV, KHTNV)'
    )
