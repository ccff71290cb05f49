"""Demo data: the agency, its network, staff, ~2,000 enterprises and one login per role.

`xttm seed-demo` and `xttm serve --demo` call `seed_demo()`. It is

- deterministic: names, tax codes and addresses come from fixed tables, the
  shared factories (`tax_code_for`, `person_name`) and `random.Random` with a
  fixed seed, never from the clock or the database's state;
- idempotent: every row has a natural key (organisation and unit code, staff
  code, username, tax code); only the missing ones are created, and a second
  run is a handful of `IN` queries;
- realistic: real provinces (both maps), real wards and communes from
  `vietnamadminunits`, real industry associations, the trades each province is
  known for.

Everything runs in one transaction, so a failed seed leaves nothing behind.
"""

import datetime
import importlib
import importlib.util
import random
import sqlite3
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from xttm.accounts.factories import UserFactory
from xttm.accounts.roles import Role
from xttm.core.text import fold_key
from xttm.directory.choices import (
    BodyKind,
    EmploymentCategory,
    EnterpriseSize,
    Gender,
    OrganizationKind,
    Ownership,
    ProvinceSystem,
    Sector,
)
from xttm.directory.factories import (
    BodyFactory,
    EnterpriseFactory,
    OrganizationFactory,
    PersonFactory,
    UnitFactory,
    person_name,
    tax_code_for,
)
from xttm.directory.models import Body, Enterprise, Organization, Person, Province, Unit

DEMO_SEED = 20250701
HEAD_OFFICES = 1980
# Every 99th head office is a large firm with a branch in another city: 20 branches.
BRANCH_EVERY = 99
ENTERPRISE_COUNT = HEAD_OFFICES + len(range(0, HEAD_OFFICES, BRANCH_EVERY))
# The test factories number tax codes from 0; demo codes start far above, so a
# test that seeds the demo and then builds enterprises never collides with it.
TAX_CODE_OFFSET = 1_000_000
HISTORY_REASON = "Dữ liệu mẫu (xttm seed-demo)"

AGENCY_CODE = "vietrade"
DEMO_EMAIL_DOMAIN = "xttm.local"  # never a real domain: the demo may send mail


# --- Summary --------------------------------------------------------------------


@dataclass
class DemoSummary:
    """What one run created (zero everywhere on a second run) and how long it took."""

    organizations: int = 0
    units: int = 0
    bodies: int = 0
    people: int = 0
    enterprises: int = 0
    users: int = 0
    seconds: float = 0.0
    new_logins: list[str] = field(default_factory=list)

    @property
    def created(self) -> int:
        return (
            self.organizations
            + self.units
            + self.bodies
            + self.people
            + self.enterprises
            + self.users
        )

    def lines(self) -> list[str]:
        if not self.created:
            return [f"Dữ liệu mẫu đã có sẵn, không tạo thêm ({self.seconds:.2f} giây)."]
        return [
            f"Đã tạo dữ liệu mẫu trong {self.seconds:.1f} giây:",
            f"  tổ chức: {self.organizations}",
            f"  đơn vị của Cục: {self.units}",
            f"  tổ chức đoàn thể: {self.bodies}",
            f"  cán bộ: {self.people}",
            f"  doanh nghiệp: {self.enterprises}",
            f"  tài khoản: {self.users}",
        ]


# --- The agency -----------------------------------------------------------------

AGENCY = {
    "code": AGENCY_CODE,
    "name": "Cục Xúc tiến thương mại",
    "short_name": "Vietrade",
    "kind": OrganizationKind.AGENCY,
    "address": "Số 20 Lý Thường Kiệt, Phường Cửa Nam, Thành phố Hà Nội",
    "phone": "024 3934 7628",
    "website": "https://vietrade.gov.vn",
}

# (code, name, parent code). The representative offices report through the
# Văn phòng Cục, which gives the tree a second level for the views to show.
UNITS = [
    ("lanh-dao-cuc", "Lãnh đạo Cục", None),
    ("van-phong", "Văn phòng Cục", None),  # the code xttm/conftest.py uses too
    ("ke-hoach-tong-hop", "Phòng Kế hoạch – Tổng hợp", None),
    ("chuong-trinh", "Phòng Quản lý Chương trình cấp quốc gia về XTTM", None),
    ("xttm-trong-nuoc", "Phòng Xúc tiến thương mại thị trường trong nước", None),
    ("xuc-tien-xuat-khau", "Phòng Xúc tiến xuất khẩu", None),
    ("thuong-hieu", "Phòng Thương hiệu", None),
    ("tt-ho-tro-xuat-khau", "Trung tâm Hỗ trợ xuất khẩu", None),
    ("tt-thong-tin", "Trung tâm Thông tin thương mại", None),
    ("vpdd-da-nang", "Văn phòng đại diện Cục tại TP Đà Nẵng", "van-phong"),
    ("vpdd-ho-chi-minh", "Văn phòng đại diện Cục tại TP Hồ Chí Minh", "van-phong"),
]

BODIES = [
    (BodyKind.PARTY, "Đảng bộ Cục Xúc tiến thương mại"),
    (BodyKind.ADMIN, "Chính quyền Cục Xúc tiến thương mại"),
    (BodyKind.UNION, "Công đoàn Cục Xúc tiến thương mại"),
    (BodyKind.YOUTH, "Đoàn Thanh niên Cục Xúc tiến thương mại"),
]

HEAD_POSITIONS = {
    "Cục trưởng",
    "Chánh Văn phòng",
    "Trưởng phòng",
    "Giám đốc Trung tâm",
    "Trưởng Văn phòng đại diện",
}
LEADING_POSITIONS = HEAD_POSITIONS | {
    "Phó Cục trưởng",
    "Phó Chánh Văn phòng",
    "Phó Trưởng phòng",
    "Phó Giám đốc Trung tâm",
    "Phó Trưởng Văn phòng đại diện",
}

