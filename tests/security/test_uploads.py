"""Hostile uploads at every upload field: helpdesk attachments (the advisor's composer and the
employer's reply), network resources and role-model photos (the admin).

A file is either refused with a clear Dutch message, or stored under a random name inside the
private media folder and handed out only as a download: `Content-Disposition: attachment`,
`X-Content-Type-Options: nosniff` and a Content-Security-Policy that lets nothing run
(core.uploads). The uploader's file name is kept only as a safe display name.
"""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from communities.models import Resource, RoleModel
from core.uploads import DOWNLOAD_CONTENT_SECURITY_POLICY, safe_file_name
from helpdesk import services as helpdesk_services
from helpdesk.models import Attachment
from tests.communities.factories import MembershipFactory, NetworkFactory
from tests.helpdesk.factories import NOTE, TicketFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 een echt document"
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


def _png(size=(4, 4), image_format="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "orange").save(buffer, format=image_format)
    return buffer.getvalue()


@pytest.fixture
def private_media(settings, tmp_path):
    root = tmp_path / "private-media"
    settings.PRIVATE_MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": root}},
    }
    settings.HELPDESK_MAX_ATTACHMENT_BYTES = 64 * 1024
    return root


class UploadPoint:
    """One place where a file can be uploaded: how to post one, and what got stored."""

    def __init__(self, name, post, stored):
        self.name, self.post, self.stored = name, post, stored


@pytest.fixture(params=["adviseur-notitie", "werkgever-reactie", "netwerk-bron"])
def point(request, private_media, client, adviseur, ser_dib):
    if request.param == "adviseur-notitie":
        ticket = TicketFactory()
        client.force_login(adviseur)

        def post(upload):
            url = reverse("helpdesk:ticket_compose", args=[ticket.reference])
            return client.post(url, {**NOTE, "body": "Zie de bijlage.", "attachments": [upload]})

        def stored():
            return [
                (a.original_name, a.file.name, reverse("helpdesk:attachment", args=[a.pk]))
                for a in Attachment.objects.all()
            ]

    elif request.param == "werkgever-reactie":
        ticket = TicketFactory(status="beantwoord")
        token = helpdesk_services.issue_access_token(ticket=ticket)

        def post(upload):
            url = reverse("helpdesk:follow_reply", args=[token])
            return client.post(url, {"body": "Hierbij het bestand.", "attachments": [upload]})

        def stored():
            return [
                (a.original_name, a.file.name, reverse("helpdesk:follow_attachment", args=[token, a.pk]))
                for a in Attachment.objects.all()
            ]

    else:
        network = NetworkFactory(slug="uploads")
        member = MembershipFactory(network=network).user
        client.force_login(member)

        def post(upload):
            return client.post(
                reverse("communities:resources", args=[network.slug]), {"title": "Een bron", "file": upload}
            )

        def stored():
            return [
                (r.original_name, r.file.name, reverse("communities:resource_download", args=[network.slug, r.pk]))
                for r in Resource.objects.exclude(file="")
            ]

    return UploadPoint(request.param, post, stored)


REFUSED = [
    ("te groot", "groot.pdf", PDF + b"0" * (65 * 1024), "application/pdf", "te groot"),
    ("verkeerd type", "programma.exe", b"MZ\x90\x00", "application/octet-stream", "niet is toegestaan"),
    ("html als pdf", "rapport.pdf", HTML, "application/pdf", "past niet bij de extensie"),
    ("pdf met html-type", "rapport.pdf", PDF, "text/html", "past niet bij de extensie"),
    ("html als png", "foto.png", HTML, "image/png", "past niet bij de extensie"),
    ("svg met script", "logo.svg", SVG, "image/svg+xml", "niet is toegestaan"),
    ("html", "pagina.html", HTML, "text/html", "niet is toegestaan"),
    ("dubbele extensie", "rapport.pdf.html", HTML, "text/html", "niet is toegestaan"),
    ("html met pdf-extensie achteraan", "pagina.html.pdf", HTML, "application/pdf", "past niet bij de extensie"),
    (
        "pad zonder extensie",
        "../../etc/passwd",
        b"root:x:0:0:root:/root:/bin/bash\n",
        "text/plain",
        "niet is toegestaan",
    ),
    ("tekst die geen tekst is", "notities.txt", b"\xff\xfe\x00\x00binary", "text/plain", "past niet bij de extensie"),
    ("punt-bestand", ".htaccess", b"Options +ExecCGI", "text/plain", "niet is toegestaan"),
]


@pytest.mark.parametrize(("case", "name", "content", "content_type", "message"), REFUSED, ids=[r[0] for r in REFUSED])
def test_hostile_files_are_refused_with_a_dutch_message(point, case, name, content, content_type, message):
    response = point.post(SimpleUploadedFile(name, content, content_type=content_type))
    assert response.status_code == 400, f"{point.name} {case}: {response.status_code}"
    assert message in response.content.decode(), f"{point.name} {case}"
    assert point.stored() == []


