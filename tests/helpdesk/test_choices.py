"""The helpdesk uses the portal's shared Sector and SizeBand (core.choices): same stored values,
and sectors read as before, with their SBI letter in front."""

from django.utils import translation

from core import choices
from helpdesk.models import Ticket


def test_the_helpdesk_stores_the_shared_values():
    assert [value for value, _label in Ticket._meta.get_field("sector").choices] == choices.Sector.values
    assert Ticket._meta.get_field("size_band").choices == choices.SizeBand.choices


def test_sectors_show_their_sbi_letter_in_front():
    with translation.override("nl"):
        labels = dict((value, str(label)) for value, label in Ticket._meta.get_field("sector").choices)
    assert labels["A"] == "A Landbouw, bosbouw en visserij"
    assert labels["N"] == "N Verhuur en overige zakelijke diensten (o.a. uitzendbureaus)"
    assert Ticket(sector="F").get_sector_display() == "F Bouwnijverheid"