_F, _M = Gender.FEMALE, Gender.MALE
_CB, _CC, _VC, _LD = (
    EmploymentCategory.OFFICIAL,
    EmploymentCategory.CIVIL_SERVANT,
    EmploymentCategory.PUBLIC_EMPLOYEE,
    EmploymentCategory.WORKER,
)
_d = datetime.date

# Staff, numbered vt-001… in this order: (unit, position, category, gender, born, recruited).
# The leadership is recorded as cán bộ and the two centres (public service
# units) as viên chức, so every employment category appears. Recent recruits
# (15/08/2024, 01/03/2025…) have less than a full year of service, which the
# Lao động tiên tiến rule must notice.
STAFF = [
    ("lanh-dao-cuc", "Cục trưởng", _CB, _M, _d(1970, 3, 12), _d(1994, 9, 1)),
    ("lanh-dao-cuc", "Phó Cục trưởng", _CB, _F, _d(1972, 11, 5), _d(1996, 3, 1)),
    ("lanh-dao-cuc", "Phó Cục trưởng", _CB, _M, _d(1974, 6, 20), _d(1998, 7, 15)),
    ("van-phong", "Chánh Văn phòng", _CC, _M, _d(1976, 2, 14), _d(2000, 10, 1)),
    ("van-phong", "Phó Chánh Văn phòng", _CC, _F, _d(1981, 8, 30), _d(2005, 4, 1)),
    ("van-phong", "Chuyên viên chính", _CC, _F, _d(1983, 5, 17), _d(2007, 9, 1)),
    ("van-phong", "Chuyên viên", _CC, _M, _d(1992, 12, 3), _d(2016, 3, 1)),
    ("van-phong", "Kế toán viên", _CC, _F, _d(1988, 4, 22), _d(2012, 6, 1)),
    ("van-phong", "Lái xe", _LD, _M, _d(1979, 10, 10), _d(2003, 1, 2)),
    ("van-phong", "Nhân viên phục vụ", _LD, _F, _d(1996, 7, 7), _d(2019, 11, 1)),
    ("ke-hoach-tong-hop", "Trưởng phòng", _CC, _M, _d(1977, 9, 9), _d(2001, 8, 1)),
    ("ke-hoach-tong-hop", "Phó Trưởng phòng", _CC, _F, _d(1984, 1, 25), _d(2008, 10, 1)),
    ("ke-hoach-tong-hop", "Chuyên viên chính", _CC, _M, _d(1986, 3, 3), _d(2010, 5, 4)),
    ("ke-hoach-tong-hop", "Chuyên viên", _CC, _F, _d(1997, 9, 19), _d(2024, 8, 15)),
    ("chuong-trinh", "Trưởng phòng", _CC, _F, _d(1978, 12, 12), _d(2002, 9, 3)),
    ("chuong-trinh", "Phó Trưởng phòng", _CC, _M, _d(1982, 7, 4), _d(2006, 2, 6)),
    ("chuong-trinh", "Chuyên viên chính", _CC, _F, _d(1985, 10, 28), _d(2009, 7, 1)),
    ("chuong-trinh", "Chuyên viên", _CC, _M, _d(1990, 2, 11), _d(2014, 11, 3)),
    ("chuong-trinh", "Chuyên viên", _CC, _F, _d(1999, 5, 5), _d(2025, 3, 3)),
    ("xttm-trong-nuoc", "Trưởng phòng", _CC, _M, _d(1975, 4, 30), _d(1999, 10, 1)),
    ("xttm-trong-nuoc", "Phó Trưởng phòng", _CC, _F, _d(1983, 6, 6), _d(2007, 3, 1)),
    ("xttm-trong-nuoc", "Chuyên viên", _CC, _M, _d(1991, 8, 18), _d(2015, 9, 1)),
    ("xttm-trong-nuoc", "Chuyên viên", _CC, _F, _d(1995, 3, 21), _d(2020, 1, 2)),
    ("xuc-tien-xuat-khau", "Trưởng phòng", _CC, _F, _d(1979, 1, 15), _d(2003, 6, 2)),
    ("xuc-tien-xuat-khau", "Phó Trưởng phòng", _CC, _M, _d(1985, 11, 11), _d(2009, 4, 1)),
    ("xuc-tien-xuat-khau", "Chuyên viên chính", _CC, _F, _d(1987, 2, 27), _d(2011, 8, 1)),
    ("xuc-tien-xuat-khau", "Chuyên viên", _CC, _M, _d(1993, 9, 2), _d(2017, 10, 2)),
    ("thuong-hieu", "Trưởng phòng", _CC, _M, _d(1980, 5, 19), _d(2004, 9, 6)),
    ("thuong-hieu", "Chuyên viên chính", _CC, _F, _d(1986, 12, 24), _d(2010, 12, 1)),
    ("thuong-hieu", "Chuyên viên", _CC, _F, _d(1998, 10, 20), _d(2023, 2, 1)),
    ("tt-ho-tro-xuat-khau", "Giám đốc Trung tâm", _VC, _M, _d(1976, 7, 27), _d(2000, 3, 1)),
    ("tt-ho-tro-xuat-khau", "Phó Giám đốc Trung tâm", _VC, _F, _d(1984, 9, 9), _d(2008, 8, 1)),
    ("tt-ho-tro-xuat-khau", "Chuyên viên", _VC, _M, _d(1994, 4, 4), _d(2018, 7, 2)),
    ("tt-thong-tin", "Giám đốc Trung tâm", _VC, _F, _d(1978, 3, 8), _d(2002, 5, 2)),
    ("tt-thong-tin", "Biên tập viên", _VC, _M, _d(1989, 6, 15), _d(2013, 3, 1)),
    ("tt-thong-tin", "Kỹ sư công nghệ thông tin", _VC, _M, _d(2000, 1, 20), _d(2023, 9, 5)),
    ("vpdd-da-nang", "Trưởng Văn phòng đại diện", _CC, _M, _d(1973, 8, 19), _d(1997, 12, 1)),
    ("vpdd-da-nang", "Chuyên viên", _CC, _F, _d(1994, 12, 30), _d(2019, 5, 6)),
    ("vpdd-ho-chi-minh", "Trưởng Văn phòng đại diện", _CC, _F, _d(1977, 10, 14), _d(2001, 11, 1)),
    ("vpdd-ho-chi-minh", "Phó Trưởng Văn phòng đại diện", _CC, _M, _d(1983, 2, 2), _d(2007, 5, 2)),
    ("vpdd-ho-chi-minh", "Chuyên viên", _CC, _F, _d(1996, 11, 23), _d(2021, 4, 1)),
    ("vpdd-ho-chi-minh", "Chuyên viên", _CC, _M, _d(2001, 6, 9), _d(2025, 1, 15)),
]


