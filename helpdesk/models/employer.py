"""The employer's profile: what a question records about who asks (kept for statistics)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Sector and size band are the portal's shared vocabularies (same values as always); the helpdesk
# shows sectors with their SBI letter in front.
from core.choices import SECTOR_CHOICES_WITH_CODE, Sector, SizeBand

__all__ = ["SECTOR_CHOICES_WITH_CODE", "CharterStatus", "Province", "Sector", "SizeBand"]


class Province(models.TextChoices):
    DR = "drenthe", _("Drenthe")
    FL = "flevoland", _("Flevoland")
    FR = "friesland", _("Fryslân")
    GE = "gelderland", _("Gelderland")
    GR = "groningen", _("Groningen")
    LI = "limburg", _("Limburg")
    NB = "noord-brabant", _("Noord-Brabant")
    NH = "noord-holland", _("Noord-Holland")
    OV = "overijssel", _("Overijssel")
    UT = "utrecht", _("Utrecht")
    ZE = "zeeland", _("Zeeland")
    ZH = "zuid-holland", _("Zuid-Holland")


class CharterStatus(models.TextChoices):
    SIGNATORY = "ja", _("Ja, wij hebben het Charter Diversiteit ondertekend")
    NOT_SIGNATORY = "nee", _("Nee")
    UNKNOWN = "onbekend", _("Weet ik niet")
