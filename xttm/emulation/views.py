"""Pages of emulation: movements, registrations, profiles, rounds, council sessions, decisions."""

import datetime
import re
from collections import Counter, defaultdict
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from xttm.core.text import fold
from xttm.core.uploads import check_upload
from xttm.core.views import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    get_scoped_or_404,
)
from xttm.directory.import_views import ImportTemplateView, ImportView
from xttm.directory.models import Person, Unit

from . import documents, filters, forms, loader, scope, services, tables
from .choices import (
    REGISTRATION_TRANSITIONS,
    NominationStatus,
    RegistrationStatus,
)
from .importers import RatingImporter
from .models import (
    Ballot,
    Commendation,
    Decision,
    Discipline,
    EmulationSetting,
    Exemplar,
    Initiative,
    Lesson,
    Movement,
    MovementAttachment,
    Nomination,
    NominationDocument,
    Rating,
    Registration,
    Review,
    ReviewHold,
    Round,
    Session,
    SessionItem,
    SessionMember,
)
from .record_views import EditorListView, SecretariatWrites
from .rules import VERDICTS
from .services import ServiceError

DOCX = documents.DOCX


def _refuse_unless(allowed: bool):
    if not allowed:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def _file(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _safe_name(text: str) -> str:
    """ASCII for a download's file name: '15/QĐ-XTTM' -> '15-qd-xttm'."""
    return re.sub(r"[^0-9a-z]+", "-", fold(text)).strip("-")


# --- Profiles (hồ sơ thành tích) --------------------------------------------------------


def profile_people(user):
    """People whose achievement profile the user may open."""
    if scope.reads_all(user):
        return Person.objects.all()
    return Person.objects.filter(Q(user=user) | Q(unit__head__user=user))


def profile_units(user):
    if scope.reads_all(user):
        return Unit.objects.all()
    return Unit.objects.filter(head__user=user)


def _year(request) -> int:
    """The judged year from ?year=, else last year (the one being deliberated)."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = 0
    return year if 1900 <= year <= 2200 else datetime.date.today().year - 1


class MyProfileView(LoginRequiredMixin, View):
    def get(self, request):
        person = Person.objects.filter(user=request.user).first()
        if person is None:
            raise Http404(_("Tài khoản của bạn chưa gắn với hồ sơ cán bộ."))
        return redirect("emulation:person-profile", pk=person.pk)


class ProfileView(LoginRequiredMixin, View):
    """A person's or a unit's achievement profile: records by year and the engine's verdicts."""

    kind = "person"

    def subject(self, request, pk):
        queryset = (
            profile_people(request.user) if self.kind == "person" else profile_units(request.user)
        )
        subject = queryset.filter(pk=pk).first()
        if subject is None:
            raise Http404(_("Không tìm thấy hoặc bạn không có quyền xem."))
        return subject

    def facts(self, subject, year):
        if self.kind == "person":
            return loader.load_facts(year, people=[subject])
        return loader.load_facts(year, units=[subject])

    def get(self, request, pk):
        subject = self.subject(request, pk)
        year = _year(request)
        facts = self.facts(subject, year)
        if request.GET.get("format") == "json":
            return _file(
                loader.export_json(facts).encode(),
                f"facts-{subject.code}-{year}.json",
                "application/json; charset=utf-8",
            )
        report = loader.evaluate(facts, year)
        fact_id = subject.code
        results = report.for_subject(fact_id)
        records = Rating.objects.of(subject)
        commendations = (
            Commendation.objects.of(subject).prefetch_related("uses").select_related("decision")
        )
        by_year = defaultdict(lambda: {"rating": None, "honours": []})
        for rating in records:
            by_year[rating.year]["rating"] = rating
        for commendation in commendations:
            by_year[commendation.year]["honours"].append(commendation)
        context = {
            "subject": subject,
            "kind": self.kind,
            "year": year,
            "years": sorted(by_year.items(), reverse=True),
            "results": results,
            "regime": report.regime,
        }
        if self.kind == "person":
            context["initiatives"] = Initiative.objects.filter(
                authors__person=subject
            ).prefetch_related("used_by")
            context["discipline"] = Discipline.objects.filter(person=subject)
            context["holds"] = ReviewHold.objects.filter(person=subject)
        else:
            context["members"] = subject.members.filter(is_active=True)
        return render(request, "emulation/profile.html", context)


# --- Movements ------------------------------------------------------------------------


class MovementListView(EditorListView):
    model = Movement
    filterset_class = filters.MovementFilterSet
    table_class = tables.MovementTable
    title = gettext_lazy("Phong trào thi đua")
    create_url_name = "emulation:movement-create"


class MovementDetailView(ObjectDetailView):
    model = Movement
    template_name = "emulation/movement_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        movement = self.object
        user = self.request.user
        context["criteria"] = movement.criteria.all()
        context["bodies"] = movement.bodies.all()
        context["units"] = movement.units.all()
        context["people"] = movement.people.all()
        context["registrations"] = (
            Registration.objects.for_user(user)
            .filter(movement=movement)
            .select_related("person", "unit")
        )
        periods = list(
            movement.assessments.order_by("-period").values_list("period", flat=True).distinct()
        )
        context["period"] = periods[0] if periods else None
        context["ranking"] = (
            services.ranking(movement, period=periods[0]).filter(
                pk__in=movement.assessments.for_user(user)
            )
            if periods
            else []
        )
        context["reviews"] = movement.reviews.all()
        context["can_review"] = scope.edits(user)
        context["criteria_weight"] = sum((c.weight for c in context["criteria"]), 0)
        context["attachments"] = movement.attachments.all()
        return context


class MovementCreateView(SecretariatWrites, ObjectCreateView):
    model = Movement
    form_class = forms.MovementForm
    extra_context = {"title": gettext_lazy("Phát động phong trào thi đua")}


class AssessmentView(LoginRequiredMixin, FormView):
    """Score a subject against a movement's criteria: self-assessment by the subject, assessment by the secretariat."""

    form_class = forms.AssessmentForm
    template_name = "core/object_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.movement = get_scoped_or_404(Movement, request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def subjects(self):
        user = self.request.user
        choices = []
        if scope.edits(user):
            choices += [(f"unit:{u.pk}", str(u)) for u in self.movement.units.all()]
            choices += [(f"person:{p.pk}", str(p)) for p in self.movement.people.all()]
        else:
            choices += [(f"person:{p.pk}", str(p)) for p in Person.objects.filter(user=user)]
            choices += [(f"unit:{u.pk}", str(u)) for u in Unit.objects.filter(head__user=user)]
        return choices

    def get_form_kwargs(self):
        kinds = [("self", _("Tự đánh giá"))]
        if scope.edits(self.request.user):
            kinds = [("official", _("Đánh giá")), *kinds]
        return {
            **super().get_form_kwargs(),
            "movement": self.movement,
            "subjects": self.subjects(),
            "kinds": kinds,
        }

    def get_context_data(self, **kwargs):
        title = _("Chấm điểm: {movement}").format(movement=self.movement)
        return super().get_context_data(title=title, **kwargs)

    def form_valid(self, form):
        kind, pk = form.cleaned_data["subject"].split(":")
        subject = (Person if kind == "person" else Unit).objects.get(pk=pk)
        scores = {c: (form.cleaned_data[f"c{c.pk}"], "") for c in form.criteria if not c.computed}
        try:
            with transaction.atomic():
                self._record(form, subject, scores)
        except (ServiceError, ValueError) as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu điểm."))
        return redirect(self.movement)

    def _record(self, form, subject, scores):
        from . import computed

        period, kind = form.cleaned_data["period"], form.cleaned_data["kind"]
        services.record_assessment(
            self.movement, subject, period=period, kind=kind, scores=scores, actor=self.request.user
        )
        if any(c.computed for c in form.criteria):
            computed.score_computed(
                self.movement, subject, period=period, kind=kind, actor=self.request.user
            )


class ReviewCreateView(LoginRequiredMixin, FormView):
    form_class = forms.ReviewForm
    template_name = "core/object_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.movement = get_scoped_or_404(Movement, request.user, pk=kwargs["pk"])
            _refuse_unless(scope.edits(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        title = _("Sơ kết, tổng kết: {movement}").format(movement=self.movement)
        return super().get_context_data(title=title, **kwargs)

    def form_valid(self, form):
        form.instance.movement = self.movement
        form.save()
        messages.success(self.request, _("Đã lưu."))
        return redirect(self.movement)


class ReviewReportView(LoginRequiredMixin, View):
    def get(self, request, pk):
        review = get_scoped_or_404(Review, request.user, pk=pk)
        name = f"bao-cao-{review.kind}-{review.pk}.docx"
        return _file(documents.review_docx(review), name, DOCX)


# --- Registrations --------------------------------------------------------------------


class RegistrationListView(ObjectListView):
    model = Registration
    filterset_class = filters.RegistrationFilterSet
    table_class = tables.RegistrationTable
    title = gettext_lazy("Đăng ký thi đua")
    create_url_name = "emulation:registration-create"
    extra_actions = [
        {
            "url_name": "emulation:registration-unit-create",
            "label": gettext_lazy("Đăng ký cho tập thể"),
            "allowed": lambda request: (
                scope.edits(request.user) or Unit.objects.filter(head__user=request.user).exists()
            ),
        },
        {
            "url_name": "emulation:registration-consolidate",
            "label": gettext_lazy("Tổng hợp, duyệt"),
            "allowed": lambda request: scope.edits(request.user),
        },
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("person", "unit", "movement")

    def can_create(self):
        return Person.objects.filter(user=self.request.user).exists()


class RegistrationCreateView(LoginRequiredMixin, FormView):
    form_class = forms.RegistrationForm
    template_name = "core/object_form.html"
    extra_context = {"title": gettext_lazy("Đăng ký thi đua")}

    def form_valid(self, form):
        person = Person.objects.filter(user=self.request.user).first()
        if person is None:
            raise PermissionDenied(_("Tài khoản của bạn chưa gắn với hồ sơ cán bộ."))
        try:
            registration = services.register(person, actor=self.request.user, **form.cleaned_data)
        except ServiceError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu bản nháp đăng ký."))
        return redirect(registration)


class RegistrationDetailView(ObjectDetailView):
    model = Registration
    template_name = "emulation/registration_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registration, user = self.object, self.request.user
        nexts = REGISTRATION_TRANSITIONS[registration.status]
        context["can_submit"] = (
            RegistrationStatus.SUBMITTED in nexts
            and services.may_submit_registration(user, registration)
        )
        context["can_decide"] = (
            RegistrationStatus.APPROVED in nexts
            and services.may_decide_registration(user, registration)
        )
        context["return_form"] = forms.ReturnForm()
        context["events"] = registration.events.select_related("actor")
        return context


class RegistrationActionView(LoginRequiredMixin, View):
    def post(self, request, pk, action):
        registration = get_scoped_or_404(Registration, request.user, pk=pk)
        try:
            if action == "submit":
                services.submit_registration(registration, actor=request.user)
            elif action == "approve":
                services.approve_registration(registration, actor=request.user)
            elif action == "return":
                services.return_registration(
                    registration, actor=request.user, reason=request.POST.get("reason", "")
                )
            else:
                raise Http404
            messages.success(request, _("Đã cập nhật đăng ký."))
        except ServiceError as exc:
            messages.error(request, str(exc))
        return redirect(registration)


# --- Records -------------------------------------------------------------------------


class RatingListView(ObjectListView):
    model = Rating
    filterset_class = filters.RatingFilterSet
    table_class = tables.RatingTable
    title = gettext_lazy("Xếp loại hằng năm")
    extra_actions = [
        {
            "url_name": "emulation:rating-import",
            "label": gettext_lazy("Nhập từ Excel"),
            "allowed": lambda request: scope.edits(request.user),
        }
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("person", "unit")


# --- Deliberation ----------------------------------------------------------------------


class RoundListView(EditorListView):
    model = Round
    filterset_class = filters.RoundFilterSet
    table_class = tables.RoundTable
    title = gettext_lazy("Bình xét")
    create_url_name = "emulation:round-create"


class RoundCreateView(SecretariatWrites, ObjectCreateView):
    model = Round
    form_class = forms.RoundForm
    extra_context = {"title": gettext_lazy("Mở đợt bình xét")}

    def get_initial(self):
        year = datetime.date.today().year - 1
        return {
            "name": _("Bình xét thi đua, khen thưởng năm {year}").format(year=year),
            "year": year,
            "opened_on": datetime.date.today(),
        }


def round_report(round_: Round):
    """The engine's report over the round's candidates (the movement's, or every active unit's)."""
    if round_.movement_id:
        units = list(round_.movement.units.all())
        people = list(round_.movement.people.all())
    else:
        units = list(Unit.objects.filter(is_active=True, members__is_active=True).distinct())
        people = []
    facts = loader.load_facts(round_.year, people=people, units=units)
    return facts, loader.evaluate(facts, round_.year)


SHOWN_VERDICTS = {"eligible", "needs_judgement", "on_hold"}
# Candidates per page of the round page: a ministry's round has thousands of
# results, and each row renders its conditions (the engine's texts are only
# rendered for the rows shown, see rules.report.Condition).
ROUND_PAGE_SIZE = 50


class RoundDetailView(ObjectDetailView):
    model = Round
    template_name = "emulation/round_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = self.object
        facts, report = round_report(round_)
        show_all = self.request.GET.get("all") == "1"
        listed = [r for r in report.results if show_all or r.verdict in SHOWN_VERDICTS]
        # Counted over every listed result, not just the page shown.
        counts = Counter(r.verdict for r in listed)
        context["verdict_counts"] = [(v, counts[v]) for v in VERDICTS if counts[v]]
        context["candidate_count"] = len(listed)
        page = Paginator(listed, ROUND_PAGE_SIZE).get_page(self.request.GET.get("page"))
        context["page_obj"] = page
        query = {"all": "1"} if show_all else {}
        context["page_links"] = {
            "first": "?" + urlencode(query) if page.has_previous() else None,
            "previous": "?" + urlencode(query | {"page": page.previous_page_number()})
            if page.has_previous()
            else None,
            "next": "?" + urlencode(query | {"page": page.next_page_number()})
            if page.has_next()
            else None,
        }
        names = {p.id: p.name for p in facts.people} | {u.id: u.name for u in facts.units}
        nominated = set(round_.nominations.values_list("person__code", "unit__code", "code"))
        nominated = {(p or u, code) for p, u, code in nominated}
        # Registration is required for periodic titles, but only warned about
        # (emulation.md: the 2022 law is less strict than the 2003 one).
        registered = {
            p or u
            for p, u in Registration.objects.filter(
                year=round_.year, status=RegistrationStatus.APPROVED
            ).values_list("person__code", "unit__code")
        }
        context["candidates"] = [
            {
                "result": r,
                "name": names.get(r.subject, r.subject),
                "nominated": (r.subject, r.code) in nominated,
                "registered": r.subject in registered,
            }
            for r in page.object_list
        ]
        context["show_all"] = show_all
        context["regime"] = report.regime
        nominations = list(round_.nominations.select_related("person", "unit"))
        warnings = services.nominations_warnings(nominations)
        for nomination in nominations:
            nomination.warnings = warnings[nomination.pk]
        context["nominations"] = nominations
        context["sessions"] = round_.sessions.all()
        context["can_nominate"] = scope.edits(self.request.user) and round_.status == "open"
        return context


class NominateView(LoginRequiredMixin, View):
    def post(self, request, pk):
        round_ = get_scoped_or_404(Round, request.user, pk=pk)
        _refuse_unless(scope.edits(request.user))
        subject_id, code = request.POST.get("subject", ""), request.POST.get("code", "")
        facts, report = round_report(round_)
        try:
            result = report.result(subject_id, code)
        except KeyError as exc:
            raise Http404 from exc
        subject = (
            Person.objects.get(code=subject_id)
            if result.subject_kind == "person"
            else Unit.objects.get(code=subject_id)
        )
        try:
            nomination = services.nominate(
                round_, subject, code=code, actor=request.user, result=result
            )
            messages.success(request, _("Đã đề nghị: {nomination}.").format(nomination=nomination))
        except ServiceError as exc:
            messages.error(request, str(exc))
        return redirect(round_)


class NominationDetailView(ObjectDetailView):
    model = Nomination
    template_name = "emulation/nomination_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["documents"] = self.object.documents.all()
        context["warnings"] = services.nomination_warnings(self.object)
        context["can_edit_dossier"] = scope.edits(self.request.user)
        context["document_kinds"] = NominationDocument._meta.get_field("kind").choices
        return context


class NominationDocumentView(LoginRequiredMixin, View):
    """The dossier papers generated from templates: submission and achievement report."""

    def get(self, request, pk, kind):
        nomination = get_scoped_or_404(Nomination, request.user, pk=pk)
        render_fn = {"submission": documents.submission_docx, "report": documents.report_docx}.get(
            kind
        )
        if render_fn is None:
            raise Http404
        name = f"{kind}-{_safe_name(nomination.subject_name)}-{nomination.code}.docx"
        return _file(render_fn(nomination), name, DOCX)


class NominationDossierView(LoginRequiredMixin, View):
    """POST: generate the dossier papers; POST with a file: attach an uploaded one."""

    def post(self, request, pk):
        nomination = get_scoped_or_404(Nomination, request.user, pk=pk)
        _refuse_unless(scope.edits(request.user))
        upload = request.FILES.get("file")
        if upload is not None:
            kind = request.POST.get("kind", "other")
            if kind not in dict(NominationDocument._meta.get_field("kind").choices):
                kind = "other"
            try:
                check_upload(upload)
            except ValidationError as exc:
                messages.error(request, exc.messages[0])
                return redirect(nomination)
            NominationDocument.objects.create(nomination=nomination, kind=kind, file=upload)
            messages.success(request, _("Đã đính kèm tài liệu."))
        else:
            services.generate_dossier(nomination, actor=request.user)
            messages.success(request, _("Đã lập hồ sơ từ mẫu."))
        return redirect(nomination)


class MovementFileView(LoginRequiredMixin, View):
    """A movement's document, served through the movement's scope, never from a public media URL."""

    def get(self, request, pk):
        attachment = MovementAttachment.objects.filter(
            pk=pk, movement__in=Movement.objects.for_user(request.user)
        ).first()
        if attachment is None:
            raise Http404
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.file.name.rsplit("/", 1)[-1],
        )


class NominationFileView(LoginRequiredMixin, View):
    def get(self, request, pk, document):
        nomination = get_scoped_or_404(Nomination, request.user, pk=pk)
        doc = nomination.documents.filter(pk=document).first()
        if doc is None:
            raise Http404
        return FileResponse(
            doc.file.open("rb"), as_attachment=True, filename=doc.file.name.rsplit("/", 1)[-1]
        )


class AdhocNominationView(LoginRequiredMixin, FormView):
    form_class = forms.AdhocNominationForm
    template_name = "core/object_form.html"
    extra_context = {"title": gettext_lazy("Đề nghị khen thưởng đột xuất")}

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _refuse_unless(scope.edits(request.user))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        nomination = services.nominate_adhoc(
            data["person"],
            code=data["code"],
            achieved_on=data["achieved_on"],
            achievement=data["achievement"],
            actor=self.request.user,
        )
        return redirect(nomination)


# --- Council sessions -------------------------------------------------------------------


class SessionListView(ObjectListView):
    model = Session
    filterset_class = filters.SessionFilterSet
    table_class = tables.SessionTable
    title = gettext_lazy("Phiên họp Hội đồng")


class SessionCreateView(LoginRequiredMixin, FormView):
    form_class = forms.SessionForm
    template_name = "core/object_form.html"
    extra_context = {"title": gettext_lazy("Lập phiên họp Hội đồng")}

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.round = get_scoped_or_404(Round, request.user, pk=kwargs["pk"])
            _refuse_unless(scope.edits(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "round": self.round}

    def get_initial(self):
        return {
            "name": _("Phiên họp Hội đồng TĐKT – {round}").format(round=self.round),
            "held_on": datetime.date.today(),
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            session = services.create_session(
                name=data["name"],
                held_on=data["held_on"],
                secretary=self.request.user,
                members=data["members"],
                nominations=data["nominations"],
                round=self.round,
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        return redirect(session)


class SessionDetailView(ObjectDetailView):
    """A member sees the agenda and their ballots; the tally appears only once the session is closed."""

    model = Session
    template_name = "emulation/session_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session, user = self.object, self.request.user
        member = SessionMember.objects.filter(session=session, user=user).first()
        voted = (
            set(Ballot.objects.filter(member=member).values_list("item_id", flat=True))
            if member
            else set()
        )
        items = list(session.items.select_related("nomination__person", "nomination__unit"))
        for item in items:
            item.i_voted = item.pk in voted
        context["items"] = items
        context["member"] = member
        context["is_secretary"] = scope.edits(user)
        context["members"] = session.members.select_related("user")
        context["vote_form"] = forms.VoteForm()
        context["written_form"] = forms.WrittenVoteForm(session=session)
        context["show_tally"] = session.is_closed
        context["decisions"] = session.decisions.all()
        # The receipts say who has voted on what, never how (see models/council.py).
        context["receipts"] = (
            Ballot.objects.filter(item__session=session).values_list(
                "item_id", "member_id", "written"
            )
            if scope.edits(user)
            else []
        )
        return context


class SessionActionView(LoginRequiredMixin, View):
    def post(self, request, pk, action):
        session = get_scoped_or_404(Session, request.user, pk=pk)
        try:
            if action == "open":
                services.open_session(session, actor=request.user)
            elif action == "close":
                services.close_session(session, actor=request.user)
            elif action == "present":
                member = SessionMember.objects.get(session=session, pk=request.POST.get("member"))
                services.mark_present(
                    member, request.POST.get("present") == "1", actor=request.user
                )
            elif action == "written":
                _refuse_unless(scope.edits(request.user))
                form = forms.WrittenVoteForm(request.POST, session=session)
                item = SessionItem.objects.get(session=session, pk=request.POST.get("item"))
                if not form.is_valid():
                    raise ServiceError(_("Hãy chọn thành viên vắng mặt và phiếu."))
                services.cast_ballot(
                    item,
                    voter=form.cleaned_data["member"].user,
                    choice=form.cleaned_data["choice"],
                    actor=request.user,
                    written=True,
                )
            else:
                raise Http404
            messages.success(request, _("Đã cập nhật phiên họp."))
        except (ServiceError, SessionMember.DoesNotExist, SessionItem.DoesNotExist) as exc:
            messages.error(request, str(exc))
        return redirect(session)


class VoteView(LoginRequiredMixin, View):
    def post(self, request, pk, item):
        session = get_scoped_or_404(Session, request.user, pk=pk)
        item = SessionItem.objects.filter(session=session, pk=item).first()
        if item is None:
            raise Http404
        form = forms.VoteForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Hãy chọn một phương án."))
            return redirect(session)
        try:
            services.cast_ballot(item, voter=request.user, choice=form.cleaned_data["choice"])
            messages.success(request, _("Đã ghi nhận phiếu của bạn."))
        except ServiceError as exc:
            messages.error(request, str(exc))
        return redirect(session)


class MinutesView(LoginRequiredMixin, View):
    def get(self, request, pk):
        session = get_scoped_or_404(Session, request.user, pk=pk)
        try:
            content = documents.minutes_docx(session)
        except documents.DocumentUnavailable as exc:
            messages.error(request, str(exc))
            return redirect(session)
        return _file(content, f"bien-ban-phien-{session.pk}.docx", DOCX)


# --- Decisions ---------------------------------------------------------------------------


class DecisionListView(ObjectListView):
    model = Decision
    filterset_class = filters.DecisionFilterSet
    table_class = tables.DecisionTable
    title = gettext_lazy("Quyết định khen thưởng")


class DecisionCreateView(LoginRequiredMixin, FormView):
    """A draft decision for what a closed session passed, or for one ad-hoc nomination."""

    form_class = forms.DecisionForm
    template_name = "core/object_form.html"
    extra_context = {"title": gettext_lazy("Lập quyết định khen thưởng")}

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _refuse_unless(scope.edits(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"signed_on": datetime.date.today(), "signer_title": "CỤC TRƯỞNG"}

    def targets(self):
        if "session" in self.kwargs:
            session = get_scoped_or_404(Session, self.request.user, pk=self.kwargs["session"])
            nominations = Nomination.objects.filter(
                session_items__session=session, status=NominationStatus.PASSED
            )
            return session, list(nominations)
        nomination = get_scoped_or_404(Nomination, self.request.user, pk=self.kwargs["nomination"])
        return None, [nomination]

    def form_valid(self, form):
        session, nominations = self.targets()
        try:
            decision = services.draft_decision(
                nominations, actor=self.request.user, session=session, **form.cleaned_data
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        return redirect(decision)


class DecisionDetailView(ObjectDetailView):
    model = Decision
    template_name = "emulation/decision_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recipients"] = self.object.recipients.select_related("person__unit", "unit")
        context["can_issue"] = scope.edits(self.request.user) and not self.object.is_issued
        context["fund"] = services.reward_fund(self.object.signed_on.year)
        return context


class DecisionIssueView(LoginRequiredMixin, View):
    def post(self, request, pk):
        decision = get_scoped_or_404(Decision, request.user, pk=pk)
        try:
            services.issue_decision(decision, actor=request.user)
            messages.success(
                request, _("Đã ban hành quyết định {number}.").format(number=decision.number)
            )
        except ServiceError as exc:
            messages.error(request, str(exc))
        return redirect(decision)


class DecisionDocumentView(LoginRequiredMixin, View):
    def get(self, request, pk, kind):
        decision = get_scoped_or_404(Decision, request.user, pk=pk)
        stem = "quyet-dinh-" + _safe_name(decision.number)
        try:
            if kind == "docx":
                return _file(documents.decision_docx(decision), f"{stem}.docx", DOCX)
            if kind == "pdf":
                return _file(documents.decision_pdf(decision), f"{stem}.pdf", "application/pdf")
            if kind == "certificates":
                return _file(
                    documents.certificates_pdf(decision), f"giay-khen-{stem}.pdf", "application/pdf"
                )
        except documents.DocumentUnavailable as exc:
            messages.error(request, str(exc))
            return redirect(decision)
        raise Http404


# --- Library and settings ------------------------------------------------------------------


class ExemplarListView(EditorListView):
    model = Exemplar
    filterset_class = filters.ExemplarFilterSet
    table_class = tables.ExemplarTable
    title = gettext_lazy("Điển hình tiên tiến")
    create_url_name = "emulation:exemplar-create"


class ExemplarDetailView(ObjectDetailView):
    model = Exemplar
    template_name = "emulation/library_detail.html"


class ExemplarCreateView(SecretariatWrites, ObjectCreateView):
    model = Exemplar
    form_class = forms.ExemplarForm
    extra_context = {"title": gettext_lazy("Thêm điển hình tiên tiến")}


class LessonCreateView(SecretariatWrites, ObjectCreateView):
    model = Lesson
    form_class = forms.LessonForm
    extra_context = {"title": gettext_lazy("Thêm bài học kinh nghiệm")}


class LessonListView(EditorListView):
    model = Lesson
    filterset_class = filters.LessonFilterSet
    table_class = tables.LessonTable
    title = gettext_lazy("Bài học kinh nghiệm")
    create_url_name = "emulation:lesson-create"


class LessonDetailView(ObjectDetailView):
    model = Lesson
    template_name = "emulation/library_detail.html"


class SettingListView(EditorListView):
    model = EmulationSetting
    filterset_class = filters.EmulationSettingFilterSet
    table_class = tables.EmulationSettingTable
    title = gettext_lazy("Tham số thi đua, khen thưởng")
    create_url_name = "emulation:setting-create"


class SettingCreateView(SecretariatWrites, ObjectCreateView):
    model = EmulationSetting
    form_class = forms.EmulationSettingForm
    extra_context = {"title": gettext_lazy("Thêm giá trị tham số")}

    def get_success_url(self):
        return reverse("emulation:setting-list")


# --- Ratings import -------------------------------------------------------------------


class RatingImportView(ImportView):
    importer_class = RatingImporter
    allowed_roles = scope.EDITORS
    list_url_name = "emulation:rating-list"
    template_url_name = "emulation:rating-import-template"


class RatingImportTemplateView(ImportTemplateView):
    importer_class = RatingImporter
    allowed_roles = scope.EDITORS