NAME_STRIDE = 13


def staff_code(index: int) -> str:
    return f"vt-{index + 1:03d}"


# --- The network ----------------------------------------------------------------

# (code, name, short name, province). The codes of Vinafruit and the Đà Nẵng
# centre are the ones xttm/conftest.py uses, so its personas fit the demo.
ASSOCIATIONS = [
    ("vasep", "Hiệp hội Chế biến và Xuất khẩu Thủy sản Việt Nam", "VASEP", "01"),
    ("vitas", "Hiệp hội Dệt May Việt Nam", "VITAS", "01"),
    ("vicofa", "Hiệp hội Cà phê – Ca cao Việt Nam", "VICOFA", "01"),
    ("viforest", "Hiệp hội Gỗ và Lâm sản Việt Nam", "VIFOREST", "01"),
    ("vfa", "Hiệp hội Lương thực Việt Nam", "VFA", "79"),
    ("vinafruit", "Hiệp hội Rau quả Việt Nam", "Vinafruit", "79"),
    ("lefaso", "Hiệp hội Da – Giày – Túi xách Việt Nam", "LEFASO", "01"),
    ("vinacas", "Hiệp hội Điều Việt Nam", "VINACAS", "79"),
    ("vpsa", "Hiệp hội Hồ tiêu và Cây gia vị Việt Nam", "VPSA", "79"),
    # The tea association is also "VITAS" in English; no short name avoids the clash.
    ("hiep-hoi-che", "Hiệp hội Chè Việt Nam", "", "01"),
    ("vpa", "Hiệp hội Nhựa Việt Nam", "VPA", "79"),
    ("veia", "Hiệp hội Doanh nghiệp điện tử Việt Nam", "VEIA", "01"),
]

CENTRE_NAMES = {
    "01": ("Trung tâm Xúc tiến Đầu tư, Thương mại, Du lịch thành phố Hà Nội", "HPA"),
    "79": ("Trung tâm Xúc tiến Thương mại và Đầu tư Thành phố Hồ Chí Minh", "ITPC"),
    "48": ("Trung tâm Xúc tiến Thương mại và Đầu tư TP Đà Nẵng", ""),
    "92": ("Trung tâm Xúc tiến Thương mại và Đầu tư thành phố Cần Thơ", ""),
}

# Landline area codes (the 2025 merger kept the old ones; each new unit uses its seat's).
AREA_CODES = {
    "01": "024", "04": "0206", "08": "0207", "11": "0215", "12": "0213", "14": "0212",
    "15": "0214", "19": "0208", "20": "0205", "22": "0203", "24": "0222", "25": "0210",
    "31": "0225", "33": "0221", "37": "0229", "38": "0237", "40": "0238", "42": "0239",
    "44": "0233", "46": "0234", "48": "0236", "51": "0255", "52": "0269", "56": "0258",
    "66": "0262", "68": "0263", "75": "0251", "79": "028", "80": "0276", "82": "0277",
    "86": "0270", "91": "0296", "92": "0292", "96": "0290",
}  # fmt: skip

# Relative weight of each new province in the enterprise register: the two big
# cities and the industrial belts around them carry most of it.
PROVINCE_WEIGHTS = {
    "79": 520, "01": 340, "24": 80, "75": 80, "31": 70, "48": 50, "80": 45, "33": 40,
    "92": 40, "37": 35, "25": 35, "22": 35, "38": 35, "40": 35, "91": 35, "68": 35,
    "82": 30, "86": 30, "56": 30, "52": 30, "66": 30, "19": 25, "51": 20, "46": 20,
    "96": 20, "44": 15, "42": 15, "15": 15, "08": 10, "14": 10, "20": 10, "04": 8,
    "11": 8, "12": 8,
}  # fmt: skip
# Share of a province's enterprises entered before 1 July 2025, hence recorded
# with an old (63-map) province.
OLD_MAP_SHARE = 0.35

