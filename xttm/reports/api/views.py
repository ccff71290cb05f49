"""The programme dashboard's figures over the API: the same filters and scope as the page."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import programme
from ..filters import filters_for, may_see_programme
from ..views import chart_data

PARAMS = [
    OpenApiParameter("year_from", int, description="Từ năm (mặc định: năm nay)"),
    OpenApiParameter("year_to", int, description="Đến năm"),
    OpenApiParameter("system", str, enum=["2025", "2008"], description="34 hoặc 63 tỉnh"),
    OpenApiParameter("line", str),
    OpenApiParameter("content_type", str, description="Mã nội dung hỗ trợ"),
    OpenApiParameter("province", int, description="Mã số (id) tỉnh trong hệ thống đã chọn"),
    OpenApiParameter("lead", int, description="Id đơn vị chủ trì (bị khóa với cán bộ đơn vị)"),
    OpenApiParameter("country", str, description="Mã ISO quốc gia; VN = trong nước"),
]


class ProgrammeFiguresView(APIView):
    """Headline figures, the sentence, and each grouping the dashboard draws."""

    @extend_schema(parameters=PARAMS, responses=dict)
    def get(self, request):
        if not may_see_programme(request.user):
            raise PermissionDenied
        _form, f = filters_for(request.user, request.query_params)
        fig = programme.figures(request.user, f)
        data = chart_data(fig)
        data["total"] = {k: v if isinstance(v, int) else str(v) for k, v in fig["total"].items()}
        data["sentence"] = fig["sentence"]
        data["filters"] = f.query()
        return Response(data)
