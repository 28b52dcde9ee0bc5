"""The employer's profile: what a question records about who asks (kept for statistics)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SizeBand(models.TextChoices):
    S1_9 = "1-9", _("1 tot 10 medewerkers")
    S10_49 = "10-49", _("10 tot 50 medewerkers")
    S50_249 = "50-249", _("50 tot 250 medewerkers")
    S250 = "250+", _("250 of meer medewerkers")


class Sector(models.TextChoices):
    """The sections of the Standaard Bedrijfsindeling (SBI, CBS)."""

    A = "A", _("A Landbouw, bosbouw en visserij")
    B = "B", _("B Delfstoffenwinning")
    C = "C", _("C Industrie")
    D = "D", _("D Energievoorziening")
    E = "E", _("E Waterbedrijven en afvalbeheer")
    F = "F", _("F Bouwnijverheid")
    G = "G", _("G Handel")
    H = "H", _("H Vervoer en opslag")
    I = "I", _("I Logies-, maaltijd- en drankverstrekking")  # noqa: E741
    J = "J", _("J Informatie en communicatie")
    K = "K", _("K Financiële dienstverlening")
    L = "L", _("L Verhuur van en handel in onroerend goed")
    M = "M", _("M Specialistische zakelijke diensten")
    N = "N", _("N Verhuur en overige zakelijke diensten (o.a. uitzendbureaus)")
    O = "O", _("O Openbaar bestuur en overheidsdiensten")  # noqa: E741
    P = "P", _("P Onderwijs")
    Q = "Q", _("Q Gezondheids- en welzijnszorg")
    R = "R", _("R Cultuur, sport en recreatie")
    S = "S", _("S Overige dienstverlening")


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