# (Vietnamese, English, VSIC section, association code or "")
TRADES = [
    ("Thủy sản", "Seafood", Sector.C, "vasep"),
    ("Chế biến Thủy sản", "Seafood Processing", Sector.C, "vasep"),
    ("Dệt may", "Textile and Garment", Sector.C, "vitas"),
    ("May mặc", "Garment", Sector.C, "vitas"),
    ("Cà phê", "Coffee", Sector.C, "vicofa"),
    ("Gỗ", "Wood", Sector.C, "viforest"),
    ("Đồ gỗ Nội thất", "Furniture", Sector.C, "viforest"),
    ("Lương thực", "Food Trading", Sector.G, "vfa"),
    ("Gạo", "Rice", Sector.C, "vfa"),
    ("Rau quả", "Fruit and Vegetables", Sector.A, "vinafruit"),
    ("Trái cây", "Fruit", Sector.A, "vinafruit"),
    ("Da giày", "Leather and Footwear", Sector.C, "lefaso"),
    ("Túi xách", "Handbags", Sector.C, "lefaso"),
    ("Điều", "Cashew", Sector.C, "vinacas"),
    ("Hồ tiêu", "Pepper", Sector.A, "vpsa"),
    ("Gia vị", "Spices", Sector.C, "vpsa"),
    ("Chè", "Tea", Sector.C, "hiep-hoi-che"),
    ("Nhựa", "Plastics", Sector.C, "vpa"),
    ("Bao bì", "Packaging", Sector.C, "vpa"),
    ("Điện tử", "Electronics", Sector.C, "veia"),
    ("Linh kiện Điện tử", "Electronic Components", Sector.C, "veia"),
    ("Thực phẩm", "Food", Sector.C, ""),
    ("Nông sản", "Agricultural Products", Sector.A, ""),
    ("Cơ khí", "Engineering", Sector.C, ""),
    ("Thủ công mỹ nghệ", "Handicrafts", Sector.C, ""),
    ("Mây tre đan", "Rattan and Bamboo", Sector.C, ""),
    ("Gốm sứ", "Ceramics", Sector.C, ""),
    ("Dược phẩm", "Pharmaceuticals", Sector.C, ""),
    ("Mỹ phẩm", "Cosmetics", Sector.C, ""),
    ("Cao su", "Rubber", Sector.C, ""),
    ("Dừa", "Coconut Products", Sector.C, ""),
    ("Yến sào", "Bird's Nest", Sector.C, ""),
    ("Mía đường", "Sugar", Sector.C, ""),
    ("Vật liệu Xây dựng", "Building Materials", Sector.C, ""),
    ("Khoáng sản", "Minerals", Sector.B, ""),
    ("Xây dựng", "Construction", Sector.F, ""),
    ("Thương mại Dịch vụ", "Trading and Services", Sector.G, ""),
    ("Xuất nhập khẩu", "Import Export", Sector.G, ""),
    ("Logistics", "Logistics", Sector.H, ""),
    ("Vận tải", "Transport", Sector.H, ""),
    ("Ẩm thực", "Food Services", Sector.I, ""),
    ("Công nghệ Phần mềm", "Software", Sector.J, ""),
    ("Tư vấn", "Consulting", Sector.M, ""),
    ("Du lịch", "Travel", Sector.N, ""),
]
_TRADE = {t[0]: t for t in TRADES}

# What each province is known for; these trades are drawn six times as often there.
SPECIALTIES = {
    "01": ["Thủ công mỹ nghệ", "Gốm sứ", "Dệt may", "Điện tử", "Công nghệ Phần mềm", "Dược phẩm"],
    "04": ["Nông sản", "Thủ công mỹ nghệ"],
    "08": ["Chè", "Nông sản"],
    "11": ["Nông sản", "Gạo", "Cà phê"],
    "12": ["Chè", "Nông sản"],
    "14": ["Cà phê", "Trái cây", "Nông sản"],
    "15": ["Chè", "Nông sản", "Khoáng sản"],
    "19": ["Chè", "Điện tử", "Linh kiện Điện tử"],
    "20": ["Xuất nhập khẩu", "Logistics", "Nông sản"],
    "22": ["Thủy sản", "Khoáng sản", "Du lịch"],
    "24": ["Điện tử", "Linh kiện Điện tử", "Đồ gỗ Nội thất", "Trái cây"],
    "25": ["Chè", "Gỗ", "Linh kiện Điện tử"],
    "31": ["Logistics", "Cơ khí", "Da giày", "Vận tải"],
    "33": ["Trái cây", "Dệt may", "Cơ khí"],
    "37": ["Dệt may", "Mây tre đan", "Thủ công mỹ nghệ"],
    "38": ["Mía đường", "Dệt may", "Thủy sản"],
    "40": ["Thực phẩm", "Gỗ", "Vật liệu Xây dựng"],
    "42": ["Thủy sản", "Cơ khí"],
    "44": ["Thủy sản", "Hồ tiêu", "Gỗ"],
    "46": ["Thủ công mỹ nghệ", "Du lịch", "Dệt may"],
    "48": ["Thủy sản", "Du lịch", "Công nghệ Phần mềm", "May mặc"],
    "51": ["Thủy sản", "Gỗ", "Cà phê"],
    "52": ["Cà phê", "Hồ tiêu", "Gỗ", "Thủy sản"],
    "56": ["Yến sào", "Thủy sản", "Du lịch"],
    "66": ["Cà phê", "Hồ tiêu", "Điều"],
    "68": ["Cà phê", "Chè", "Rau quả", "Trái cây"],
    "75": ["Điều", "Gỗ", "Cao su", "Da giày"],
    "79": ["Dệt may", "Thực phẩm", "Nhựa", "Bao bì", "Đồ gỗ Nội thất", "Logistics"],
    "80": ["Gạo", "Cao su", "Mía đường"],
    "82": ["Gạo", "Trái cây", "Thủy sản"],
    "86": ["Dừa", "Trái cây", "Gạo"],
    "91": ["Gạo", "Thủy sản", "Hồ tiêu"],
    "92": ["Gạo", "Thủy sản", "Trái cây"],
    "96": ["Thủy sản", "Chế biến Thủy sản"],
}

