"""Vocabularies shared by more than one app (the menukaart's examples, the doe-netwerken).

The values are the same as the helpdesk's own `Sector` and `SizeBand`, so answers can be compared
across apps; the labels here leave out the SBI letter, as they are shown to the public.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SizeBand(models.TextChoices):
    S1_9 = "1-9", _("1 tot 10 medewerkers")
    S10_49 = "10-49", _("10 tot 50 medewerkers")
    S50_249 = "50-249", _("50 tot 250 medewerkers")
    S250 = "250+", _("250 of meer medewerkers")


class Sector(models.TextChoices):
    """The sections of the Standaard Bedrijfsindeling (SBI, CBS)."""

    A = "A", _("Landbouw, bosbouw en visserij")
    B = "B", _("Delfstoffenwinning")
    C = "C", _("Industrie")
    D = "D", _("Energievoorziening")
    E = "E", _("Waterbedrijven en afvalbeheer")
    F = "F", _("Bouwnijverheid")
    G = "G", _("Handel")
    H = "H", _("Vervoer en opslag")
    I = "I", _("Logies-, maaltijd- en drankverstrekking")  # noqa: E741
    J = "J", _("Informatie en communicatie")
    K = "K", _("Financiële dienstverlening")
    L = "L", _("Verhuur van en handel in onroerend goed")
    M = "M", _("Specialistische zakelijke diensten")
    N = "N", _("Verhuur en overige zakelijke diensten (o.a. uitzendbureaus)")
    O = "O", _("Openbaar bestuur en overheidsdiensten")  # noqa: E741
    P = "P", _("Onderwijs")
    Q = "Q", _("Gezondheids- en welzijnszorg")
    R = "R", _("Cultuur, sport en recreatie")
    S = "S", _("Overige dienstverlening")