ACCEPTED = [
    # (case, uploaded name, content, content type, the name it is shown and offered under)
    ("pad omhoog", "../../etc/passwd.pdf", PDF, "application/pdf", "passwd.pdf"),
    ("windows-pad", "..\\..\\windows\\win.ini.txt", b"[fonts]\n", "text/plain", "win.ini.txt"),
    ("nul-teken", "a\x00b.pdf", PDF, "application/pdf", "ab.pdf"),
    ("regeleinde", "regel&#10;twee&#13;.pdf", PDF, "application/pdf", "regeltwee.pdf"),
    ("rechts-naar-links", "factuur\u202efdp.txt", b"hallo", "text/plain", "factuurfdp.txt"),
    ("heel lang", "x" * 300 + ".pdf", PDF, "application/pdf", "x" * 196 + ".pdf"),
    ("html in een tekstbestand", "lees-mij.txt", HTML, "text/plain", "lees-mij.txt"),
    ("script in de naam", "<script>alert(1)<\\script>.pdf", PDF, "application/pdf", "script>.pdf"),
]


@pytest.mark.parametrize(("case", "name", "content", "content_type", "shown"), ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_accepted_files_get_a_random_name_and_are_only_ever_a_download(
    point, private_media, client, case, name, content, content_type, shown
):
    response = point.post(SimpleUploadedFile(name, content, content_type=content_type))
    assert response.status_code == 302, f"{point.name} {case}: {response.status_code}"
    [(original_name, stored_name, download_url)] = point.stored()
    assert original_name == shown
    on_disk = (private_media / stored_name).resolve()
    assert on_disk.is_relative_to(private_media.resolve()), stored_name
    assert Path(stored_name).stem.isalnum() and len(Path(stored_name).stem) == 32, "a random name on disk"
    assert on_disk.read_bytes() == content
    download = client.get(download_url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Security-Policy"] == DOWNLOAD_CONTENT_SECURITY_POLICY
    assert download["Content-Type"] in {"application/pdf", "text/plain"}
    assert b"".join(download.streaming_content) == content


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("kort.pdf", "kort.pdf"),
        ("map/sub/rapport.pdf", "rapport.pdf"),
        ("C:\\Users\\jan\\cv.docx", "cv.docx"),
        ("..", "bestand"),
        ("", "bestand"),
        ("\x00\u202e", "bestand"),
        ("  veel   spaties .pdf ", "veel spaties .pdf"),
        ("zero\u200bwidth.pdf", "zerowidth.pdf"),
        ("e\u0301.pdf", "é.pdf"),
    ],
)
def test_safe_file_name(name, expected):
    assert safe_file_name(name) == expected


# --- Role-model photos (uploaded by editors in the admin) ------------------------------------------


def _role_model_form(photo) -> dict:
    return {
        "name": "Fatima Bakker", "slug": "fatima-bakker", "job_title": "Directeur", "organisation": "Noord BV",
        "photo": photo, "message": "Gelijke kansen.", "what_they_did": "Werven zonder cv.", "email": "f@example.nl",
        "consents-TOTAL_FORMS": "0", "consents-INITIAL_FORMS": "0",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("case", "name", "content", "message"),
    [
        ("svg met script", "portret.svg", SVG, "geldige afbeelding"),
        ("html als png", "portret.png", HTML, "geldige afbeelding"),
        ("gif als png", "portret.png", _png(image_format="GIF"), "JPEG- of PNG-bestand"),
        ("png als jpg", "portret.jpg", _png(), "JPEG- of PNG-bestand"),
        ("te groot", "portret.png", _png() + b"\x00" * (5 * 1024 * 1024), "te groot"),
    ],
)
def test_hostile_role_model_photos_are_refused(private_media, client, contentbeheerder, case, name, content, message):
    client.force_login(contentbeheerder)
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = client.post(reverse("admin:communities_rolemodel_add"), _role_model_form(upload))
    assert response.status_code == 200, case  # the form again, with the error
    assert message in response.content.decode(), case
    assert not RoleModel.objects.exists()


def test_a_role_model_photo_is_served_as_that_image_type_and_nothing_else(private_media, client, contentbeheerder):
    from tests.communities.factories import consent_to_current_text

    client.force_login(contentbeheerder)
    upload = SimpleUploadedFile("../../portret\u202egnp.png", _png(), content_type="image/png")
    response = client.post(reverse("admin:communities_rolemodel_add"), _role_model_form(upload))
    assert response.status_code == 302
    role_model = RoleModel.objects.get()
    assert Path(role_model.photo.name).parent == Path("rolmodellen")
    assert Path(role_model.photo.name).stem.isalnum()
    consent_to_current_text(role_model)
    RoleModel.objects.filter(pk=role_model.pk).update(status="gepubliceerd")
    photo = client.get(reverse("communities:role_model_photo", args=[role_model.slug]))
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/png"
    assert photo["X-Content-Type-Options"] == "nosniff"
    assert photo["Content-Security-Policy"] == DOWNLOAD_CONTENT_SECURITY_POLICY