# (Vietnamese form, English form, weight)
FORMS = [
    ("Công ty TNHH", "Co., Ltd.", 40),
    ("Công ty Cổ phần", "Joint Stock Company", 28),
    ("Công ty TNHH MTV", "One Member Co., Ltd.", 12),
    ("Hợp tác xã", "Cooperative", 8),
    ("Doanh nghiệp tư nhân", "Private Enterprise", 7),
    ("Cơ sở", "", 5),  # a household business (hộ kinh doanh) trading under a name
]
BRANDS = [
    "An Phát", "Hưng Thịnh", "Thành Công", "Bình Minh", "Phương Nam", "Việt Á", "Đại Dương",
    "Trường Sơn", "Hồng Hà", "Mekong", "Tây Nguyên", "Sao Mai", "Thiên Phú", "Kim Long",
    "Phúc Lộc", "An Khang", "Tân Phát", "Hưng Long", "Đại Thành", "Thiên Ân", "Hồng Phát",
    "Phú Gia", "Minh Quang", "Nam Việt", "Đông Á", "Hoàng Gia", "Thái Bình Dương", "Sông Hồng",
    "Cửu Long", "Ngọc Linh", "Lam Sơn", "Hải Âu", "Toàn Thắng", "Vạn Xuân", "Thăng Long",
    "Gia Khang", "Quang Minh", "Bảo An", "Trung Kiên", "Hòa Bình", "Phú Quý", "Tiến Đạt",
    "Đức Thành", "Anh Khoa", "Minh Châu", "Thuận Phong", "Hải Nam", "Tân Việt", "Đồng Tiến",
    "Sen Vàng", "Hạ Long", "Lộc Phát", "Tâm Đức", "Nhật Minh", "Khải Hoàn", "Bắc Sơn",
    "Thanh Bình", "Phước Thành", "Vĩnh Hưng", "Hoa Sen Việt",
]  # fmt: skip
FOREIGN_BRANDS = [
    "Daiko", "Seiwa", "Minori", "Kyowa", "Haeun", "Dongjin", "Sunway", "Golden Bridge",
    "Pacific Star", "Asia Bright", "Sejin", "Hoshino", "Yuhan Tech", "Lotus Rise",
]  # fmt: skip
STREETS = [
    "Hùng Vương", "Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Lý Thường Kiệt", "Hai Bà Trưng",
    "Quang Trung", "Nguyễn Trãi", "Trần Phú", "Lê Duẩn", "Nguyễn Văn Linh", "Võ Văn Kiệt",
    "Phan Chu Trinh", "Điện Biên Phủ", "Nguyễn Du", "Lê Hồng Phong", "Bà Triệu", "Ngô Quyền",
    "Lý Thái Tổ", "Phạm Văn Đồng", "Nguyễn Thị Minh Khai", "Trường Chinh", "Lê Thánh Tông",
    "Hoàng Văn Thụ", "Cách Mạng Tháng Tám", "30 Tháng 4", "Nguyễn Tất Thành", "Võ Nguyên Giáp",
]  # fmt: skip
# Provinces of the South, where a village is an "ấp" rather than a "thôn".
SOUTHERN = {"75", "79", "80", "82", "86", "91", "92", "96"}
BRANCH_CITIES = ["01", "79", "48", "31", "92"]


# --- Logins ---------------------------------------------------------------------


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    organization: str  # organisation code
    person: int | None = None  # index into STAFF for agency staff
    name_seed: int = 0  # for partner officers, who are not agency staff

    @property
    def password(self) -> str:
        # The documented demo convention: the password is the username (admin/admin).
        return self.username


DEMO_USERS = [
    DemoUser("admin", Role.ADMIN, AGENCY_CODE),
    DemoUser("lanhdao", Role.LEADERSHIP, AGENCY_CODE, person=0),
    DemoUser("chuongtrinh", Role.PROGRAMME_OFFICER, AGENCY_CODE, person=16),
    DemoUser("doitac", Role.PARTNER_OFFICER, "ttxt-danang", name_seed=501),
    DemoUser("doitac2", Role.PARTNER_OFFICER, "vinafruit", name_seed=604),
    DemoUser("thuongtruc", Role.EMULATION_SECRETARIAT, AGENCY_CODE, person=5),
    DemoUser("hoidong", Role.COUNCIL_MEMBER, AGENCY_CODE, person=10),
    DemoUser("canbo", Role.STAFF, AGENCY_CODE, person=26),
]


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, password, role label) of every demo login, for printing."""
    return [(u.username, u.password, str(Role(u.role).label)) for u in DEMO_USERS]


# --- Seeding --------------------------------------------------------------------


def seed_demo(stdout=None) -> DemoSummary:
    """Create whatever part of the demo data is missing; return what was created.

    `stdout`, if given, receives one progress line per step (the management
    command passes its own, `serve --demo` passes sys.stdout).
    """
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    if settings.PRODUCTION:
        # The demo makes admin/admin: never on a production database.
        raise ImproperlyConfigured("Không tạo dữ liệu mẫu khi XTTM_PRODUCTION đang bật.")
    started = time.monotonic()
    summary = DemoSummary()

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message + "\n")

    with transaction.atomic():
        _seed_organizations(summary)
        _seed_agency(summary)
        _seed_users(summary)
        if summary.created:
            say("Đã tạo cơ quan, mạng lưới, cán bộ và tài khoản; đang tạo doanh nghiệp…")
        _seed_enterprises(summary)
    summary.seconds = time.monotonic() - started
    for line in summary.lines():
        say(line)
    # Each domain app seeds its own part on top of the directory, in its own
    # `demo.seed(stdout)`; each is idempotent like this one.
    # The domain seeds walk records through the real services, which notify
    # people by email; the demo's made-up addresses get none.
    from django.test import override_settings

    quiet = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
    with override_settings(MAILERS=quiet):
        for module_name in DOMAIN_DEMOS:
            importlib.import_module(module_name).seed(stdout=stdout)
    return summary


DOMAIN_DEMOS = ("xttm.promotion.demo", "xttm.emulation.demo")


def _missing(model, field_name: str, keys: Iterable[str]) -> set[str]:
    keys = set(keys)
    found = model.objects.filter(**{field_name + "__in": keys}).values_list(field_name, flat=True)
    return keys - set(found)


def _place(province: Province) -> str:
    """How an organisation's name refers to its province: "tỉnh Bắc Ninh", "thành phố Hà Nội"."""
    full = province.full_name
    return full[0].lower() + full[1:]


def _centre_code(province: Province) -> str:
    return "ttxt-" + fold_key(province.name)


def _department_code(province: Province) -> str:
    return "sct-" + fold_key(province.name)


