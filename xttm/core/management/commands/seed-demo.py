"""`xttm seed-demo`: create the demo agency, network, staff, enterprises and logins, once."""

from django.core.management.base import BaseCommand

from xttm.core.demo import demo_logins, seed_demo


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu: Cục, mạng lưới xúc tiến thương mại, cán bộ, doanh nghiệp và một "
        "tài khoản cho mỗi vai trò. Chạy lại không tạo thêm gì."
    )

    def handle(self, *args, **options):
        summary = seed_demo(stdout=self.stdout)
        logins = demo_logins()
        self.stdout.write("")
        self.stdout.write("Tài khoản dùng thử (tên đăng nhập / mật khẩu — vai trò):")
        for username, password, role in logins:
            self.stdout.write(f"  {username} / {password} — {role}")
        if len(summary.new_logins) < len(logins):
            # The seed never touches an existing account, so say so rather than promise.
            self.stdout.write("(Tài khoản đã có từ trước giữ nguyên mật khẩu hiện tại.)")
