"""Reference data of the programme: the content types with their default rates and thresholds."""

import datetime
from decimal import Decimal

from .choices import Line
from .models import ContentRate, SupportContent

REGIME_2011 = datetime.date(2011, 1, 1)
REGIME_2019 = datetime.date(2019, 7, 1)

# code, name, line, rate (%) from 2011, rate from 2019, min booths, min enterprises
CONTENT_TYPES = [
    ("fair_abroad", "Hội chợ, triển lãm thương mại ở nước ngoài", Line.EXPORT, 100, 100, 12, 12),
    ("fair_intl_vn", "Hội chợ quốc tế tại Việt Nam cho sản phẩm xuất khẩu", Line.EXPORT, 100, 100, 200, 100),
    ("fair_import_buyers", "Hội chợ tại Việt Nam cho người mua nước ngoài", Line.EXPORT, 100, 100, 0, 0),
    ("fair_inputs", "Hội chợ nguyên liệu, thiết bị nhập khẩu cho sản xuất xuất khẩu", Line.EXPORT, 100, 100, 0, 0),
    ("ecommerce_booth", "Gian hàng chung trên sàn thương mại điện tử", Line.EXPORT, 100, 100, 0, 0),
    ("mission_abroad", "Đoàn giao dịch thương mại ở nước ngoài", Line.EXPORT, 100, 100, 0, 0),
    ("buyers_inbound", "Đoàn doanh nghiệp nước ngoài vào Việt Nam", Line.EXPORT, 100, 100, 0, 0),
    ("conference_intl", "Hội nghị quốc tế ngành hàng", Line.EXPORT, 100, 100, 0, 0),
    ("matching_vn", "Kết nối giao thương tại Việt Nam", Line.EXPORT, 100, 100, 0, 0),
    ("logistics", "Hội chợ, đoàn, diễn đàn về logistics", Line.EXPORT, 100, 100, 0, 0),
    ("information", "Thông tin thương mại, cơ sở dữ liệu", Line.EXPORT, 100, 100, 0, 0),
    ("compliance", "Hướng dẫn tiêu chuẩn, cam kết", Line.EXPORT, 100, 100, 0, 0),
    ("market_survey", "Khảo sát thị trường", Line.EXPORT, 100, 100, 0, 0),
    ("seminar", "Hội nghị, hội thảo", Line.EXPORT, 100, 100, 0, 0),
    ("product_design", "Thiết kế, phát triển sản phẩm", Line.EXPORT, 100, 100, 0, 0),
    ("sector_promotion", "Hình ảnh ngành hàng, chỉ dẫn địa lý, nhãn hiệu tập thể", Line.EXPORT, 100, 100, 0, 0),
    ("foreign_media", "Mời báo chí nước ngoài", Line.EXPORT, 100, 100, 0, 0),
    ("training", "Đào tạo, tập huấn kỹ năng XTTM", Line.EXPORT, 100, 100, 0, 0),
    ("vn_goods_fair", "Đưa hàng Việt về nông thôn, khu công nghiệp, đô thị", Line.DOMESTIC, 70, 70, 0, 0),
    ("domestic_fair", "Hội chợ, triển lãm trong nước", Line.DOMESTIC, 50, 50, 0, 0),
    ("domestic_research", "Điều tra, nghiên cứu thị trường, phân phối, truyền thông", Line.DOMESTIC, 100, 100, 0, 0),
    ("remote_fair", "Hội chợ, phiên chợ miền núi, biên giới, hải đảo", Line.REMOTE, 100, 100, 0, 0),
    ("remote_training", "Đào tạo, tập huấn miền núi, biên giới, hải đảo", Line.REMOTE, 100, 100, 0, 0),
    ("brand_programme", "Chương trình Thương hiệu quốc gia", Line.BRAND, 100, 100, 0, 0),
]  # fmt: skip

FAIRS_ABROAD = {"fair_abroad"}


def ensure_contents() -> dict[str, SupportContent]:
    """Create the content types and their rates of 2011 and 2019 where missing (idempotent)."""
    existing = {c.code: c for c in SupportContent.objects.all()}
    for code, name, line, rate_2011, rate_2019, booths, enterprises in CONTENT_TYPES:
        content = existing.get(code)
        if content is None:
            content = SupportContent.objects.create(
                code=code, name=name, line=line, is_fair_abroad=code in FAIRS_ABROAD
            )
            existing[code] = content
            for day, rate, note in (
                (REGIME_2011, rate_2011, "Quyết định 72/2010/QĐ-TTg"),
                (REGIME_2019, rate_2019, "Nghị định 28/2018/NĐ-CP, Thông tư 11/2019/TT-BCT"),
            ):
                ContentRate.objects.create(
                    content=content,
                    effective_from=day,
                    rate=Decimal(rate),
                    min_booths=booths,
                    min_enterprises=enterprises,
                    note=note,
                )
    return existing
