"""Rolmodellen (Werkagenda VIA, action F): people who agreed to be visible as a role model.

A profile is public only while its person's consent to exactly the text shown is on record: each
consent keeps who gave it, when, and the exact text (and a hash of it). Editing the profile after
consent changes its text, so the old consent no longer covers it and the profile drops off the
public pages until the person agrees again. The person can withdraw through a private link (only
the SHA-256 of its token is stored); that unpublishes the profile and erases its personal data at
once (communities.consent.erase_role_model), keeping only the proof that there was a consent.
"""

import hashlib
import uuid
from pathlib import PurePosixPath

from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def photo_path(instance: "RoleModel", filename: str) -> str:
    """A random file name in private media: photos are served only for published profiles."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"rolmodellen/{uuid.uuid4().hex}{suffix}"


class RoleModelStatus(models.TextChoices):
    DRAFT = "concept", _("Concept")
    PUBLISHED = "gepubliceerd", _("Gepubliceerd")
    WITHDRAWN = "ingetrokken", _("Toestemming ingetrokken")


class RoleModelQuerySet(models.QuerySet):
    def published(self):
        """Published AND covered by a consent, not withdrawn, to the exact current text."""
        covering = RoleModelConsent.objects.filter(
            role_model=OuterRef("pk"), text_hash=OuterRef("text_hash"), withdrawn_at__isnull=True
        )
        return self.filter(status=RoleModelStatus.PUBLISHED).filter(Exists(covering))

    def for_list(self):
        return self.only("slug", "name", "job_title", "organisation", "photo", "message", "status", "text_hash")


class RoleModel(models.Model):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("naam"), max_length=120)
    job_title = models.CharField(_("rol of functie"), max_length=120)
    organisation = models.CharField(_("organisatie"), max_length=200)
    photo = models.ImageField(
        _("foto"),
        upload_to=photo_path,
        blank=True,
        validators=[FileExtensionValidator(["jpg", "jpeg", "png"])],
        help_text=_("JPEG of PNG. Alleen zichtbaar zolang het profiel gepubliceerd is."),
    )
    message = models.TextField(_("boodschap"), help_text=_("De boodschap van deze persoon, in eigen woorden."))
    what_they_did = models.TextField(_("wat deze persoon deed"))
    # Personal data used only to send the private consent link; never shown on the site.
    email = models.EmailField(_("e-mailadres (voor de toestemmingslink)"))
    status = models.CharField(
        _("status"), max_length=20, choices=RoleModelStatus.choices, default=RoleModelStatus.DRAFT
    )
    # SHA-256 of consent_text(); kept current in save(), compared with the consents' hashes.
    text_hash = models.CharField(max_length=64, editable=False, default="")
    # The private link for consent and withdrawal: only the hash of its token is stored.
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True, editable=False)
    # Set when withdrawal erased the profile's personal data: what is left is the consent record.
    erased_at = models.DateTimeField(_("gegevens gewist op"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)

    objects = RoleModelQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("rolmodel")
        verbose_name_plural = _("rolmodellen")
        permissions = [("publish_rolemodel", _("Rolmodellen publiceren"))]

    def __str__(self) -> str:
        if self.erased_at is not None:
            return gettext("Rolmodel %(number)s (gegevens gewist)") % {"number": self.pk}
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # After the save: a new photo has its final (random) file name only now.
        text_hash = self.hash(self.consent_text())
        if text_hash != self.text_hash:
            self.text_hash = text_hash
            type(self).objects.filter(pk=self.pk).update(text_hash=text_hash)

    def get_absolute_url(self) -> str:
        return reverse("communities:role_model_detail", kwargs={"slug": self.slug})

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    def consent_text(self) -> str:
        """Exactly what the person agrees to see published. Kept in Dutch on purpose: it is the
        text of a consent, and must read the same whatever language the editor uses."""
        photo = "ja" if self.photo else "nee"
        if self.photo:
            photo += f" (bestand {PurePosixPath(self.photo.name).name})"
        return (
            f"Naam: {self.name}\n"
            f"Rol: {self.job_title}\n"
            f"Organisatie: {self.organisation}\n"
            f"Foto: {photo}\n"
            f"Boodschap: {self.message}\n"
            f"Wat ik deed: {self.what_they_did}"
        )

    @staticmethod
    def hash(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()


class RoleModelConsent(models.Model):
    """A person's consent to publish one exact text of their profile; withdrawable."""

    role_model = models.ForeignKey(RoleModel, on_delete=models.CASCADE, related_name="consents")
    given_by = models.CharField(_("gegeven door"), max_length=120)
    given_at = models.DateTimeField(_("gegeven op"), default=timezone.now)
    text = models.TextField(_("tekst waarvoor toestemming is gegeven"))
    text_hash = models.CharField(max_length=64)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        ordering = ["-given_at", "-pk"]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")

    def __str__(self) -> str:
        return f"{self.given_by} {self.given_at:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
