"""Issue 7, finding 11: a long attachment name is shortened before its extension."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from helpdesk import services
from helpdesk.models import Attachment

pytestmark = pytest.mark.django_db


def test_an_attachment_name_over_200_characters_keeps_its_extension(client, submitted):
    ticket, token = submitted
    long_name = "verslag-van-het-gesprek-" + "heel-lang-" * 25 + ".pdf"
    assert len(long_name) > 200
    upload = SimpleUploadedFile(long_name, b"%PDF-1.4 inhoud", content_type="application/pdf")
    response = client.post(
        reverse("helpdesk:follow_reply", args=[token]), {"body": "Zie bijlage", "attachments": [upload]}
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert len(attachment.original_name) == 200
    assert attachment.original_name.endswith(".pdf")
    assert attachment.original_name.startswith("verslag-van-het-gesprek-")
    download = client.get(reverse("helpdesk:follow_attachment", args=[token, attachment.pk]))
    assert '.pdf"' in download["Content-Disposition"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("kort.pdf", "kort.pdf"),
        ("a" * 300 + ".docx", "a" * 195 + ".docx"),
        ("b" * 250, "b" * 200),
        ("c" * 190 + "." + "x" * 40, "c" * 180 + "." + "x" * 19),
    ],
)
def test_shortened_file_name(name, expected):
    assert services.shortened_file_name(name) == expected
