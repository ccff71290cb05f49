"""Choices of the directory: kinds of organisation, bodies, employment, enterprise size."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProvinceSystem(models.TextChoices):
    """Which map a province belongs to: the 63 of 2008–2025 or the 34 from 1 July 2025."""

    OLD_63 = "2008", _("63 tỉnh, thành (trước 01/7/2025)")
    NEW_34 = "2025", _("34 tỉnh, thành (từ 01/7/2025)")


class ProvinceKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh")
    CITY = "city", _("Thành phố trực thuộc trung ương")


class OrganizationKind(models.TextChoices):
    AGENCY = "agency", _("Cục Xúc tiến thương mại")
    PROVINCIAL_CENTRE = "provincial_centre", _("Trung tâm XTTM tỉnh/thành phố")
    ASSOCIATION = "association", _("Hiệp hội ngành hàng")
    DEPARTMENT = "department", _("Sở Công Thương")
    OTHER = "other", _("Tổ chức khác")


class BodyKind(models.TextChoices):
    PARTY = "party", _("Tổ chức Đảng")
    ADMIN = "admin", _("Chính quyền")
    UNION = "union", _("Công đoàn")
    YOUTH = "youth", _("Đoàn Thanh niên")


class Gender(models.TextChoices):
    FEMALE = "F", _("Nữ")
    MALE = "M", _("Nam")


class EmploymentCategory(models.TextChoices):
    OFFICIAL = "official", _("Cán bộ")
    CIVIL_SERVANT = "civil_servant", _("Công chức")
    PUBLIC_EMPLOYEE = "public_employee", _("Viên chức")
    WORKER = "worker", _("Người lao động")


class EnterpriseSize(models.TextChoices):
    MICRO = "micro", _("Siêu nhỏ")
    SMALL = "small", _("Nhỏ")
    MEDIUM = "medium", _("Vừa")
    LARGE = "large", _("Lớn")


class Ownership(models.TextChoices):
    STATE = "state", _("Nhà nước")
    PRIVATE = "private", _("Tư nhân")
    FOREIGN = "foreign", _("Có vốn đầu tư nước ngoài")
    COOPERATIVE = "cooperative", _("Hợp tác xã")
    HOUSEHOLD = "household", _("Hộ kinh doanh")


class Sector(models.TextChoices):
    """VSIC 2018 sections (Decision 27/2018/QĐ-TTg), the level the reports group by."""

    A = "A", _("Nông nghiệp, lâm nghiệp và thủy sản")
    B = "B", _("Khai khoáng")
    C = "C", _("Công nghiệp chế biến, chế tạo")
    D = "D", _("Sản xuất và phân phối điện, khí đốt, nước nóng, hơi nước và điều hòa không khí")
    E = "E", _("Cung cấp nước; quản lý và xử lý rác thải, nước thải")
    F = "F", _("Xây dựng")
    G = "G", _("Bán buôn và bán lẻ; sửa chữa ô tô, mô tô, xe máy")
    H = "H", _("Vận tải kho bãi")
    I = "I", _("Dịch vụ lưu trú và ăn uống")  # noqa: E741
    J = "J", _("Thông tin và truyền thông")
    K = "K", _("Hoạt động tài chính, ngân hàng và bảo hiểm")
    L = "L", _("Hoạt động kinh doanh bất động sản")
    M = "M", _("Hoạt động chuyên môn, khoa học và công nghệ")
    N = "N", _("Hoạt động hành chính và dịch vụ hỗ trợ")
    O = "O", _("Hoạt động của Đảng Cộng sản, tổ chức chính trị - xã hội, quản lý nhà nước")  # noqa: E741
    P = "P", _("Giáo dục và đào tạo")
    Q = "Q", _("Y tế và hoạt động trợ giúp xã hội")
    R = "R", _("Nghệ thuật, vui chơi và giải trí")
    S = "S", _("Hoạt động dịch vụ khác")
    T = "T", _("Hoạt động làm thuê các công việc trong các hộ gia đình")
    U = "U", _("Hoạt động của các tổ chức và cơ quan quốc tế")
