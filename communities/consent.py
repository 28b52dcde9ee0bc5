"""Role models' consent: ask for it by a private link, record it, withdraw it, publish only with it.

The person receives a private link (only the SHA-256 of its token is stored, like the helpdesk's
follow links; the outbox erases the link from its copy once the e-mail is sent). On that page they
read the exact text that would be published and agree to it, or later withdraw, which unpublishes
the profile and erases its personal data in the same transaction (erase_role_model).

What stays after withdrawal is the proof that the profile was published with consent, and no
more: per consent when it was given and withdrawn and the SHA-256 of the exact text agreed to. The
person, who has that text in the consent e-mail, can show that it matches; the portal can no
longer read it. Name, role, organisation, message, what they did, e-mail address, photo (the file
too), the link, the consents' texts and the e-mails about the profile are gone.
"""

import logging
import secrets

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.models import RoleModel, RoleModelConsent, RoleModelStatus
from core.models import OutboxMessage
from core.outbox import queue_mail

log = logging.getLogger(__name__)

EDIT = "communities.change_rolemodel"
PUBLISH = "communities.publish_rolemodel"


class ConsentError(Exception):
    """A consent step the rules do not allow; the message is Dutch and shown to the user."""


def consent_url(token: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse("communities:role_model_consent", kwargs={"token": token})


def role_model_for_token(token: str) -> RoleModel | None:
    return RoleModel.objects.filter(token_hash=RoleModel.hash(token)).first()


@transaction.atomic
def request_consent(*, role_model: RoleModel, by) -> str:
    """E-mail the person a new private link to read the text and agree (or later withdraw).

    A new link replaces the previous one. Returns the token (for the caller's tests only; it is
    not stored anywhere but in the e-mail)."""
    if not by.has_perm(EDIT):
        raise PermissionError(_("Je mag rolmodellen niet beheren."))
    if role_model.is_erased:
        raise ConsentError(_("Deze persoon heeft de toestemming ingetrokken; de gegevens zijn gewist."))
    token = secrets.token_urlsafe(32)
    role_model.token_hash = RoleModel.hash(token)
    role_model.save(update_fields=["token_hash", "updated_at"])
    queue_mail(
        to=role_model.email,
        subject=_("Wil je zichtbaar zijn als rolmodel?"),
        template="communities/email/role_model_consent.txt",
        context={"role_model": role_model, "text": role_model.consent_text()},
        about=role_model,
        private_link=consent_url(token),
    )
    return token


@transaction.atomic
def give_consent(*, role_model: RoleModel, text_hash: str) -> RoleModelConsent:
    """The person agrees to the text they were shown (`text_hash` comes from that page)."""
    role_model = RoleModel.objects.select_for_update().get(pk=role_model.pk)
    if text_hash != role_model.text_hash:
        raise ConsentError(
            _("De tekst is intussen gewijzigd. Lees hieronder de nieuwe tekst en geef opnieuw toestemming.")
        )
    existing = role_model.consents.filter(text_hash=text_hash, withdrawn_at=None).first()
    if existing is not None:
        return existing
    return RoleModelConsent.objects.create(
        role_model=role_model,
        given_by=f"{role_model.name} <{role_model.email}>",
        text=role_model.consent_text(),
        text_hash=role_model.text_hash,
    )


@transaction.atomic
def withdraw_consent(*, role_model: RoleModel) -> None:
    """Withdraw every consent, unpublish the profile and erase its personal data, at once."""
    role_model = RoleModel.objects.select_for_update().get(pk=role_model.pk)
    role_model.consents.filter(withdrawn_at=None).update(withdrawn_at=timezone.now())
    role_model.status = RoleModelStatus.WITHDRAWN
    role_model.published_at = None
    role_model.save(update_fields=["status", "published_at", "updated_at"])
    erase_role_model(role_model=role_model)


ERASED_GIVER = "rolmodel {number} (gegevens gewist na intrekken)"


@transaction.atomic
def erase_role_model(*, role_model: RoleModel) -> None:
    """Erase a withdrawn profile's personal data; keep only the proof of consent (module docstring).

    Idempotent. The row stays (under a neutral slug), so its consent records keep their dates and
    text hashes; the photo file is deleted once the erasure is committed."""
    if role_model.status != RoleModelStatus.WITHDRAWN:
        raise ConsentError(_("Alleen een rolmodel dat de toestemming introk, wordt zo gewist."))
    photo = role_model.photo.name if role_model.photo else ""
    now = timezone.now()
    RoleModel.objects.filter(pk=role_model.pk).update(
        slug=f"ingetrokken-{role_model.pk}",
        name="",
        job_title="",
        organisation="",
        photo="",
        message="",
        what_they_did="",
        email="",
        token_hash=None,
        published_at=None,
        erased_at=role_model.erased_at or now,
        updated_at=now,
    )
    role_model.consents.update(given_by=ERASED_GIVER.format(number=role_model.pk), text="")
    OutboxMessage.objects.about(role_model).delete()
    if photo:
        storage = RoleModel._meta.get_field("photo").storage
        transaction.on_commit(lambda: _delete_photo(storage, photo))
    role_model.refresh_from_db()


def _delete_photo(storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:
        log.exception("could not delete the photo of an erased role model: %s", name)


def erase_withdrawn() -> int:
    """Erase every withdrawn profile that still holds personal data (withdrawn before withdrawal
    erased at once). Returns how many."""
    pending = RoleModel.objects.filter(status=RoleModelStatus.WITHDRAWN, erased_at__isnull=True)
    count = 0
    for role_model in pending:
        erase_role_model(role_model=role_model)
        count += 1
    return count


def has_current_consent(role_model: RoleModel) -> bool:
    return role_model.consents.filter(text_hash=role_model.text_hash, withdrawn_at=None).exists()


@transaction.atomic
def publish_role_model(*, role_model: RoleModel, by) -> RoleModel:
    if not by.has_perm(PUBLISH):
        raise PermissionError(_("Je mag rolmodellen niet publiceren."))
    role_model = RoleModel.objects.select_for_update().get(pk=role_model.pk)
    if not has_current_consent(role_model):
        raise ConsentError(
            _("%(name)s heeft (nog) geen toestemming gegeven voor deze tekst. Vraag eerst toestemming.")
            % {"name": role_model.name}
        )
    role_model.status = RoleModelStatus.PUBLISHED
    role_model.published_at = timezone.now()
    role_model.save(update_fields=["status", "published_at", "updated_at"])
    return role_model


@transaction.atomic
def unpublish_role_model(*, role_model: RoleModel, by) -> RoleModel:
    if not by.has_perm(PUBLISH):
        raise PermissionError(_("Je mag rolmodellen niet publiceren."))
    role_model.status = RoleModelStatus.DRAFT
    role_model.published_at = None
    role_model.save(update_fields=["status", "published_at", "updated_at"])
    return role_model
