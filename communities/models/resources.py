import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models.networks import Network


class ResourceVisibility(models.TextChoices):
    MEMBERS = "leden", _("Alleen leden")
    PUBLIC = "openbaar", _("Openbaar")


def resource_path(instance, filename: str) -> str:
    # A random name: the original name is kept in the row and only sent as the download name.
    return f"communities/{uuid.uuid4().hex}{PurePosixPath(filename).suffix.lower()}"


class ResourceQuerySet(models.QuerySet):
    def visible_to(self, user):
        public = Q(visibility=ResourceVisibility.PUBLIC, network__is_listed=True)
        return self.filter(public | Q(network__in=Network.objects.participated_by(user)))

    def for_list(self):
        return self.select_related("added_by", "network").order_by("-created_at")


class Resource(models.Model):
    """A link or a file shared in a network (bron). Files are stored privately and served by a view
    that checks access, with the helpdesk's attachment rules (type allowlist, size limit)."""

    network = models.ForeignKey(Network, verbose_name=_("netwerk"), on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("toelichting"), max_length=2000, blank=True)
    url = models.URLField(_("link"), blank=True, max_length=500)
    file = models.FileField(_("bestand"), upload_to=resource_path, blank=True)
    original_name = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    content_type = models.CharField(_("bestandstype"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("grootte (bytes)"), default=0)
    visibility = models.CharField(
        _("wie mag het zien"), max_length=10, choices=ResourceVisibility.choices, default=ResourceVisibility.MEMBERS
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gedeeld door"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("gedeeld op"), default=timezone.now)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bron van een netwerk")
        verbose_name_plural = _("bronnen van netwerken")
        constraints = [
            models.CheckConstraint(
                condition=(Q(url="") & ~Q(file="")) | (~Q(url="") & Q(file="")),
                name="communities_resource_link_or_file",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.visibility == ResourceVisibility.PUBLIC