def _seed_organizations(summary: DemoSummary) -> None:
    provinces = list(Province.objects.current().order_by("code"))
    planned = {AGENCY_CODE}
    planned |= {code for code, *_ in ASSOCIATIONS}
    planned |= {_centre_code(p) for p in provinces} | {_department_code(p) for p in provinces}
    missing = _missing(Organization, "code", planned)
    if not missing:
        return
    by_code = {p.code: p for p in provinces}
    # A stream of its own: the enterprises' draws never depend on the organisations'.
    rng = random.Random(DEMO_SEED + 1)

    rows = [dict(AGENCY, province=by_code["01"])]
    for index, province in enumerate(provinces):
        name, short = CENTRE_NAMES.get(province.code, (None, ""))
        if name is None:
            # Since the mergers, many centres also promote investment and tourism.
            kind_of = "Thương mại" if index % 2 == 0 else "Đầu tư, Thương mại và Du lịch"
            name = f"Trung tâm Xúc tiến {kind_of} {_place(province)}"
        rows.append(
            {
                "code": _centre_code(province),
                "name": name,
                "short_name": short,
                "kind": OrganizationKind.PROVINCIAL_CENTRE,
                "province": province,
                "address": _new_address(rng, province.code, urban=True),
                "phone": _phone(rng, province.code),
            }
        )
        rows.append(
            {
                "code": _department_code(province),
                "name": f"Sở Công Thương {_place(province)}",
                "kind": OrganizationKind.DEPARTMENT,
                "province": province,
                "address": _new_address(rng, province.code, urban=True),
                "phone": _phone(rng, province.code),
            }
        )
    for code, name, short, province_code in ASSOCIATIONS:
        rows.append(
            {
                "code": code,
                "name": name,
                "short_name": short,
                "kind": OrganizationKind.ASSOCIATION,
                "province": by_code[province_code],
                "address": _new_address(rng, province_code, urban=True),
                "phone": _phone(rng, province_code),
            }
        )
    for row in rows:
        if row["code"] in missing:
            OrganizationFactory(**row)
            summary.organizations += 1


def _seed_agency(summary: DemoSummary) -> None:
    """Units (a tree, with their heads), the four bodies and the staff of the agency."""
    agency = Organization.objects.get(code=AGENCY_CODE)
    codes = [staff_code(i) for i in range(len(STAFF))]
    missing_units = _missing(Unit, "code", [code for code, _, _ in UNITS])
    have_bodies = set(Body.objects.filter(organization=agency).values_list("kind", flat=True))
    missing_people = _missing(Person, "code", codes)
    if not (missing_units or missing_people or len(have_bodies) < len(BODIES)):
        return

    units = {}
    for code, name, parent in UNITS:
        if code in missing_units:
            summary.units += 1
        units[code] = UnitFactory(
            code=code, name=name, organization=agency, parent=units.get(parent)
        )
    bodies = {}
    for kind, name in BODIES:
        if kind not in have_bodies:
            summary.bodies += 1
        bodies[kind] = BodyFactory(organization=agency, kind=kind, name=name)

    used_names, used_mailboxes, n = set(), set(), 40
    for index, (unit_code, position, category, gender, born, recruited) in enumerate(STAFF):
        # The shared name generator changes the given name only every fifth
        # number; a stride of 13 walks through all of them, and repeats are skipped.
        while (full_name := person_name(n, gender)) in used_names:
            n += 1
        used_names.add(full_name)
        n += NAME_STRIDE
        mailbox = _mailbox(full_name)
        if mailbox in used_mailboxes:  # two "Đỗ Thành Dũng"-like initials share an address
            mailbox += str(index)
        used_mailboxes.add(mailbox)
        code = staff_code(index)
        if code not in missing_people:
            continue
        person = PersonFactory(
            code=code,
            full_name=full_name,
            gender=gender,
            date_of_birth=born,
            unit=units[unit_code],
            position=position,
            employment_category=category,
            recruited_on=recruited,
            email=f"{mailbox}@{DEMO_EMAIL_DOMAIN}",
        )
        person.memberships.set([bodies[kind] for kind in _bodies_of(position, category, born)])
        summary.people += 1
        if position in HEAD_POSITIONS and units[unit_code].head_id is None:
            units[unit_code].head = person
            units[unit_code].save(update_fields=["head"])


def _bodies_of(position: str, category: str, born: datetime.date) -> list[str]:
    """Everyone belongs to the administration and the union; leaders and most
    civil servants to the Party; those 30 or younger to the Youth Union."""
    kinds = [BodyKind.ADMIN, BodyKind.UNION]
    if position in LEADING_POSITIONS or (
        category != EmploymentCategory.WORKER and born.year < 1995 and born.day % 3 != 0
    ):
        kinds.append(BodyKind.PARTY)
    if born.year >= 1995:
        kinds.append(BodyKind.YOUTH)
    return kinds


def _mailbox(full_name: str) -> str:
    """The Vietnamese office convention: given name + initials, "hungnv" for Nguyễn Văn Hùng."""
    words = [fold_key(word) for word in full_name.split()]
    return words[-1] + "".join(w[0] for w in words[:-1])


def _seed_users(summary: DemoSummary) -> None:
    User = get_user_model()
    missing = _missing(User, "username", [u.username for u in DEMO_USERS])
    if not missing:
        return
    people = {p.code: p for p in Person.objects.filter(code__startswith="vt-")}
    orgs = {
        o.code: o
        for o in Organization.objects.filter(code__in={u.organization for u in DEMO_USERS})
    }
    for demo in DEMO_USERS:
        if demo.username not in missing:
            continue
        person = people.get(staff_code(demo.person)) if demo.person is not None else None
        if person is not None:
            full_name = person.full_name
        elif demo.role == Role.ADMIN:
            full_name = "Quản trị Hệ thống"
        else:
            full_name = person_name(
                demo.name_seed, Gender.FEMALE if demo.name_seed % 2 else Gender.MALE
            )
        first, _, last = full_name.rpartition(" ")
        # UserFactory hashes the password it is given and does not run the
        # validators: "admin" would never pass them, and need not in a demo.
        user = UserFactory(
            username=demo.username,
            password=demo.password,
            first_name=first,
            last_name=last,
            email=f"{demo.username}@{DEMO_EMAIL_DOMAIN}",
            organization=orgs.get(demo.organization),
            is_staff=demo.role == Role.ADMIN,
            is_superuser=demo.role == Role.ADMIN,
            roles=[demo.role],
        )
        if person is not None and person.user_id is None:
            person.user = user
            person.save(update_fields=["user"])
        summary.users += 1
        summary.new_logins.append(demo.username)


