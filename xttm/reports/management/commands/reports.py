"""`xttm reports verify` checks the summary against the raw rows; `xttm reports rebuild` recomputes it."""

import sys

from django.core.management.base import BaseCommand

from xttm.promotion.summary import rebuild_summary, verify_summary

MEASURE_NAMES = {
    "schemes": "số đề án",
    "schemes_approved": "số đề án được duyệt",
    "planned_enterprises": "số doanh nghiệp kế hoạch",
    "planned_deals": "số hợp đồng, giao dịch kế hoạch",
    "budget_requested": "kinh phí đề nghị",
    "budget_approved": "kinh phí được duyệt",
    "budget_disbursed": "kinh phí giải ngân",
    "budget_settled": "kinh phí quyết toán",
    "participations": "lượt doanh nghiệp",
    "support_vnd": "kinh phí hỗ trợ doanh nghiệp",
    "deals": "số hợp đồng, giao dịch",
    "value_vnd": "giá trị (đồng)",
    "value_usd": "giá trị (USD)",
}
KEY_NAMES = {
    "year": "năm",
    "line": "nhóm",
    "content_type_id": "nội dung",
    "lead_id": "đơn vị chủ trì",
    "province_new_id": "tỉnh mới",
    "province_old_id": "tỉnh cũ",
    "country": "quốc gia",
    "deal_kind": "loại giao dịch",
}


def describe(difference: dict) -> str:
    """One Vietnamese line per differing key: where, and each measure expected vs stored."""
    where = ", ".join(
        f"{KEY_NAMES.get(k, k)} {v}" for k, v in difference["key"].items() if v not in (None, "")
    )
    measures = "; ".join(
        "{name}: đúng là {want}, bảng tổng hợp ghi {have}".format(
            name=MEASURE_NAMES.get(m, m), want=want, have=difference["stored"].get(m, "0")
        )
        for m, want in difference["expected"].items()
    )
    return f"- [{where}] {measures}"


class Command(BaseCommand):
    help = "Kiểm tra (verify) hoặc tính lại (rebuild) bảng tổng hợp kết quả Chương trình."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="So bảng tổng hợp với số liệu gốc; mã thoát 1 nếu lệch.")
        sub.add_parser("rebuild", help="Tính lại toàn bộ bảng tổng hợp từ số liệu gốc.")
        bench = sub.add_parser(
            "bench",
            help="Đo thời gian trang tổng quan trên bảng tổng hợp giả lập (trong giao dịch, rồi hoàn tác).",
        )
        bench.add_argument("--rows", type=int, default=100_000)
        bench.add_argument("--deals-per-row", type=int, default=50)
        bench.add_argument("--queries", action="store_true", help="In từng truy vấn và thời gian.")

    def handle(self, *args, action, **options):
        if action == "bench":
            from xttm.reports.bench import run

            for line in run(options["rows"], options["deals_per_row"], options["queries"]):
                self.stdout.write(line)
            return
        if action == "rebuild":
            rows = rebuild_summary()
            self.stdout.write(f"Đã tính lại bảng tổng hợp: {rows} dòng.")
            return
        differences = verify_summary()
        if not differences:
            self.stdout.write("Bảng tổng hợp khớp với số liệu gốc.")
            return
        self.stdout.write(f"Bảng tổng hợp lệch với số liệu gốc ở {len(differences)} khóa:")
        for difference in differences:
            self.stdout.write(describe(difference))
        self.stdout.write("Chạy `xttm reports rebuild` để tính lại.")
        sys.exit(1)
