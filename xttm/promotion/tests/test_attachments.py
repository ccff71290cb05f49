"""Attachments leave with their file, only while the scheme may still be edited, only by its editors."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xttm.promotion.choices import SchemeStatus
from xttm.promotion.models import Attachment


@pytest.fixture
def attach(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    def make(scheme, title="Tờ trình"):
        return Attachment.objects.create(
            scheme=scheme,
            title=title,
            file=SimpleUploadedFile("to-trinh.pdf", b"%PDF-1.4 demo"),
        )

    return make


@pytest.mark.parametrize("state", [SchemeStatus.DRAFT, SchemeStatus.NEEDS_SUPPLEMENT])
@pytest.mark.parametrize("persona", ["partner_officer", "programme_officer", "admin"])
def test_an_editor_of_the_scheme_deletes_an_attachment_and_its_file(
    client_as, scheme_in, attach, django_capture_on_commit_callbacks, state, persona
):
    scheme = scheme_in(state)
    attachment = attach(scheme)
    path = attachment.file.path
    client = client_as(persona)
    page = client.get(reverse("promotion:scheme-detail", args=[scheme.pk])).content.decode()
    assert reverse("promotion:attachment-delete", args=[attachment.pk]) in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("promotion:attachment-delete", args=[attachment.pk]))
    assert response.status_code == 302
    assert response["Location"] == scheme.get_absolute_url()
    assert not Attachment.objects.exists()
    assert not attachment.file.storage.exists(attachment.file.name)
    assert not os.path.exists(path)


@pytest.mark.parametrize("state", [SchemeStatus.SUBMITTED, SchemeStatus.APPROVED])
def test_an_attachment_of_a_scheme_past_drafting_stays_with_its_file(
    client_as, scheme_in, attach, django_capture_on_commit_callbacks, state
):
    scheme = scheme_in(state)
    attachment = attach(scheme)
    client = client_as("programme_officer")
    page = client.get(reverse("promotion:scheme-detail", args=[scheme.pk])).content.decode()
    assert reverse("promotion:attachment-delete", args=[attachment.pk]) not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("promotion:attachment-delete", args=[attachment.pk]))
    assert response.status_code == 302
    assert list(Attachment.objects.values_list("pk", flat=True)) == [attachment.pk]
    assert attachment.file.storage.exists(attachment.file.name)


@pytest.mark.parametrize(("persona", "status"), [("outsider", 404), ("leadership", 302)])
def test_people_who_may_not_edit_the_draft_do_not_delete_its_attachment(
    client_as, scheme_in, attach, django_capture_on_commit_callbacks, persona, status
):
    scheme = scheme_in(SchemeStatus.DRAFT)
    attachment = attach(scheme)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(persona).post(
            reverse("promotion:attachment-delete", args=[attachment.pk])
        )
    assert response.status_code == status
    assert list(Attachment.objects.values_list("pk", flat=True)) == [attachment.pk]
    assert attachment.file.storage.exists(attachment.file.name)