# --- Enterprises ----------------------------------------------------------------


def planned_tax_codes() -> list[str]:
    """The tax codes of every demo enterprise, head offices first; cheap to compute."""
    heads = [tax_code_for(TAX_CODE_OFFSET + i) for i in range(HEAD_OFFICES)]
    branches = [heads[i] + "-001" for i in range(0, HEAD_OFFICES, BRANCH_EVERY)]
    return heads + branches


def _seed_enterprises(summary: DemoSummary) -> None:
    missing = _missing(Enterprise, "tax_code", planned_tax_codes())
    if not missing:
        return
    new = [e for e in enterprise_plan() if e.tax_code in missing]
    for enterprise in new:
        # bulk_create skips save(), which is where search_text is kept.
        enterprise.search_text = enterprise.build_search_text()
    bulk_create_with_history(new, Enterprise, batch_size=500, default_change_reason=HISTORY_REASON)
    summary.enterprises += len(new)


def _quotas(total: int) -> list[tuple[str, int]]:
    """Split `total` over the provinces by weight (largest remainder).

    The smallest weight still gives every province eight or more enterprises.
    """
    weight_sum = sum(PROVINCE_WEIGHTS.values())
    exact = {code: total * w / weight_sum for code, w in PROVINCE_WEIGHTS.items()}
    counts = {code: int(x) for code, x in exact.items()}
    order = sorted(exact, key=lambda c: (-(exact[c] - counts[c]), c))
    shortfall = total - sum(counts.values())
    for code in order[:shortfall]:
        counts[code] += 1
    return sorted(counts.items())


def enterprise_plan() -> list[Enterprise]:
    """Every demo enterprise, unsaved: head offices in tax-code order, then the branches.

    The same list on every machine and every run, whatever is already stored.
    """
    provinces = list(Province.objects.select_related("successor"))
    new_by_code = {p.code: p for p in provinces if p.system == ProvinceSystem.NEW_34}
    old_of: dict[str, list[Province]] = {}
    for p in provinces:
        if p.system == ProvinceSystem.OLD_63:
            old_of.setdefault(p.successor.code, []).append(p)
    for olds in old_of.values():
        olds.sort(key=lambda p: p.code)
    orgs = {o.code: o for o in Organization.objects.all()}
    agency = orgs.get(AGENCY_CODE)

    # Separate streams: names do not shift if the ward list of a package version does.
    rng = random.Random(DEMO_SEED)
    rng_place = random.Random(DEMO_SEED + 2)
    slots = [code for code, count in _quotas(HEAD_OFFICES) for _ in range(count)]
    rng.shuffle(slots)  # tax codes are issued in time, not by province
    general = [t[0] for t in TRADES]
    used_names: set[str] = set()
    heads: list[Enterprise] = []
    branches: list[Enterprise] = []

    for index, new_code in enumerate(slots):
        has_branch = index % BRANCH_EVERY == 0
        trade = _TRADE[rng.choice(general + SPECIALTIES[new_code] * 6)]
        form, form_en, _ = rng.choices(FORMS, weights=[f[2] for f in FORMS])[0]
        if has_branch:
            form, form_en = ("Công ty Cổ phần", "Joint Stock Company")
        ownership = _ownership(rng, form)
        size = _size(rng, form, has_branch)
        name, english = _enterprise_name(
            rng, trade, form, form_en, ownership, new_code, new_by_code, used_names
        )

        province = new_by_code[new_code]
        if rng.random() < OLD_MAP_SHARE:
            province = rng.choice(old_of[new_code])
        if province.system == ProvinceSystem.OLD_63:
            address = _old_address(rng_place, province.code)
        else:
            industrial = trade[2] == Sector.C and size in (
                EnterpriseSize.MEDIUM,
                EnterpriseSize.LARGE,
            )
            address = _new_address(rng_place, new_code, industrial=industrial)

        registrar = rng.random()
        if registrar < 0.65:
            registered_by = orgs.get(_centre_code(new_by_code[new_code]))
        elif registrar < 0.8 and trade[3]:
            registered_by = orgs.get(trade[3])
        else:
            registered_by = agency

        head = EnterpriseFactory.build(
            tax_code=tax_code_for(TAX_CODE_OFFSET + index),
            name=name,
            english_name=english,
            province=province,
            sector=trade[2],
            size=size,
            ownership=ownership,
            address=address,
            phone=_phone(rng_place, new_code) if rng.random() < 0.8 else "",
            registered_by=registered_by,
        )
        heads.append(head)
        if has_branch:
            turn = index // BRANCH_EVERY % len(BRANCH_CITIES)
            cities = BRANCH_CITIES[turn:] + BRANCH_CITIES[:turn]
            city = next(c for c in cities if c != new_code)
            branch_place = new_by_code[city]
            branches.append(
                EnterpriseFactory.build(
                    tax_code=head.tax_code + "-001",
                    name=f"Chi nhánh {name} tại {branch_place.full_name}",
                    english_name=f"{english} – {_ascii(branch_place.name)} Branch"
                    if english
                    else "",
                    province=branch_place,
                    sector=head.sector,
                    size=EnterpriseSize.MEDIUM,
                    ownership=ownership,
                    address=_new_address(rng_place, city, urban=True),
                    phone=_phone(rng_place, city),
                    registered_by=orgs.get(_centre_code(branch_place)) or agency,
                )
            )
    return heads + branches


def _ownership(rng: random.Random, form: str) -> str:
    if form == "Hợp tác xã":
        return Ownership.COOPERATIVE
    if form == "Cơ sở":
        return Ownership.HOUSEHOLD
    roll = rng.random()
    if form == "Công ty TNHH" and roll < 0.2:
        return Ownership.FOREIGN
    if form == "Công ty Cổ phần" and roll < 0.08:
        return Ownership.STATE
    if form == "Công ty Cổ phần" and roll < 0.14:
        return Ownership.FOREIGN
    if form == "Công ty TNHH MTV" and roll < 0.15:
        return Ownership.STATE
    return Ownership.PRIVATE


def _size(rng: random.Random, form: str, large: bool) -> str:
    if large:
        return EnterpriseSize.LARGE
    if form in ("Cơ sở", "Doanh nghiệp tư nhân", "Hợp tác xã"):
        return rng.choice([EnterpriseSize.MICRO, EnterpriseSize.MICRO, EnterpriseSize.SMALL])
    # Nine in ten Vietnamese enterprises are micro or small.
    return rng.choices(list(EnterpriseSize), weights=[45, 32, 15, 8])[0]


def _enterprise_name(rng, trade, form, form_en, ownership, new_code, new_by_code, used):
    trade_vi, trade_en = trade[0], trade[1]
    for _attempt in range(20):
        if ownership == Ownership.FOREIGN:
            brand = rng.choice(FOREIGN_BRANDS)
            name = f"{form} {trade_vi} {brand} Việt Nam"
            english = f"{brand} Vietnam {trade_en} {form_en}"
        else:
            brand = rng.choice(BRANDS)
            pattern = rng.random()
            if pattern < 0.55 or form in ("Cơ sở", "Hợp tác xã"):
                name = f"{form} {trade_vi} {brand}"
                english = f"{_ascii(brand)} {trade_en} {form_en}"
            elif pattern < 0.7:
                name = f"{form} Sản xuất và Thương mại {trade_vi} {brand}"
                english = f"{_ascii(brand)} {trade_en} Production and Trading {form_en}"
            elif pattern < 0.8 and trade_vi != "Xuất nhập khẩu":
                name = f"{form} Xuất nhập khẩu {trade_vi} {brand}"
                english = f"{_ascii(brand)} {trade_en} Import Export {form_en}"
            else:
                place = new_by_code[new_code].name
                name = f"{form} {trade_vi} {place}"
                english = f"{_ascii(place)} {trade_en} {form_en}"
        if name not in used:
            break
    else:
        name = f"{name} {len(used)}"  # practically never: 20 clashes in a row
    used.add(name)
    if form in ("Cơ sở", "Hợp tác xã", "Doanh nghiệp tư nhân") or not form_en:
        english = ""  # small firms rarely register an English name
    return name, english


def _ascii(text: str) -> str:
    """Vietnamese without diacritics, case kept: the form of English trade names."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _phone(rng: random.Random, new_code: str) -> str:
    area = AREA_CODES[new_code]
    if len(area) == 3:  # Hà Nội and TP Hồ Chí Minh have eight-digit numbers
        return f"{area} {rng.randrange(3000, 4000):04d} {rng.randrange(10_000):04d}"
    return f"{area} {rng.randrange(300, 900):03d} {rng.randrange(10_000):04d}"


# --- Addresses from the real wards and communes ----------------------------------


@cache
def _wards() -> tuple[dict[str, list[tuple]], dict[str, list[tuple]]]:
    """Wards of the 34 (new) and of the 63 (old, with their districts), by province code.

    Read straight from the package's SQLite file, ordered, so the demo is the
    same on every machine with the same package version. The file is found
    without importing the package, whose parsers take a second to load.
    """
    spec = importlib.util.find_spec("vietnamadminunits")
    db_path = Path(spec.origin).parent / "data" / "dataset.db"
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        new_rows = conn.execute(
            "SELECT provinceCode, province, ward, wardShort, wardType FROM admin_units "
            "ORDER BY provinceCode, wardCode"
        ).fetchall()
        old_rows = conn.execute(
            "SELECT provinceCode, province, district, ward, wardType FROM admin_units_legacy "
            "WHERE ward IS NOT NULL ORDER BY provinceCode, districtCode, wardCode"
        ).fetchall()
    finally:
        conn.close()
    new: dict[str, list[tuple]] = {}
    for code, *rest in new_rows:
        new.setdefault(code, []).append(tuple(rest))
    old: dict[str, list[tuple]] = {}
    for code, *rest in old_rows:
        old.setdefault(code, []).append(tuple(rest))
    return new, old


def _house(rng: random.Random, urban: bool, southern: bool) -> str:
    if urban:
        return f"Số {rng.randrange(1, 400)} đường {rng.choice(STREETS)}"
    return "{} {}".format("Ấp" if southern else "Thôn", rng.randrange(1, 12))


def _new_address(rng: random.Random, new_code: str, urban=False, industrial=False) -> str:
    """An address after 1 July 2025: house, ward or commune, province (no district)."""
    wards = _wards()[0][new_code]
    if urban:
        wards = [w for w in wards if w[3] == "Phường"] or wards
    elif industrial:  # industrial parks lie out of town
        wards = [w for w in wards if w[3] == "Xã"] or wards
    province, ward, ward_short, ward_type = rng.choice(wards)
    if industrial:
        house = "Lô {}{}, Khu công nghiệp {}".format(
            rng.choice("ABCDEF"), rng.randrange(1, 30), ward_short
        )
    else:
        house = _house(rng, urban or ward_type != "Xã", new_code in SOUTHERN)
    return f"{house}, {ward}, {province}"


def _old_address(rng: random.Random, old_code: str) -> str:
    """An address as entered before the merger: house, ward, district, old province."""
    province, district, ward, ward_type = rng.choice(_wards()[1][old_code])
    southern = int(old_code) >= 70
    house = _house(rng, ward_type != "Xã", southern)
    return f"{house}, {ward}, {district}, {province}"
